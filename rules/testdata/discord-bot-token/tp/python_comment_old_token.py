import os

# old token, rotated? {{bot.2016}}
TOKEN = os.environ["DISCORD_TOKEN"]
