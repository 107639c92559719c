export TOKEN="mfa.${MFA_TOKEN_BODY}"
