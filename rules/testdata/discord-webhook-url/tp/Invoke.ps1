Invoke-RestMethod -Uri "{{webhook.v10}}" -Method Post -Body (@{content="hi"} | ConvertTo-Json) -ContentType 'application/json'
