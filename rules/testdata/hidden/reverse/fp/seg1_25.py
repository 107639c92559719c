T = "{{rev:fake.seg1-25}}"[::-1]
