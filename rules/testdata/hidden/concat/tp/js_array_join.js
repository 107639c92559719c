const token = ["{{bot.legacy@t[0:20]}}", "{{@t[20:]}}"].join("");
