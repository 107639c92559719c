curl -X POST https://discord.com/api/oauth2/token \
  -d client_id={{fake.id}} \
  -d client_secret={{secret.-last}} \
  -d grant_type=client_credentials -d scope=identify
