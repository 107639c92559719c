import discord

hook = discord.SyncWebhook.from_url("{{webhook.app}}")
hook.send("hi")
