TOKEN = f"{{bot@t[0:40]}}" f"{{@t[40:]}}"
