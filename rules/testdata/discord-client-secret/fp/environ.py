import discord
CLIENT_SECRET = os.environ["DISCORD_CLIENT_SECRET"]
