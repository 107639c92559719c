import requests

headers = {"Authorization": "{{mfa.-first}}"}
print(requests.get("https://discord.com/api/v9/users/@me", headers=headers).json())
