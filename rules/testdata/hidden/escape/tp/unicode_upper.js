const TOKEN = "{{UESC:bot.legacy}}";
