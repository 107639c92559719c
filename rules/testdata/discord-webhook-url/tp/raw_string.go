package config

var WebhookURL = `{{webhook._last}}`
