const hook = "https://discord.com/api/webhooks/" + "{{webhook@t[33:52]}}" + "{{@t[52:]}}";
