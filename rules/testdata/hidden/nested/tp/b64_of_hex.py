T = "{{b64:hex:bot.2021}}"
