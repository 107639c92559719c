USER = "{{mfa}}"
BOT = "{{bot}}"
