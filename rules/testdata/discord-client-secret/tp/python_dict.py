DISCORD = {
    "client_id": "{{fake.id}}",
    "client_secret": "{{secret._last}}",
    "token_url": "https://discord.com/api/oauth2/token",
}
