const HOOK: &str = "{{fake.webhooklong}}";
