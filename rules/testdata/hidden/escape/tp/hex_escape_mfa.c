static const char *user_token = "{{xesc:mfa}}";
