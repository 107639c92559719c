TOKEN = '{{fake.notdigits}}'
