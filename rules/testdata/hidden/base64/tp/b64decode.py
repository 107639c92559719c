import base64

# "obfuscated" so that nobody steals it
TOKEN = base64.b64decode("{{b64:bot.legacy}}").decode()
client.run(TOKEN)
