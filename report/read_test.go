package report

import (
	"bytes"
	"errors"
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

// minimalFinding is a finding with only the fields leakcord writes for
// every finding, as JSON; extra is spliced in before the closing brace.
func minimalFinding(extra string) string {
	return `{"rule_id":"x","severity":"high","file":"a","line":1,"column":1,"secret":"ab…",` +
		`"secret_sha256":"` + strings.Repeat("a", 64) + `","fingerprint":"` + strings.Repeat("b", 32) + `",` +
		`"verification":{"status":"not_checked"}` + extra + `}`
}

func TestReadEmptyAndErrors(t *testing.T) {
	for _, in := range []string{"", "\n", "[]", "[\n]\n"} {
		rd, err := ReadReport(strings.NewReader(in))
		if err != nil || len(rd.Findings) != 0 {
			t.Errorf("%q: %v, %v", in, rd, err)
		}
	}
	for _, c := range []struct{ in, want string }{
		{minimalFinding("") + "\nnot json\n", "line 2"},
		{"[" + minimalFinding("") + "] []", "after the array"},
		{minimalFinding(`,"line":"one"`), "line 1"},
		{minimalFinding(`,"commit":{"date":"yesterday"}`), "commit.date"},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"leakcord"}},"results":[{"message":{"text":"x"}}]}]}`, "without ruleId"},
	} {
		_, err := ReadReport(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want one with %q", c.in, err, c.want)
		}
	}
	// Unknown fields of a newer leakcord are ignored.
	rd, err := ReadReport(strings.NewReader(minimalFinding(`,"new_field":{"x":1}`)))
	if err != nil || len(rd.Findings) != 1 || rd.Findings[0].Fingerprint != strings.Repeat("b", 32) {
		t.Errorf("unknown field: %v, %v", rd, err)
	}
}

// TestReadRejectsForeignReports: JSON that leakcord did not write (a
// finding without a field it always writes, or with a value it never
// writes) and SARIF of another tool are refused with ErrNotLeakcord, not
// merged as findings with an empty file or severity. Found by exploratory
// testing: [{"rule_id":"x"}] was merged as a finding.
func TestReadRejectsForeignReports(t *testing.T) {
	hex64, hex32 := strings.Repeat("a", 64), strings.Repeat("b", 32)
	for _, c := range []struct{ name, in, want string }{
		{"only rule_id", `[{"rule_id":"x"}]`, "no severity"},
		{"no rule_id", `{"severity":"high"}`, "no rule_id"},
		{"severity", strings.Replace(minimalFinding(""), `"high"`, `"urgent"`, 1), `severity "urgent"`},
		{"no file", strings.Replace(minimalFinding(""), `"file":"a"`, `"file":""`, 1), "no file"},
		{"no line", strings.Replace(minimalFinding(""), `"line":1,`, ``, 1), "no line"},
		{"no column", strings.Replace(minimalFinding(""), `"column":1,`, ``, 1), "no column"},
		{"no secret", strings.Replace(minimalFinding(""), `"secret":"ab…",`, ``, 1), "no secret"},
		{"no hash", strings.Replace(minimalFinding(""), hex64, ``, 1), "no secret_sha256"},
		{"short hash", strings.Replace(minimalFinding(""), hex64, "abc", 1), `secret_sha256 "abc"`},
		{"no fingerprint", strings.Replace(minimalFinding(""), hex32, ``, 1), "no fingerprint"},
		{"upper-case fingerprint", strings.Replace(minimalFinding(""), hex32, strings.ToUpper(hex32), 1), "fingerprint"},
		{"no verification", strings.Replace(minimalFinding(""), `,"verification":{"status":"not_checked"}`, ``, 1), "no verification.status"},
		{"verification", strings.Replace(minimalFinding(""), `not_checked`, `maybe`, 1), `verification.status "maybe"`},
		{"gitleaks SARIF", `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"gitleaks"}},"results":[]}]}`, `the run's tool is "gitleaks"`},
		{"SARIF without properties", `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"leakcord"}},"results":[` +
			`{"ruleId":"x","message":{"text":"x"}}]}]}`, "runs[0].results[0]: not written by leakcord: the finding has no severity"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadReport(strings.NewReader(c.in))
			if !errors.Is(err, ErrNotLeakcord) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want ErrNotLeakcord with %q", err, c.want)
			}
		})
	}
}

// TestReadIdentity: what a live check revealed reads back with the types
// the verifier gave it, so that the text report prints the privileged
// intents line and whole numbers as such. Found by exploratory testing:
// a merged text report had no "privileged intents:" line.
func TestReadIdentity(t *testing.T) {
	f := currentToken("bot.py", 1, 1, "TEST-SECRET-bot-token-identity")
	f.Verification = scanner.Verification{Status: scanner.StatusLive, Detail: "bot token accepted",
		Identity: map[string]any{"kind": "bot", "approximate_guilds": 1500000, "public_bot": false,
			"privileged_intents": []string{"server_members", "message_content"}}}
	res := &scanner.Result{Mode: "scan", Findings: []scanner.Finding{f}}
	for _, format := range []string{FormatJSON, FormatJSONL, FormatSARIF} {
		rd := readBack(t, format, res, Options{})
		id := rd.Findings[0].Verification.Identity
		if in, ok := id["privileged_intents"].([]string); !ok || len(in) != 2 {
			t.Errorf("%s: privileged_intents = %#v, want a []string", format, id["privileged_intents"])
		}
		if n, ok := id["approximate_guilds"].(int); !ok || n != 1500000 {
			t.Errorf("%s: approximate_guilds = %#v, want the int 1500000", format, id["approximate_guilds"])
		}
		var want, got bytes.Buffer
		if err := Write(&want, FormatText, res, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := Write(&got, FormatText, &scanner.Result{Mode: "scan", Findings: rd.Findings}, Options{}); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() || !strings.Contains(got.String(), "privileged intents: server_members, message_content") {
			t.Errorf("%s: text of the findings read back:\n%s\nwant:\n%s", format, got.String(), want.String())
		}
	}
}

// A fleet's SARIF log reads back with every repository of the fleet and
// its status (the clean, unchanged and failed ones too, with the error),
// in both layouts, and says whether the run was interrupted. Found by
// exploratory testing: a merge of a fleet's SARIF dropped the failed
// repository.
func TestReadFleetSARIF(t *testing.T) {
	for _, c := range []struct {
		name  string
		fleet func() *Fleet
	}{
		{"complete", fleetFixture},
		{"interrupted", interruptedFixture},
		{"no findings", func() *Fleet {
			fl := fleetFixture()
			fl.Result.Findings = nil
			return fl
		}},
	} {
		for _, runs := range []string{SARIFRunsSingle, SARIFRunsPerRepo} {
			t.Run(c.name+"/"+runs, func(t *testing.T) {
				fl := c.fleet()
				var buf bytes.Buffer
				if err := WriteFleet(&buf, FormatSARIF, fl, FleetOptions{SARIFRuns: runs}); err != nil {
					t.Fatal(err)
				}
				rd, err := ReadReport(&buf)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]FleetRepo{}
				for _, r := range rd.Repos {
					got[r.Name] = r
				}
				if len(rd.Repos) != len(fl.Repos) {
					t.Errorf("%d repositories read, want %d: %+v", len(rd.Repos), len(fl.Repos), rd.Repos)
				}
				for _, want := range fl.Repos {
					r := got[want.Name]
					if r.Status != want.Status || r.Error != want.Error {
						t.Errorf("%s: status %q, error %q; want %q, %q", want.Name, r.Status, r.Error, want.Status, want.Error)
					}
				}
				if rd.Incomplete != fl.Result.Incomplete {
					t.Errorf("incomplete = %v, want %v", rd.Incomplete, fl.Result.Incomplete)
				}
				if len(rd.Findings) != len(fl.Result.Findings) {
					t.Errorf("%d findings, want %d", len(rd.Findings), len(fl.Result.Findings))
				}
			})
		}
	}
	// A scan's SARIF names no repository; an interrupted one says so.
	res := scanResult()
	res.Incomplete = true
	rd := readBack(t, FormatSARIF, res, Options{})
	if len(rd.Repos) != 0 || !rd.Incomplete {
		t.Errorf("interrupted scan: repositories %+v, incomplete %v", rd.Repos, rd.Incomplete)
	}
}
