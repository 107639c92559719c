class Fixture { static final String TOKEN = "{{fake.seg3long}}"; }
