curl -X POST -H 'Content-Type: application/json' --data '{"text":"hi"}' "{{webhook.v10}}/slack"
