# discord
client_secret = loadDiscordClientSecretFromVault()
