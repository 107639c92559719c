package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// realisticResult returns findings with realistic secrets generated at test
// time (never written to disk), and for each secret the part that must
// never be printed redacted: a token's signature, an mfa. token's body, a
// webhook's token, a whole client secret. One commit message quotes a
// secret of another finding.
func realisticResult(t *testing.T) (*scanner.Result, map[string]string) {
	t.Helper()
	r := testtoken.New(42)
	afterLast := func(s string, sep byte) string { return s[strings.LastIndexByte(s, sep)+1:] }
	type secret struct{ rule, value, core string }
	bot, legacy := testtoken.BotToken(r), testtoken.LegacyToken(r)
	mfa := testtoken.MFAToken(r)
	hook := testtoken.WebhookURL(r, "discord.com", "/v10")
	client := testtoken.ClientSecret(r)
	secrets := []secret{
		{rules.IDBotToken, bot, afterLast(bot, '.')},
		{rules.IDBotToken, legacy, afterLast(legacy, '.')},
		{rules.IDMFAToken, mfa, strings.TrimPrefix(mfa, "mfa.")},
		{rules.IDWebhookURL, hook, afterLast(hook, '/')},
		{rules.IDClientSecret, client, client},
	}
	res := &scanner.Result{Mode: "history"}
	cores := make(map[string]string)
	for i, s := range secrets {
		f := fake(s.rule, rules.High, "leaks.txt", i+1, 1, s.value)
		f.Commit = &scanner.Commit{SHA: "abc", Message: "oops: " + secrets[(i+1)%len(secrets)].value}
		f.Verification.Detail = "saw " + s.value
		res.Findings = append(res.Findings, f)
		cores[s.value] = s.core
	}
	return res, cores
}

// TestNoRawSecretsWhenRedacted renders realistic secrets in every format
// and checks that no secret, nor any 8-character piece of its secret part,
// reaches the output.
func TestNoRawSecretsWhenRedacted(t *testing.T) {
	res, cores := realisticResult(t)
	for _, format := range Formats() {
		for _, color := range []bool{false, true} {
			var buf bytes.Buffer
			if err := Write(&buf, format, res, Options{Color: color}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for s, core := range cores {
				if strings.Contains(out, s) {
					t.Errorf("%s (color %v): raw secret in output", format, color)
				}
				for i := 0; i+8 <= len(core); i++ {
					if strings.Contains(out, core[i:i+8]) {
						t.Errorf("%s (color %v): piece %d of a secret in output", format, color, i)
						break
					}
				}
			}
		}
	}
}

// TestShowSecretsPrintsThem is the counterpart: with ShowSecrets every
// secret appears, so the test above is not passing by printing nothing.
func TestShowSecretsPrintsThem(t *testing.T) {
	res, cores := realisticResult(t)
	for _, format := range Formats() {
		var buf bytes.Buffer
		if err := Write(&buf, format, res, Options{ShowSecrets: true}); err != nil {
			t.Fatal(err)
		}
		for s := range cores {
			if !strings.Contains(buf.String(), s) {
				t.Errorf("%s: secret missing with ShowSecrets", format)
			}
		}
	}
}

// TestRedactorHidesLongestFirst checks that a secret containing another is
// hidden whole, not around the shorter one.
func TestRedactorHidesLongestFirst(t *testing.T) {
	long := "TEST-SECRET-aaaaaaaaaaaaaaaa-bbbbbbbb"
	res := &scanner.Result{Findings: []scanner.Finding{
		fake(rules.IDClientSecret, rules.Medium, "a", 1, 1, "TEST-SECRET-aaaaaaaaaaaaaaaa"),
		fake(rules.IDBotToken, rules.High, "a", 2, 1, long),
	}}
	got := newRedactor(res, Options{}).scrub("x " + long + " y")
	if want := "x " + scanner.Redact(rules.IDBotToken, long) + " y"; got != want {
		t.Errorf("scrub = %q, want %q", got, want)
	}
	if got := newRedactor(res, Options{ShowSecrets: true}).scrub(long); got != long {
		t.Errorf("scrub with ShowSecrets = %q, want it unchanged", got)
	}
}
