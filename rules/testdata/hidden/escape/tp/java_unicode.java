class Secrets {
    static final String TOKEN = "{{uesc:bot.2015cur}}";
}
