MFA_ENABLED = True
INSTALLED_APPS += ["mfa"]
MFA_SETTINGS = {"mfa.totp.issuer": "Example", "mfa.recovery_codes": 10}
