package config

var tok, _ = base64.StdEncoding.DecodeString("{{b64:fake.prehist}}")
