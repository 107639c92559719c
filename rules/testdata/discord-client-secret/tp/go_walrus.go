package main

// discord oauth
func main() {
	clientSecret := "{{secret}}"
	_ = clientSecret
}
