package hooks

var webhookRE = regexp.MustCompile(`https://discord(?:app)?\.com/api/webhooks/(\d{17,20})/([\w-]{68})`)
