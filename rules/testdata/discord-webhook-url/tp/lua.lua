local url = "{{webhook._last}}"
