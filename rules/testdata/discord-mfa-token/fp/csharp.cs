var ok = await _mfa.ValidateAsync(user, code);
options.Tokens.ProviderMap["mfa.email"] = new TokenProviderDescriptor(typeof(EmailTokenProvider<User>));
