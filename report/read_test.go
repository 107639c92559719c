package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// readBack renders res in format and reads it back.
func readBack(t *testing.T, format string, res *scanner.Result, opts Options) *Read {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, res, opts); err != nil {
		t.Fatal(err)
	}
	rd, err := ReadReport(&buf)
	if err != nil {
		t.Fatalf("%s: %v\n%s", format, err, buf.String())
	}
	return rd
}

// Every format merge reads gives back what was written: rendering the
// findings read back gives the same bytes again.
func TestReadRoundTrip(t *testing.T) {
	for _, name := range []string{"findings", "history", "fleet"} {
		for _, format := range []string{FormatJSON, FormatJSONL, FormatSARIF} {
			for _, show := range []bool{false, true} {
				res := fixture(name)
				opts := Options{ShowSecrets: show, Version: "v1.2.3"}
				rd := readBack(t, format, res, opts)
				if rd.Format != format {
					t.Errorf("%s.%s: read as %s", name, format, rd.Format)
				}
				if format == FormatSARIF && rd.Mode != res.Mode {
					t.Errorf("%s.%s: mode %q, want %q", name, format, rd.Mode, res.Mode)
				}
				if len(rd.Findings) != len(res.Findings) {
					t.Fatalf("%s.%s: %d findings, want %d", name, format, len(rd.Findings), len(res.Findings))
				}
				for _, again := range []string{FormatJSON, FormatText, FormatMarkdown} {
					var want, got bytes.Buffer
					if err := Write(&want, again, res, opts); err != nil {
						t.Fatal(err)
					}
					if err := Write(&got, again, &scanner.Result{Mode: res.Mode, Findings: rd.Findings, Stats: res.Stats}, opts); err != nil {
						t.Fatal(err)
					}
					if got.String() != want.String() {
						t.Errorf("%s.%s (show=%v) read back and written as %s differs:\n got: %s\nwant: %s",
							name, format, show, again, got.String(), want.String())
					}
				}
			}
		}
	}
}

// fixture returns a named test result; "fleet" is the history fixture
// spread over two repositories.
func fixture(name string) *scanner.Result {
	switch name {
	case "findings":
		return scanResult()
	case "history":
		return historyResult()
	}
	return fleetFixture().Result
}

// A redacted secret read back stays as it was: it is not redacted again,
// and real secrets generated now survive a round trip only when shown.
func TestReadRedaction(t *testing.T) {
	r := testtoken.New(7)
	tok := testtoken.BotToken(r)
	f := currentToken("bot.py", 1, 1, tok)
	res := &scanner.Result{Mode: "scan", Findings: []scanner.Finding{f}}
	for _, format := range []string{FormatJSONL, FormatSARIF} {
		rd := readBack(t, format, res, Options{})
		got := rd.Findings[0]
		if got.Secret != f.RedactedSecret() || got.RedactedSecret() != f.RedactedSecret() {
			t.Errorf("%s: secret %q, redacted %q; want %q both", format, got.Secret, got.RedactedSecret(), f.RedactedSecret())
		}
		if got.SecretSHA256 != f.SecretSHA256 || got.Fingerprint != f.Fingerprint {
			t.Errorf("%s: hash or fingerprint changed", format)
		}
		shown := readBack(t, format, res, Options{ShowSecrets: true}).Findings[0]
		if shown.Secret != tok {
			t.Errorf("%s: a shown secret does not survive", format)
		}
		var buf bytes.Buffer
		if err := Write(&buf, FormatText, &scanner.Result{Findings: rd.Findings}, Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), tok) {
			t.Errorf("%s: the raw secret appears", format)
		}
	}
	// Webhooks keep their public part.
	hook := webhook("a.py", 1, 1, "TEST-SECRET-webhook-token")
	if r := scanner.Redact(hook.RuleID, hook.RedactedSecret()); r != hook.RedactedSecret() {
		t.Errorf("Redact is not idempotent on webhooks: %q", r)
	}
}

func TestReadEmptyAndErrors(t *testing.T) {
	for _, in := range []string{"", "\n", "[]", "[\n]\n"} {
		rd, err := ReadReport(strings.NewReader(in))
		if err != nil || len(rd.Findings) != 0 {
			t.Errorf("%q: %v, %v", in, rd, err)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"{\"rule_id\":\"x\"}\nnot json\n", "line 2"},
		{"{\"severity\":\"high\"}\n", "without rule_id"},
		{"[{\"rule_id\":\"x\"}] []", "after the array"},
		{"{\"rule_id\":\"x\",\"line\":\"one\"}", "line 1"},
		{"{\"rule_id\":\"x\",\"commit\":{\"date\":\"yesterday\"}}", "commit.date"},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"gitleaks"}},"results":[]}]}`, "not a leakcord run"},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"leakcord"}},"results":[{"message":{"text":"x"}}]}]}`, "without ruleId"},
	} {
		_, err := ReadReport(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want one with %q", c.in, err, c.want)
		}
	}
	// Unknown fields of a newer leakcord are ignored.
	rd, err := ReadReport(strings.NewReader(`{"rule_id":"x","file":"a","new_field":{"x":1}}`))
	if err != nil || len(rd.Findings) != 1 || rd.Findings[0].Fingerprint == "" {
		t.Errorf("unknown field: %v, %v", rd, err)
	}
}
