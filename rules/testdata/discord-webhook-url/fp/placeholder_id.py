WEBHOOK = "https://discord.com/api/webhooks/123456789012345678/{{fake.b64-68}}"
