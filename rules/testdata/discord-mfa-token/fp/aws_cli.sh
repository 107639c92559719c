aws sts get-session-token --serial-number arn:aws:iam::123456789012:mfa/alice --token-code 123456
