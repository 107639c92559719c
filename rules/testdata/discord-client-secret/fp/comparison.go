package auth

// discord
func check(clientSecret string) bool { return clientSecret == expectedSecret }
