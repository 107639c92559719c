PATTERN = re.compile(r"[MNO][A-Za-z\d_\-]{23,25}\.[\w\-]{6}\.[\w\-]{27,38}\b|mfa\.[\w\-]{84}\b|https:\/\/discord\.com\/api\/webhooks\/\d+\/[\w\-]+")
