package rules

import (
	"bytes"
	"time"
)

// ClientSecretRule finds Discord OAuth2 client secrets: 32 base64url
// characters assigned to a key such as client_secret, clientSecret,
// oauthSecret or DISCORD_CLIENT_SECRET, with "discord" in the key or within
// a short distance (an import, a library call, a config section). A bare 32
// character string is never reported: without context it cannot be told
// from any other random ID.
type ClientSecretRule struct{}

var _ Rule = ClientSecretRule{}

// Info describes the rule.
func (ClientSecretRule) Info() Info {
	return Info{
		ID:       IDClientSecret,
		Name:     "DiscordClientSecret",
		Title:    "Discord OAuth2 client secret",
		Severity: Medium,
		Description: "A Discord application's OAuth2 client secret (32 characters) assigned to a " +
			"client-secret key near Discord context. With the application ID it lets anyone act as the " +
			"application in OAuth2 flows.",
		Remediation: "Reset the client secret in the Discord Developer Portal (Applications > your app > " +
			"OAuth2 > Reset Secret), then load it from an environment variable or a secret manager.",
	}
}

const (
	clientSecretLen = 32
	// contextBefore and contextAfter bound where "discord" must appear
	// around a client-secret assignment.
	contextBefore = 1024
	contextAfter  = 512
	// maxKeyLen bounds the key of an assignment
	// ("spring.security.oauth2.client.registration.discord.client-secret" is 65).
	maxKeyLen = 96
)

// Find reports every client secret in data.
func (ClientSecretRule) Find(data []byte, now time.Time, emit func(Candidate)) {
	const word = "secret"
	for i := 0; ; {
		k := indexPair(data, i, len(word)-1, 's', 't', true) // "secret" in any case
		if k < 0 {
			return
		}
		i = k + 1
		if !bytes.EqualFold(data[k:k+len(word)], []byte(word)) {
			continue
		}
		if c, ok := matchClientSecret(data, k); ok {
			emit(c)
			i = c.End
		}
	}
}

// matchClientSecret checks the assignment whose key contains "secret" at k.
func matchClientSecret(data []byte, k int) (Candidate, bool) {
	ks := k
	for ks > 0 && k-ks <= maxKeyLen && isKeyByte(data[ks-1]) {
		ks--
	}
	ke := k
	for ke < len(data) && ke-ks <= maxKeyLen && isKeyByte(data[ke]) {
		ke++
	}
	if ke-ks > maxKeyLen {
		return Candidate{}, false // a long run, not a key; also bounds the work per hit
	}
	vs, ok := skipAssignment(data, ke)
	if !ok {
		return Candidate{}, false
	}
	ve := runFwd(data, vs, clientSecretLen+1)
	if ve-vs != clientSecretLen || !endsClean(data, ve) || ve < len(data) && data[ve] == '(' {
		return Candidate{}, false
	}
	key, val := data[ks:ke], data[vs:ve]
	if !containsFold(key, "client") && !containsFold(key, "oauth") && !containsFold(key, "app") &&
		!containsFold(key, "discord") {
		return Candidate{}, false
	}
	if looksPlaceholder(val) || allHex(val) || looksIdentifier(val) {
		return Candidate{}, false
	}
	if !containsFold(key, "discord") && !containsFold(window(data, ks-contextBefore, ve+contextAfter), "discord") {
		return Candidate{}, false
	}
	return Candidate{
		RuleID: IDClientSecret, Severity: Medium, Start: vs, End: ve, Secret: string(val),
	}, true
}

// skipAssignment skips what separates a key from its value and returns
// where the value starts: closing quotes (also JSON-escaped ones such as
// \"), a type annotation (": &str =", ": String =", " string ="), one or
// two operator bytes (= : := => -> , ( >), a wrapping call such as
// "::new(" or "new Secret(", and an opening quote.
func skipAssignment(data []byte, p int) (int, bool) {
	p = skipAny(data, p, "\"'`\\ \t]")
	if q, ok := skipTypeAnnotation(data, p); ok {
		p = q
	} else if p, ok = skipOperator(data, p); !ok {
		return 0, false
	}
	p = skipAny(data, p, " \t")
	p = skipCall(data, p)
	p = skipAny(data, p, "\"'`\\")
	return p, p < len(data)
}

// skipOperator skips one or two operator bytes (= : , ( > and ->); a '-'
// that does not start "->" begins the value.
func skipOperator(data []byte, p int) (int, bool) {
	ops := 0
	for p < len(data) && ops < 2 {
		c := data[p]
		if c == '-' && (p+1 >= len(data) || data[p+1] != '>') {
			break
		}
		if c != '=' && c != ':' && c != ',' && c != '(' && c != '>' && c != '-' {
			break
		}
		p++
		ops++
	}
	return p, ops > 0
}

// maxTypeLen bounds a type annotation between a key and its "=".
const maxTypeLen = 40

// skipTypeAnnotation skips a declared type and the "=" after it, as in
// "CLIENT_SECRET: &str = ", "clientSecret: String = " or Go's
// "clientSecret string = ". It returns false when there is none.
func skipTypeAnnotation(data []byte, p int) (int, bool) {
	q := p
	if q < len(data) && data[q] == ':' {
		q = skipAny(data, q+1, " \t")
	}
	t := q
	for q < len(data) && q-t < maxTypeLen && isTypeByte(data[q]) {
		q++
	}
	if q == t || !isLetter(data[t]) && data[t] != '&' && data[t] != '*' && data[t] != '[' {
		return 0, false
	}
	q = skipAny(data, q, " \t")
	if q+1 >= len(data) || data[q] != '=' || data[q+1] == '=' || data[q+1] == '>' {
		return 0, false
	}
	return q + 1, true
}

func isTypeByte(c byte) bool {
	return isLetter(c) || isDigit(c) || bytes.IndexByte([]byte("_&*<>[]'.:"), c) >= 0
}

// maxCallName bounds the name of a call that wraps a value.
const maxCallName = 24

// skipCall skips a call that wraps a value: "new(", "new Secret(",
// "SecretStr(". A longer name is the value itself.
func skipCall(data []byte, p int) int {
	q := p
	if bytes.HasPrefix(data[q:], []byte("new ")) {
		q += len("new ")
	}
	n := q
	for q < len(data) && q-n <= maxCallName && (isLetter(data[q]) || isDigit(data[q]) || data[q] == '_') {
		q++
	}
	if q == n || q-n > maxCallName || !isLetter(data[n]) || q >= len(data) || data[q] != '(' {
		return p
	}
	return q + 1
}

func isLetter(c byte) bool { return 'A' <= c&^0x20 && c&^0x20 <= 'Z' }

func skipAny(data []byte, p int, set string) int {
	for p < len(data) && bytes.IndexByte([]byte(set), data[p]) >= 0 {
		p++
	}
	return p
}

func isKeyByte(c byte) bool { return isB64(c) || c == '.' }

func allHex(b []byte) bool {
	for _, c := range b {
		if !isHex(c) {
			return false
		}
	}
	return true
}

func window(data []byte, from, to int) []byte {
	return data[max(from, 0):min(to, len(data))]
}

// containsFold reports whether b contains the lower-case ASCII word w in any case.
func containsFold(b []byte, w string) bool {
	for i := 0; i+len(w) <= len(b); i++ {
		if b[i]|0x20 == w[0] && bytes.EqualFold(b[i:i+len(w)], []byte(w)) {
			return true
		}
	}
	return false
}

// looksIdentifier reports whether a value is a name rather than a secret:
// no digits, and either one letter case throughout (SNAKE_CASE, kebab-case)
// or camelCase, where every capital starts a lower-case word. A random
// 32-character secret has this shape with a probability below 1e-7.
func looksIdentifier(b []byte) bool {
	lower, upper, camel := false, false, true
	for i, c := range b {
		switch {
		case isDigit(c):
			return false
		case 'a' <= c && c <= 'z':
			lower = true
		case 'A' <= c && c <= 'Z':
			upper = true
			if i+1 >= len(b) || b[i+1] < 'a' || b[i+1] > 'z' {
				camel = false
			}
		case c == '-':
			camel = false
		}
	}
	return !(lower && upper) || camel
}
