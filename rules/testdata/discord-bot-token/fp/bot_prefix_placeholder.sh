curl -H "Authorization: Bot ${DISCORD_TOKEN}" https://discord.com/api/v10/users/@me
