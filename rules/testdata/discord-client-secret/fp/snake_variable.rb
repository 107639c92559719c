# discord
client_secret = discord_oauth_client_secret_vals
