package rules

import (
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

func TestLooksPlaceholder(t *testing.T) {
	r := testtoken.New(11)
	random84 := testtoken.RandomB64(r, 84)
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"empty", "", true},
		{"x filler", strings.Repeat("x", 38), true},
		{"grouped X filler", "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXX", true},
		{"lower-case alphabet", "abcdefghijklmnopqrstuvwxyz0", true},
		{"digits", "0123456789012345678901234567", true},
		{"descending", "zyxwvu" + testtoken.RandomB64(r, 21), true},
		{"six of a kind inside", testtoken.RandomB64(r, 10) + "aaaaaa" + testtoken.RandomB64(r, 11), true},
		{"three characters repeated", strings.Repeat("aB3", 9), true},
		{"seg2 sequence", "abcdef", true},
		{"seg2 same", "AAAAAA", true},
		{"many x among 38", "x1xAxbx-xQxZxrx9xkx" + testtoken.RandomB64(r, 19), true},
		{"low entropy", "abababababcdcdcdcdcdefefefefefghghgh", true},
		{"random 27", testtoken.RandomB64(r, 27), false},
		{"random 38", testtoken.RandomB64(r, 38), false},
		{"random 68", testtoken.RandomB64(r, 68), false},
		{"random 84", random84, false},
		{"seg2 legacy", "Cl2FMQ", false},
		{"seg2 current", "GxR2vb", false},
		// Regression: a long random secret holds a few x or X by chance;
		// 8 of them among 84 characters is not filler.
		{"8 x among 84 random", "x" + random84[1:10] + "x" + random84[11:20] + "X" + random84[21:30] + "x" + random84[31:40] +
			"x" + random84[41:50] + "X" + random84[51:60] + "x" + random84[61:70] + "x" + random84[71:], false},
		// Regression: mixed-case neighbours are not an alphabet sequence.
		{"aBcDe inside random", testtoken.RandomB64(r, 10) + "aBcDe" + testtoken.RandomB64(r, 12), false},
		{"five ascending", testtoken.RandomB64(r, 10) + "abcde" + testtoken.RandomB64(r, 12), false},
	}
	for _, tt := range tests {
		if got := looksPlaceholder([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: looksPlaceholder(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestLooksPlaceholderRandom is the regression test for random secrets
// taken for filler: before the thresholds scaled with length, about one in
// 200 mfa tokens, one in 700 webhook tokens and one in 15 000 current bot
// tokens were dropped. The design rate is below 1e-6 for every length the
// rules check; the test allows 1e-5, so that it stays stable yet catches
// any of the old rates.
func TestLooksPlaceholderRandom(t *testing.T) {
	// Not fewer under -short: with 20,000 samples a single rejection is a
	// rate of 5e-5, and the seeded stream holds one (a run "wvutsr" by
	// chance) among its first 120,000 secrets.
	const n = 200000
	r := testtoken.New(12)
	for _, size := range []int{27, 32, 38, 60, 68, 84} {
		rejected := 0
		for i := 0; i < n; i++ {
			if looksPlaceholder([]byte(testtoken.RandomB64(r, size))) {
				rejected++
			}
		}
		if rate := float64(rejected) / float64(n); rate > 1e-5 {
			t.Errorf("%d of %d random %d-character secrets taken for placeholders (rate %.2g)", rejected, n, size, rate)
		}
	}
}

func TestPlaceholderID(t *testing.T) {
	for in, want := range map[string]bool{
		"111111111111111111":  true,
		"123456789012345678":  true,
		"987654321098765432":  true,
		"100000000000000000":  true,
		"198622483471925248":  false,
		"1143503308481384529": false,
	} {
		if got := placeholderID(in); got != want {
			t.Errorf("placeholderID(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestLooksIdentifier(t *testing.T) {
	for in, want := range map[string]bool{
		"discordClientSecretFromEnvConfig": true,
		"YOUR_DISCORD_APP_CLIENT_SECRET_X": true,
		"my-discord-oauth-client-secret-x": true,
		"discord_oauth_client_secret_vals": true,
		"discordClientSecretFromEnvConfi9": false,
		"discordCLientSecretFromEnvConfig": false,
		"AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEF": false,
		"aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeF": false,
	} {
		if got := looksIdentifier([]byte(in)); got != want {
			t.Errorf("looksIdentifier(%q) = %v, want %v", in, got, want)
		}
	}
}
