curl "https://relay.example.com/start?t={{pctlow:bot.legacy}}"
