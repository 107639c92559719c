package notify

import (
	"net/http"
	"strings"
)

const hook = "{{webhook.-last}}"

func Send(msg string) error {
	_, err := http.Post(hook, "application/json", strings.NewReader(`{"content":"`+msg+`"}`))
	return err
}
