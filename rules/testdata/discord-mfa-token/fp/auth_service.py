def login(self, user):
    if self.mfa.required(user):
        return self.mfa.challenge(user, method="totp")
