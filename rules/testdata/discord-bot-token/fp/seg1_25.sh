export DISCORD_TOKEN="{{fake.seg1-25}}"
