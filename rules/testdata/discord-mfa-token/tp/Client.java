public class Client {
    private static final String TOKEN = "{{mfa.-last}}";
}
