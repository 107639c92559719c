TOKEN = "{{fake.future@t[0:30]}}" + "{{@t[30:]}}"
