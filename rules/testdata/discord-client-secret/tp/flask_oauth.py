from flask import Flask
from requests_oauthlib import OAuth2Session

API_BASE_URL = "https://discord.com/api"
OAUTH2_CLIENT_ID = "{{fake.id}}"
OAUTH2_CLIENT_SECRET = "{{secret}}"
