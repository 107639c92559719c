app.post('/api/webhooks/:id/:token', handler);
router.get("https://discord.com/api/webhooks/:id/:token", proxy);
