USER_TOKEN = "{{mfa@t[0:44]}}" + "{{@t[44:]}}"
