package auth

import "golang.org/x/oauth2"

var conf = &oauth2.Config{
	ClientID:     "{{fake.id}}",
	ClientSecret: "{{secret._first}}",
	Scopes:       []string{"identify"},
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://discord.com/oauth2/authorize",
		TokenURL: "https://discord.com/api/oauth2/token",
	},
}
