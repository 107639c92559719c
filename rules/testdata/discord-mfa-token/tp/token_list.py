TOKENS = [
    "{{mfa}}",
    "{{mfa._last}}",
]
