const string Token = "{{UESC:bot.new18}}";
