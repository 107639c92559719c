const DISCORD_CLIENT_SECRET: &str = "{{secret.-first}}";
