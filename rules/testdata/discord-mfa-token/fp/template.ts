const token = `mfa.${body}`;
