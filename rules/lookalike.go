package rules

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// Look-alikes, exported for diagnostics (leakcord doctor) that must say why
// a value is not a credential, with the same judgement the rules use to
// ignore it.

// LooksPlaceholder reports whether s, the random part of a secret (a
// token's last segment, a webhook token, an mfa. token's body, a client
// secret), is filler rather than random: the check that keeps the rules
// from reporting "xxxx…" placeholders. A random part of 6 to 84 characters
// trips it with a probability below about one in a million. It is not meant
// for a token's first segment or a decimal ID, which are not random.
func LooksPlaceholder(s string) bool { return looksPlaceholder([]byte(s)) }

// LooksJWT reports whether s is a JSON Web Token: three dot-separated
// base64url parts (five for an encrypted one) whose first decodes to a JSON
// object with an "alg" member, as "eyJhbGciOi…" does. The rules never
// report one: its first part does not decode to a Discord ID, and a token
// match must not continue into further dotted parts.
func LooksJWT(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 && len(parts) != 5 || parts[0] == "" || parts[1] == "" && len(parts) == 3 {
		return false
	}
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			if !isB64(p[i]) {
				return false
			}
		}
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return false
	}
	var header map[string]json.RawMessage
	if json.Unmarshal(raw, &header) != nil {
		return false
	}
	alg, ok := header["alg"]
	return ok && len(alg) > 2 && alg[0] == '"'
}
