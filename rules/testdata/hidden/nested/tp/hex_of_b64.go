package config

const blob = "{{hex:b64:bot.new18}}"
