var token = string.Concat("{{bot.2018cur@t[0:40]}}", "{{@t[40:]}}");
