SESSION = "{{fake.revjwt}}"[::-1]
