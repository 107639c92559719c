resource "example_oauth_app" "discord" {
  client_secret = "{{secret._first}}"
}
