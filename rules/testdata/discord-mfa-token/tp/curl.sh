curl -H 'authorization: {{mfa}}' https://discord.com/api/v9/users/@me
