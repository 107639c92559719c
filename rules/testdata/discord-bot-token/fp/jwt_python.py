import jwt

SESSION = "{{fake.jwt}}"
claims = jwt.decode(SESSION, options={"verify_signature": False})
