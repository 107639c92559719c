T = '{{rev:fake.prehist}}'.reverse
