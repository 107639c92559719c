static const char *token = "{{bot.2021@t[0:40]}}" "{{@t[40:]}}";
