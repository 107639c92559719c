return { token = "{{mfa.-first}}" }
