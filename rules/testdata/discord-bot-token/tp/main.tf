variable "discord_token" {
  type    = string
  default = "{{bot.recent}}"
}
