const hook = "{{fake.webhookshort}}";
