suspend fun main() {
    val kord = Kord("{{bot.recent}}")
    kord.login()
}
