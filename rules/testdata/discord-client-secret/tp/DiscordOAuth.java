public final class DiscordOAuth {
    private static final String CLIENT_ID = "{{fake.id}}";
    private static final String CLIENT_SECRET = "{{secret._last}}";
}
