import os
DISCORD_CLIENT_SECRET = os.getenv("DISCORD_CLIENT_SECRET", "{{secret}}")
