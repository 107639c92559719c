String token = "{{fake.xfill@t[0:30]}}"
    + "{{@t[30:]}}";
