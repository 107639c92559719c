package verify

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/leakcord/leakcord/rules"
)

// Secret is one credential to check: the rule that found it and the secret
// as found (a token, or a webhook URL through its token).
type Secret struct {
	RuleID string
	Value  string
}

// kind is what a secret is checked as.
type kind int

const (
	kindToken        kind = iota // bot or user token (bot first)
	kindUserToken                // only a user token: mfa. tokens
	kindWebhook                  // webhook URL
	kindClientSecret             // never checked
)

// target is a secret parsed for checking.
type target struct {
	kind      kind
	token     string // kindToken, kindUserToken
	hookID    string // kindWebhook
	hookToken string // kindWebhook
	key       string // cache key: hex SHA-256 of the kind and the canonical secret
}

var (
	errNotToken   = errors.New("not a token")
	errNotWebhook = errors.New("not a webhook URL")
	errNoCheck    = errors.New("no live check for this kind of secret")
)

// parse classifies s and checks that it can be sent safely.
func parse(s Secret) (target, error) {
	var t target
	switch s.RuleID {
	case rules.IDBotToken, rules.IDMFAToken:
		if !tokenChars(s.Value) {
			return t, errNotToken
		}
		t.kind, t.token = kindToken, s.Value
		if s.RuleID == rules.IDMFAToken {
			t.kind = kindUserToken
		}
		t.key = hashKey("token", s.Value)
	case rules.IDWebhookURL:
		id, tok, ok := splitWebhook(s.Value)
		if !ok {
			return t, errNotWebhook
		}
		t.kind, t.hookID, t.hookToken = kindWebhook, id, tok
		// The same webhook on discord.com and discordapp.com, with or
		// without an API version, is one secret.
		t.key = hashKey("webhook", id+"/"+tok)
	case rules.IDClientSecret:
		t.kind = kindClientSecret
	default:
		return t, errNoCheck
	}
	return t, nil
}

// tokenChars reports whether s is a non-empty run of base64url characters
// and dots, short enough to be a token: nothing else is put in a header.
func tokenChars(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isB64(c) && c != '.' {
			return false
		}
	}
	return true
}

// splitWebhook returns the ID and token of a webhook URL
// ".../webhooks/ID/TOKEN[/slack|?wait=true|...]". The ID must be 17 to 20
// digits and the token 1 to 100 base64url characters, so that nothing but
// an ID and a token is put in the path.
func splitWebhook(u string) (id, token string, ok bool) {
	i := strings.LastIndex(u, "/webhooks/")
	if i < 0 {
		return "", "", false
	}
	rest := u[i+len("/webhooks/"):]
	n := 0
	for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
		n++
	}
	if n < 17 || n > 20 || n == len(rest) || rest[n] != '/' {
		return "", "", false
	}
	id, rest = rest[:n], rest[n+1:]
	m := 0
	for m < len(rest) && isB64(rest[m]) {
		m++
	}
	if m == 0 || m > 100 {
		return "", "", false
	}
	if m < len(rest) && rest[m] != '/' && rest[m] != '?' && rest[m] != '#' {
		return "", "", false
	}
	return id, rest[:m], true
}

func isB64(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

func hashKey(kind, s string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + s))
	return hex.EncodeToString(sum[:])
}

// redactions returns the strings that must never appear in output for t,
// and what to print instead.
func (t target) redactions() []string {
	var r []string
	add := func(s string) {
		if len(s) >= 6 {
			r = append(r, s, s[:min(4, len(s)/4)]+"…")
		}
	}
	add(t.token)
	add(t.hookToken)
	return r
}
