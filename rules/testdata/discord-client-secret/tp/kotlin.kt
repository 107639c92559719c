object DiscordConfig {
    const val CLIENT_SECRET = "{{secret.-last}}"
}
