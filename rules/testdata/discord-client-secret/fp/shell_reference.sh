# discord
export DISCORD_CLIENT_SECRET="${DISCORD_CLIENT_SECRET:-}"
curl -d "client_secret=$DISCORD_CLIENT_SECRET" https://discord.com/api/oauth2/token
