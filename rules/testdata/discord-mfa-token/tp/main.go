package main

import "net/http"

func main() {
	req, _ := http.NewRequest("GET", "https://discord.com/api/v9/users/@me", nil)
	req.Header.Set("Authorization", "{{mfa}}")
	http.DefaultClient.Do(req)
}
