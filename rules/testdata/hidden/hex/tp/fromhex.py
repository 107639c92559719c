TOKEN = bytes.fromhex("{{hex:bot}}").decode()
