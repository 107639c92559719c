resource "example_notifier" "discord" {
  url = "{{webhook.19}}"
}
