const string Token = "{{fake.seg3short}}";
