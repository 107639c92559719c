const WEBHOOK: &str = "{{webhook.bare}}";
