url = "{{webhook.t60}}?wait=true"
