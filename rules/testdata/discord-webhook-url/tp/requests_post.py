import requests

WEBHOOK_URL = "{{webhook}}"
requests.post(WEBHOOK_URL, json={"content": "deploy finished"})
