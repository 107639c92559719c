from discord_webhook import DiscordWebhook

webhook = DiscordWebhook(url='{{webhook.v10}}', content='Hello')
webhook.execute()
