public static class Notifier
{
    private const string Webhook = "{{webhook.19}}";
}
