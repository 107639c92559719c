package rules

import (
	"bytes"
	"cmp"
	"slices"
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
)

// Find reports every client secret in data.
func (ClientSecretRule) Find(data []byte, now time.Time, emit func(Candidate)) {
	var found []Candidate
	for _, needle := range [...]string{"ecret", "ECRET"} {
		for i := 0; i < len(data); {
			j := bytes.Index(data[i:], []byte(needle))
			if j < 0 {
				break
			}
			k := i + j
			i = k + len(needle)
			if k == 0 || (data[k-1] != 's' && data[k-1] != 'S') {
				continue
			}
			if c, ok := matchClientSecret(data, k-1); ok {
				found = append(found, c)
				i = c.End
			}
		}
	}
	slices.SortFunc(found, func(a, b Candidate) int { return cmp.Compare(a.Start, b.Start) })
	for i, c := range found {
		if i > 0 && c.Start == found[i-1].Start {
			continue
		}
		emit(c)
	}
}

// matchClientSecret checks the assignment whose key contains "secret" at k.
func matchClientSecret(data []byte, k int) (Candidate, bool) {
	ks := k
	for ks > 0 && isKeyByte(data[ks-1]) {
		ks--
	}
	ke := k
	for ke < len(data) && isKeyByte(data[ke]) {
		ke++
	}
	key := data[ks:ke]
	if !containsFold(key, "client") && !containsFold(key, "oauth") && !containsFold(key, "app") &&
		!containsFold(key, "discord") {
		return Candidate{}, false
	}
	vs, ok := skipAssignment(data, ke)
	if !ok {
		return Candidate{}, false
	}
	ve := runFwd(data, vs, clientSecretLen+1)
	if ve-vs != clientSecretLen || (ve < len(data) && data[ve] == '.') {
		return Candidate{}, false
	}
	val := data[vs:ve]
	if looksPlaceholder(val) || allHex(val) {
		return Candidate{}, false
	}
	if !containsFold(key, "discord") && !containsFold(window(data, ks-contextBefore, ve+contextAfter), "discord") {
		return Candidate{}, false
	}
	return Candidate{
		RuleID: IDClientSecret, Severity: Medium, Start: vs, End: ve, Secret: string(val),
	}, true
}

// skipAssignment skips what separates a key from its value: closing quotes,
// spaces, an operator (= : := => -> , ( >) and an opening quote. It returns
// where the value starts.
func skipAssignment(data []byte, p int) (int, bool) {
	p = skipAny(data, p, "\"'` \t]")
	ops := 0
	for p < len(data) && ops < 2 {
		switch data[p] {
		case '=', ':', ',', '(', '>', '-':
			if data[p] == '-' && (p+1 >= len(data) || data[p+1] != '>') {
				return 0, false
			}
			p++
			ops++
			continue
		}
		break
	}
	if ops == 0 {
		return 0, false
	}
	p = skipAny(data, p, " \t")
	p = skipAny(data, p, "\"'`")
	return p, p < len(data)
}

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
