IDS = ",".join(["{{fake.id}}", "{{fake.id19}}", "{{fake.id17}}", "{{fake.id}}"])
