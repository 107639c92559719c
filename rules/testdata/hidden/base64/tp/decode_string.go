package main

import "encoding/base64"

func token() string {
	raw, _ := base64.StdEncoding.DecodeString("{{b64:bot.2015}}")
	return string(raw)
}
