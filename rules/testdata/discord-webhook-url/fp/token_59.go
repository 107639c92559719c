package fixtures

const hook = "{{fake.webhook59}}"
