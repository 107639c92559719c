const TOKEN: &str = "{{fake.seg2short}}";
