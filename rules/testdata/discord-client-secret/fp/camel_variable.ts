// discord login
const clientSecret = discordClientSecretFromEnvConfig;
