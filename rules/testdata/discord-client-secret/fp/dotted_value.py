# discord
client_secret = settings.secrets.discord_client_secret
