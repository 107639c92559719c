const token = "{{fake.sameid}}";
