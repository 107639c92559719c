URL = "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}"
