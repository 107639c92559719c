export DISCORD_TOKEN="$(printf '{{xesc:bot.2016}}')"
