import net.dv8tion.jda.api.JDABuilder;

public class Main {
    public static void main(String[] args) throws Exception {
        JDABuilder.createDefault("{{bot.2021}}")
            .build()
            .awaitReady();
    }
}
