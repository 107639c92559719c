CONFIG = {
    "prefix": "?",
    "token": "{{bot.2018cur}}",
    "owner_ids": [1, 2],
}
