export DISCORD_TOKEN="{{bot.2022cur@t[0:40]}}""{{@t[40:]}}"
