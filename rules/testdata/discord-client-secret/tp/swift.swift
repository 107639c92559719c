let discordClientSecret = "{{secret._last}}"
