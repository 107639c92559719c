package verify

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/fakediscord"
	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
)

// newRand returns a generator seeded by the test's name, so that each test
// has its own secrets.
func newRand(t *testing.T) *rand.Rand {
	var h uint64 = 14695981039346656037
	for _, c := range []byte(t.Name()) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return testtoken.New(h)
}

// newVerifier returns an unpaced verifier against fake, with opts applied.
func newVerifier(t *testing.T, fake *fakediscord.Server, opts Options) *Verifier {
	t.Helper()
	opts.BaseURL = fake.URL()
	if opts.Rate == 0 {
		opts.Rate = -1
	}
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.Version == "" {
		opts.Version = "1.2.3-test"
	}
	v, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Close)
	return v
}

func botSecret(tok string) Secret  { return Secret{RuleID: rules.IDBotToken, Value: tok} }
func mfaSecret(tok string) Secret  { return Secret{RuleID: rules.IDMFAToken, Value: tok} }
func hookSecret(url string) Secret { return Secret{RuleID: rules.IDWebhookURL, Value: url} }

// webhookParts returns the ID and token of a generated webhook URL.
func webhookParts(t *testing.T, url string) (id, token string) {
	t.Helper()
	id, token, ok := splitWebhook(url)
	if !ok {
		t.Fatalf("cannot split generated webhook URL")
	}
	return id, token
}

// assertNoSecret fails when any of secrets appears in what a result
// prints: its detail and its identity.
func assertNoSecret(t *testing.T, res Result, secrets ...string) {
	t.Helper()
	text := res.Detail + " " + fmt.Sprint(res.Identity.Map())
	if res.Identity != nil && res.Identity.Application != nil {
		text += fmt.Sprintf(" %+v", *res.Identity.Application)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("result prints a secret (%.6s…): %s", s, res.Detail)
		}
	}
	for _, pii := range []string{"leak-canary@example.invalid", "owner-canary@example.invalid", "+15550100199"} {
		if strings.Contains(text, pii) {
			t.Errorf("result prints an email or phone number: %q", text)
		}
	}
}

func check(t *testing.T, v *Verifier, s Secret) Result {
	t.Helper()
	return v.Check(context.Background(), s)
}
