String hook = "{{fake.webhookid}}";
