package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/report"
	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// mergeFinding is a finding as a report holds it, with an obviously fake
// secret (redacted unless raw) and a verification outcome.
func mergeFinding(file, status string, raw bool) scanner.Finding {
	const secret = "TEST-SECRET-merge-bot-token"
	sum := scanner.SecretHash(secret)
	f := scanner.Finding{RuleID: rules.IDBotToken, Severity: rules.High, Repository: "bot", File: file,
		Line: 3, Column: 9, EndLine: 3, EndColumn: 80, Secret: scanner.Redact(rules.IDBotToken, secret),
		SecretSHA256: sum, Fingerprint: scanner.Fingerprint(rules.IDBotToken, file, sum),
		Verification: scanner.Verification{Status: status}}
	if raw {
		f.Secret = secret
	}
	switch status {
	case scanner.StatusLive:
		f.Severity = rules.Critical
	case scanner.StatusInvalid:
		f.Severity = rules.Low
	}
	return f
}

// mergeAll merges reports of one finding each, in order.
func mergeAll(reads ...*report.Read) *report.Fleet {
	m := newMerger()
	var rs []named
	for i, rd := range reads {
		rs = append(rs, named{fmt.Sprintf("r%d", i), rd})
	}
	m.addAll(rs)
	return m.fleet("")
}

func jsonRead(fs ...scanner.Finding) *report.Read {
	return &report.Read{Format: report.FormatJSONL, Findings: fs}
}

// A duplicate keeps the most decisive verification and the severity a
// scan gives it, in either order; equally decisive outcomes keep the
// first. Found by exploratory testing: the first report's severity stayed.
func TestMergeSeverityFollowsVerification(t *testing.T) {
	for _, c := range []struct {
		a, b, status string
		severity     rules.Severity
	}{
		{"", scanner.StatusLive, scanner.StatusLive, rules.Critical},
		{"", scanner.StatusInvalid, scanner.StatusInvalid, rules.Low},
		{scanner.StatusUnknown, scanner.StatusLive, scanner.StatusLive, rules.Critical},
		{scanner.StatusInvalid, scanner.StatusLive, scanner.StatusLive, rules.Critical},
		{scanner.StatusUnknown, scanner.StatusInvalid, scanner.StatusInvalid, rules.Low},
		{"", scanner.StatusUnknown, scanner.StatusUnknown, rules.High},
		{"", "", "", rules.High},
	} {
		for _, reversed := range []bool{false, true} {
			a, b := mergeFinding("config.py", c.a, false), mergeFinding("config.py", c.b, false)
			if reversed {
				a, b = b, a
			}
			fl := mergeAll(jsonRead(a), jsonRead(b))
			if n := len(fl.Result.Findings); n != 1 {
				t.Fatalf("%d findings, want 1", n)
			}
			f := fl.Result.Findings[0]
			if f.Verification.Status != c.status || f.Severity != c.severity {
				t.Errorf("%q + %q (reversed %v): %q, %s; want %q, %s", c.a, c.b, reversed, f.Verification.Status, f.Severity, c.status, c.severity)
			}
		}
	}
}

// A secret in full wins over its redaction, in either order; the
// history's commit, position and sightings fill in a scan's finding.
func TestMergeKeepsWhatAnyReportHolds(t *testing.T) {
	raw, redacted := mergeFinding("config.py", "", true), mergeFinding("config.py", "", false)
	for _, order := range [][]scanner.Finding{{raw, redacted}, {redacted, raw}} {
		f := mergeAll(jsonRead(order[0]), jsonRead(order[1])).Result.Findings[0]
		if f.Secret != raw.Secret {
			t.Errorf("secret %q, want it in full", f.Secret)
		}
	}

	scan := mergeFinding("config.py", "", false)
	hist := scan
	hist.Line, hist.Column = 1, 7
	hist.Commit = &scanner.Commit{SHA: strings.Repeat("a", 40), Author: "Ada"}
	yes := true
	hist.InHead, hist.Occurrences, hist.LastSeenCommit = &yes, 2, strings.Repeat("b", 40)
	for _, order := range [][]scanner.Finding{{scan, hist}, {hist, scan}} {
		f := mergeAll(jsonRead(order[0]), jsonRead(order[1])).Result.Findings[0]
		if f.Commit == nil || f.Commit.SHA != hist.Commit.SHA || f.Line != 1 || f.Column != 7 || f.Occurrences != 2 || f.InHead == nil {
			t.Errorf("merged finding %+v lacks the history's details", f)
		}
	}
}

// One finding named relative to a subfolder (json) and to the repository
// (SARIF) is one, under the SARIF path; within one report, a path and the
// same path with folders in front are two files.
func TestMergePathsFromTwoRoots(t *testing.T) {
	short, long := mergeFinding(".env", "", false), mergeFinding("sub/.env", "", false)
	sarifRead := func(fs ...scanner.Finding) *report.Read {
		return &report.Read{Format: report.FormatSARIF, Mode: "scan", Findings: fs}
	}
	for _, c := range []struct {
		name  string
		reads []*report.Read
		files []string
	}{
		{"json then SARIF", []*report.Read{jsonRead(short), sarifRead(long)}, []string{"sub/.env"}},
		{"SARIF then json", []*report.Read{sarifRead(long), jsonRead(short)}, []string{"sub/.env"}},
		{"one report, two files", []*report.Read{jsonRead(short, long)}, []string{".env", "sub/.env"}},
		{"the copy above, SARIF first", []*report.Read{sarifRead(long), jsonRead(short, long)}, []string{".env", "sub/.env"}},
		{"the copy above, json first", []*report.Read{jsonRead(short, long), sarifRead(long)}, []string{".env", "sub/.env"}},
		{"three reports", []*report.Read{sarifRead(long), jsonRead(short), jsonRead(short, long)}, []string{".env", "sub/.env"}},
		{"another line", []*report.Read{jsonRead(short), sarifRead(func() scanner.Finding { f := long; f.Line++; return f }())},
			[]string{".env", "sub/.env"}},
		{"another folder's name", []*report.Read{jsonRead(mergeFinding("b.env", "", false)), sarifRead(long)}, []string{"b.env", "sub/.env"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var files []string
			for _, f := range mergeAll(c.reads...).Result.Findings {
				files = append(files, f.File)
				if f.Fingerprint != scanner.Fingerprint(f.RuleID, f.File, f.SecretSHA256) {
					t.Errorf("%s: the fingerprint is not its path's", f.File)
				}
			}
			if strings.Join(files, " ") != strings.Join(c.files, " ") {
				t.Errorf("files %q, want %q", files, c.files)
			}
		})
	}
}

// Repository statuses: the report that scanned more of a repository wins,
// so that a re-run after a failure or an interruption counts; what is
// left interrupted or not scanned makes the merged report incomplete.
func TestMergeRepositoryStatus(t *testing.T) {
	repos := func(status ...string) *report.Read {
		rd := &report.Read{Format: report.FormatSARIF, Mode: "history"}
		for i, s := range status {
			rd.Repos = append(rd.Repos, report.FleetRepo{Name: fmt.Sprintf("repo-%d", i), Status: s})
		}
		return rd
	}
	for _, c := range []struct {
		name       string
		reads      []*report.Read
		want       []string
		incomplete bool
	}{
		{"one run", []*report.Read{repos("scanned", "failed", "unchanged")}, []string{"scanned", "failed", "unchanged"}, false},
		{"failed, then scanned", []*report.Read{repos("failed"), repos("scanned")}, []string{"scanned"}, false},
		{"scanned, then failed", []*report.Read{repos("scanned"), repos("failed")}, []string{"scanned"}, false},
		{"interrupted", []*report.Read{repos("interrupted", "not_scanned")}, []string{"interrupted", "not_scanned"}, true},
		{"interrupted, then resumed", []*report.Read{repos("interrupted", "not_scanned"), repos("unchanged", "scanned")},
			[]string{"unchanged", "scanned"}, false},
		{"not scanned, then failed", []*report.Read{repos("not_scanned"), repos("failed")}, []string{"failed"}, false},
		{"an interrupted scan", []*report.Read{{Format: report.FormatSARIF, Mode: "scan", Incomplete: true}}, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			fl := mergeAll(c.reads...)
			var got []string
			for _, r := range fl.Repos {
				got = append(got, r.Status)
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") || fl.Result.Incomplete != c.incomplete {
				t.Errorf("statuses %q, incomplete %v; want %q, %v", got, fl.Result.Incomplete, c.want, c.incomplete)
			}
		})
	}
}

// After the report, a failed repository is an error (exit 2) and an
// incomplete report a warning with exit 2, as for the runs.
func TestMergeOutcome(t *testing.T) {
	for _, c := range []struct {
		name   string
		repos  []report.FleetRepo
		err    string
		stderr string
		code   int
	}{
		{"clean", []report.FleetRepo{{Name: "a", Status: "scanned"}}, "", "", exitFindings},
		{"failed", []report.FleetRepo{{Name: "a", Status: "scanned"}, {Name: "b", Status: "failed", Error: "clone: not found"}},
			"the reports say 1 of 2 repositories could not be scanned", "leakcord: error: repository b: clone: not found\n", exitFindings},
		{"interrupted", []report.FleetRepo{{Name: "a", Status: "interrupted"}, {Name: "b", Status: "not_scanned"}, {Name: "c", Status: "not_scanned"}}, "",
			"leakcord: warning: the merged report is incomplete: 1 repository was scanned in part and 2 repositories were not scanned; it covers only what the scans read\n",
			exitError},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			a := &app{stderr: &stderr, code: exitFindings}
			err := a.mergeOutcome(&report.Fleet{Result: &scanner.Result{}, Repos: c.repos}, newMerger())
			if (err == nil) != (c.err == "") || err != nil && err.Error() != c.err {
				t.Errorf("err = %v, want %q", err, c.err)
			}
			if stderr.String() != c.stderr || a.code != c.code {
				t.Errorf("stderr %q, code %d; want %q, %d", stderr.String(), a.code, c.stderr, c.code)
			}
		})
	}
}

// merge -f sarif warns on stderr when GitHub code scanning would cut the
// report; the report is written in full. (The reports merge uses are
// large: this one holds 5,001 findings.)
func TestMergeWarnsOfGitHubLimits(t *testing.T) {
	dir := t.TempDir()
	res := &scanner.Result{Mode: "scan"}
	for i := range report.SARIFShownResults + 1 {
		f := mergeFinding(fmt.Sprintf("src/f%05d.py", i), "", false)
		res.Findings = append(res.Findings, f)
	}
	in := filepath.Join(dir, "big.jsonl")
	var buf bytes.Buffer
	if err := report.Write(&buf, report.FormatJSONL, res, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "big.sarif")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"merge", "-f", "sarif", "-o", out, in}, nil, &stdout, &stderr)
	if code != exitFindings {
		t.Fatalf("exit code %d\n%s", code, stderr.String())
	}
	want := "leakcord: warning: the SARIF run leakcord/fleet/scan/ holds 5001 results: GitHub code scanning keeps only the 5000 most severe\n"
	if stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
	data, err := os.ReadFile(out)
	if err != nil || bytes.Count(data, []byte(`"ruleId"`)) != report.SARIFShownResults+1 {
		t.Errorf("the report does not hold every result: %v", err)
	}
	stderr.Reset()
	if code := run(context.Background(), []string{"merge", "-q", "-f", "sarif", "-o", out, in}, nil, &stdout, &stderr); code != exitFindings || stderr.Len() != 0 {
		t.Errorf("-q: exit code %d, stderr %q", code, stderr.String())
	}
}

// A report of an interrupted run that lists its repositories without
// saying which were cut short (a merged SARIF of json findings) still
// makes the merge incomplete: merging a merged report again keeps exit 2.
func TestMergeInterruptedWithoutStatuses(t *testing.T) {
	m := newMerger()
	m.add("m1.sarif", &report.Read{Format: report.FormatSARIF, Incomplete: true, Repos: []report.FleetRepo{{Name: "a"}, {Name: "b", Status: "scanned"}}})
	if len(m.interrupted) != 1 {
		t.Errorf("interrupted reports %q, want m1.sarif", m.interrupted)
	}
	m = newMerger()
	m.add("f.sarif", &report.Read{Format: report.FormatSARIF, Incomplete: true, Repos: []report.FleetRepo{{Name: "a", Status: "interrupted"}}})
	if len(m.interrupted) != 0 {
		t.Errorf("interrupted reports %q: the repository's status says it already", m.interrupted)
	}
}

// Three copies of one token at one place (".env", "sub/.env",
// "sub/x/.env"), reported by a json scan of sub and SARIF scans of sub/x
// and of the root: every order merges to the three files, the json's
// ".env" and "x/.env" joined to "sub/.env" and "sub/x/.env" (found by
// exploratory testing: an order lost a file).
func TestMergeNestedCopiesAnyOrder(t *testing.T) {
	f := func(p string) scanner.Finding { return mergeFinding(p, "", false) }
	sarifRead := func(fs ...scanner.Finding) *report.Read {
		return &report.Read{Format: report.FormatSARIF, Mode: "scan", Findings: fs}
	}
	a := jsonRead(f(".env"), f("x/.env"))
	b := sarifRead(f("sub/x/.env"))
	c := sarifRead(f(".env"), f("sub/.env"), f("sub/x/.env"))
	for _, order := range [][]*report.Read{{a, b, c}, {a, c, b}, {b, a, c}, {c, b, a}, {b, c, a}, {c, a, b}} {
		var files []string
		for _, g := range mergeAll(order...).Result.Findings {
			files = append(files, g.File)
		}
		if got := strings.Join(files, " "); got != ".env sub/.env sub/x/.env" {
			t.Errorf("merged files %q, want the three", got)
		}
	}
	// Only a and b: ".env" could be sub/.env or sub/x/.env, "x/.env" says
	// sub/: a tie, so nothing is joined (a duplicate rather than a loss).
	var files []string
	for _, g := range mergeAll(a, b).Result.Findings {
		files = append(files, g.File)
	}
	if got := strings.Join(files, " "); got != ".env sub/x/.env x/.env" {
		t.Errorf("merged files %q, want .env, sub/x/.env and x/.env", got)
	}
}
