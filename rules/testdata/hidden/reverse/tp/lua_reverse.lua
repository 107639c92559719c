local token = string.reverse("{{rev:bot.2018cur}}")
