$Token = '{{mfa._first}}'
Invoke-RestMethod -Uri https://discord.com/api/v9/users/@me -Headers @{ Authorization = $Token }
