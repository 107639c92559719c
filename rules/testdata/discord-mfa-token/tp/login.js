const client = new Client({ checkUpdate: false });
client.login('{{mfa}}');
