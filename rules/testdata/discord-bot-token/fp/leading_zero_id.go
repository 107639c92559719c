package fixtures

const token = "{{fake.zeroid}}"
