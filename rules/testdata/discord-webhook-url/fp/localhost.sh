curl http://localhost:3000/api/webhooks/{{fake.id}}/{{fake.b64-68}}
