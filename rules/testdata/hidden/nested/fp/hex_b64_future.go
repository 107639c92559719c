package config

const blob = "{{hex:b64:fake.future}}"
