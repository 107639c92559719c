TOKEN = "{{rev:bot}}"[::-1]
