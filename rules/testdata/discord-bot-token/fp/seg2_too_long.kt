val token = "{{fake.seg2long}}"
