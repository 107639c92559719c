import discord

client = discord.Client(intents=discord.Intents.default())
client.run("your-token-here")
