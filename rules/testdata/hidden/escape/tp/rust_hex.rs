const TOKEN: &str = "{{xesc:bot.2022cur}}";
