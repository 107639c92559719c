import discord

client = discord.Client()
client.run("{{mfa}}", bot=False)
