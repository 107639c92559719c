url = "https://discord.com/api/webhooks/" + webhook_id + "/" + webhook_token
headers = {"Authorization": "Bot " + token}
