import os
bot.run(os.getenv("DISCORD_TOKEN"))
