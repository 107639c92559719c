package rules

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

func TestLooksJWT(t *testing.T) {
	r := testtoken.New(21)
	enc := base64.RawURLEncoding.EncodeToString
	jwt := testtoken.JWT(r)
	parts := strings.Split(jwt, ".")
	for _, tc := range []struct {
		name string
		in   string
		want bool
	}{
		{"signed", jwt, true},
		{"unsigned (alg none)", enc([]byte(`{"alg":"none"}`)) + "." + parts[1] + ".", true},
		{"encrypted", enc([]byte(`{"alg":"RSA-OAEP","enc":"A256GCM"}`)) + "." + testtoken.RandomB64(r, 342) + "." +
			testtoken.RandomB64(r, 16) + "." + testtoken.RandomB64(r, 60) + "." + testtoken.RandomB64(r, 22), true},
		{"bot token", testtoken.BotToken(r), false},
		{"legacy token", testtoken.LegacyToken(r), false},
		{"header without alg", enc([]byte(`{"typ":"JWT"}`)) + "." + parts[1] + "." + parts[2], false},
		{"alg not a string", enc([]byte(`{"alg":1}`)) + "." + parts[1] + "." + parts[2], false},
		{"header not JSON", enc([]byte(`alg=HS256`)) + "." + parts[1] + "." + parts[2], false},
		{"four parts", jwt + ".abc", false},
		{"two parts", parts[0] + "." + parts[1], false},
		{"empty payload", parts[0] + ".." + parts[2], false},
		{"padded header", parts[0] + "==." + parts[1] + "." + parts[2], false},
		{"eyJ and random", "eyJ" + testtoken.RandomB64(r, 30) + "." + parts[1] + "." + parts[2], false},
		{"three random parts", testtoken.RandomB64(r, 24) + "." + testtoken.RandomB64(r, 6) + "." + testtoken.RandomB64(r, 38), false},
		{"empty", "", false},
	} {
		if got := LooksJWT(tc.in); got != tc.want {
			t.Errorf("%s: LooksJWT = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestLooksPlaceholderExported checks that the exported check is the one
// the rules use.
func TestLooksPlaceholderExported(t *testing.T) {
	r := testtoken.New(22)
	for _, s := range []string{strings.Repeat("x", 27), "XXXX-XXXX-XXXX-XXXX", testtoken.RandomB64(r, 38), testtoken.RandomB64(r, 68)} {
		if LooksPlaceholder(s) != looksPlaceholder([]byte(s)) {
			t.Errorf("LooksPlaceholder(%.10q…) differs from the rules' check", s)
		}
	}
}
