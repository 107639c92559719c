import os
WEBHOOK = os.environ["DISCORD_WEBHOOK_URL"]
