$env:DISCORD_CLIENT_SECRET = "{{secret.-last}}"
