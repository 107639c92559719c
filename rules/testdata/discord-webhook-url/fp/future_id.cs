var hook = "{{fake.webhookfuture}}";
