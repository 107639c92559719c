package config

const tokenHex = "0x{{hex:bot.2021}}"
