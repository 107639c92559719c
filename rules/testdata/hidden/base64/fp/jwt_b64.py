SESSION = "{{fake.b64jwt}}"
