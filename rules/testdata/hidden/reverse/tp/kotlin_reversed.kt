val token = "{{rev:bot.recent}}".reversed()
