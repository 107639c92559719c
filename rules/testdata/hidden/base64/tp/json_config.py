# base64 of the bot's JSON config
CONFIG = "{{b64:json:bot.legacy2020}}"
