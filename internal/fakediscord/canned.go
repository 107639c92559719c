package fakediscord

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Forbidden is a 403 with a Discord JSON code, e.g. 40002 ("You need to
// verify your account in order to perform this action").
func Forbidden(code int, message string) Response {
	return Response{
		Status: http.StatusForbidden,
		Body:   fmt.Sprintf(`{"message": %q, "code": %d}`, message, code),
	}
}

// RateLimited is a 429 as Discord sends it: a JSON body with retry_after
// (seconds, fractional) and global, a Retry-After header (whole seconds,
// rounded up), and X-RateLimit-Global and X-RateLimit-Scope ("user",
// "global" or "shared").
func RateLimited(retryAfter time.Duration, global bool, scope string) Response {
	secs := retryAfter.Seconds()
	h := map[string]string{
		"Retry-After":             strconv.Itoa(int(math.Ceil(secs))),
		"X-RateLimit-Scope":       scope,
		"X-RateLimit-Limit":       "5",
		"X-RateLimit-Remaining":   "0",
		"X-RateLimit-Reset-After": strconv.FormatFloat(secs, 'f', 3, 64),
	}
	if global {
		h["X-RateLimit-Global"] = "true"
	}
	return Response{
		Status: http.StatusTooManyRequests,
		Header: h,
		Body:   fmt.Sprintf(`{"message": "You are being rate limited.", "retry_after": %g, "global": %t}`, secs, global),
	}
}

// CloudflareBan is the answer of an IP that Cloudflare blocked: a 429 with an
// HTML body and no Via header.
func CloudflareBan() Response {
	return Response{
		Status: http.StatusTooManyRequests,
		Header: map[string]string{"Content-Type": "text/html", "Retry-After": "3600"},
		Body:   "<!DOCTYPE html><html><head><title>Access denied | discord.com used Cloudflare to restrict access</title></head><body>Error 1015</body></html>",
		NoVia:  true,
	}
}

// BlockedUserAgent is Discord's answer to a request it does not like the
// User-Agent of: a JSON code 40333.
func BlockedUserAgent() Response {
	return Response{
		Status: http.StatusForbidden,
		Body:   `{"message": "internal network error", "code": 40333}`,
	}
}

// ServerError is a 5xx with a short JSON body.
func ServerError(status int) Response {
	return Response{Status: status, Body: fmt.Sprintf(`{"message": "%d: %s", "code": 0}`, status, http.StatusText(status))}
}

// Slow answers normally after d.
func Slow(d time.Duration) Response { return Response{Delay: d} }

// Malformed is a 200 whose body is not JSON.
func Malformed() Response {
	return Response{Status: http.StatusOK, Body: `{"id": "1", "username": `}
}

// Oversized is a 200 whose JSON body is n bytes long.
func Oversized(n int) Response {
	const head, tail = `{"id": "1", "username": "big", "bio": "`, `"}`
	return Response{Status: http.StatusOK, Body: head + strings.Repeat("x", max(0, n-len(head)-len(tail))) + tail}
}

// Redirect is a 302 to loc.
func Redirect(loc string) Response {
	return Response{Status: http.StatusFound, Header: map[string]string{"Location": loc}}
}
