import requests

# user token, sent without the Bot prefix
headers = {"Authorization": "{{bot.2021}}", "Content-Type": "application/json"}
r = requests.get("https://discord.com/api/v9/users/@me/guilds", headers=headers)
print(r.json())
