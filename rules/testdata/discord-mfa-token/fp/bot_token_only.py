# not an mfa token: a regular-looking session id
session = "{{fake.b64}}"
mfa = None
