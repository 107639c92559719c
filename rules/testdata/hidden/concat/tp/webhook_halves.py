WEBHOOK = ("{{webhook.canary@t[0:60]}}"
           "{{@t[60:]}}")
