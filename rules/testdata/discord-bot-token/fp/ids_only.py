GUILD_ID = {{fake.id}}
CHANNEL_IDS = [{{fake.id17}}, {{fake.id19}}]
OWNER = "<@{{fake.id}}>"
