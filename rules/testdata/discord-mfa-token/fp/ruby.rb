config.mfa.enabled = true
user.mfa.backup_codes.regenerate!
