String token = new StringBuilder("{{rev:bot.2022cur}}").reverse().toString();
