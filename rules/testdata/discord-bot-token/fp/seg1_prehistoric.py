TOKEN = "{{fake.prehist}}"
