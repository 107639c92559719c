val t = "{{rev:fake.dotted}}".reversed()
