// discord oauth
const clientSecret = process.env.DISCORD_CLIENT_SECRET;
