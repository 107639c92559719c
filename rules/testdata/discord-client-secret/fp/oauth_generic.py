oauth = OAuth2Session(client_id="abc", client_secret="{{fake.secret}}")
token = oauth.fetch_token("https://auth.example.test/token")
