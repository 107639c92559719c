T = "{{rev:fake.seq}}"[::-1]
