$env:DISCORD_TOKEN = "{{fake.future}}"
