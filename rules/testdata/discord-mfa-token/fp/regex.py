MFA_RE = re.compile(r"mfa\.[\w-]{84}")
