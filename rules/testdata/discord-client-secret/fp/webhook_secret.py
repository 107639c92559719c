# discord relay
WEBHOOK_SECRET = "{{fake.secret}}"
SIGNING_SECRET = "{{fake.secret}}"
