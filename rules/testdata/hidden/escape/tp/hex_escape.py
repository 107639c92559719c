TOKEN = b"{{xesc:bot.2021}}".decode()
