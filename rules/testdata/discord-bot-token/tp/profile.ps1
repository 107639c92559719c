$env:DISCORD_TOKEN = "{{bot.legacy.seg3-first}}"
node .\index.js
