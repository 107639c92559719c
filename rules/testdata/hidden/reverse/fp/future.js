const t = "{{rev:fake.future}}".split("").reverse().join("");
