let mfa = mfa::Totp::new(secret, 6, 30);
