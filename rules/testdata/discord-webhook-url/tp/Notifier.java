public final class Notifier {
    private static final String WEBHOOK = "{{webhook.17}}";
}
