const jwt = "{{uesc:fake.jwt}}";
