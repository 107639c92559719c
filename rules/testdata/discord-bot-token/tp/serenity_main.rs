use serenity::prelude::*;

#[tokio::main]
async fn main() {
    let token = "{{bot.seg2-last}}";
    let mut client = Client::builder(token, GatewayIntents::GUILD_MESSAGES)
        .await
        .expect("client");
    client.start().await.unwrap();
}
