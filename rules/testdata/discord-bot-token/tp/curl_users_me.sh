#!/bin/sh
curl -sS -H "Authorization: Bot {{bot.seg3-last}}" \
     -H "User-Agent: DiscordBot (https://example.test, 0.1)" \
     https://discord.com/api/v10/users/@me
