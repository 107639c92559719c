String hook = System.getenv("DISCORD_WEBHOOK_URL");
