import { WebhookClient } from 'discord.js';

const hook = new WebhookClient({ url: '{{webhook.canary}}' });
await hook.send('ok');
