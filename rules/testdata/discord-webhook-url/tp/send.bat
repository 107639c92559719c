curl -H "Content-Type: application/json" -d "{\"content\":\"hi\"}" {{webhook.-first}}
