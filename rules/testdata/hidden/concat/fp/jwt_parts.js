const jwt = "{{fake.jwt@j.0}}" + "." + "{{@j.1}}" + "." + "{{@j.2}}";
