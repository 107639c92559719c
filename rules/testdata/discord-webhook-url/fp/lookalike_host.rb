HOOK = 'https://notdiscord.com/api/webhooks/{{fake.id}}/{{fake.b64-68}}'
