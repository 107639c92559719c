TOKEN = '{{rev:bot.new18}}'.reverse
