const token = Buffer.from('{{b64raw:bot.2021}}', 'base64').toString('utf8');
client.login(token);
