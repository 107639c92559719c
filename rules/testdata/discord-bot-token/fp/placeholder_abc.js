// example: client.login('abcdefghijklmnopqrstuvwx.abcdef.abcdefghijklmnopqrstuvwxyz0')
client.login(process.env.DISCORD_TOKEN);
