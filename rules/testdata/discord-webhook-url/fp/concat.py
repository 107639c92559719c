url = "https://discord.com/api/webhooks/" + str(webhook_id) + "/" + token
