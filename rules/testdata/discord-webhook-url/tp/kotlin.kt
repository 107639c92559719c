val webhook = "{{webhook.http}}"
