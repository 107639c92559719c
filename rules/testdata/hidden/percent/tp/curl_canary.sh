curl -s "https://bridge.example.org/relay?url={{pcturl:webhook.canary}}"
