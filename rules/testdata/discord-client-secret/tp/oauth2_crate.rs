use oauth2::{basic::BasicClient, ClientId, ClientSecret};

// discord application
let client = BasicClient::new(ClientId::new("{{fake.id}}".to_string()))
    .set_client_secret(ClientSecret::new("{{secret}}".to_string()));
