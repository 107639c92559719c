BASE = "https://discord.com/api/v10"
requests.get(f"{BASE}/channels/{{fake.id}}/messages")
requests.get(f"{BASE}/guilds/{{fake.id}}/webhooks")
requests.get("https://discord.com/api/v10/channels/{{fake.id}}/webhooks")
