UPDATE settings SET value = '{{webhook.17}}' WHERE key = 'discord_webhook';
