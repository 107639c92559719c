const t = "{{rev:fake.xfill}}".split("").reverse().join("");
