require('dotenv').config();
client.login(process.env.DISCORD_TOKEN);
