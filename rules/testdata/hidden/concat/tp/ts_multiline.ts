const token: string =
  "{{bot.recent@t[0:15]}}" +
  "{{@t[15:45]}}" +
  "{{@t[45:]}}";
