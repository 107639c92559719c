const url = "https://proxy.example.com/?dest={{pcturl:webhook.ptb}}";
