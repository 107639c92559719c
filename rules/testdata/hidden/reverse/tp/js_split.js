const token = "{{rev:bot.legacy}}".split("").reverse().join("");
