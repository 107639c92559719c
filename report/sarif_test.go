package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/owenrumney/go-sarif/v2/sarif"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// sarifSchemaPath is a byte-for-byte copy of the OASIS SARIF 2.1.0 schema
// (errata01, sha256 c3b4bb2d…2682e), kept here so tests need nothing
// outside the repository.
const sarifSchemaPath = "testdata/sarif-schema-2.1.0.json"

var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	return c.Compile(sarifSchemaPath)
})

// validateSARIF checks out against the SARIF 2.1.0 JSON schema.
func validateSARIF(t *testing.T, name string, out []byte) {
	t.Helper()
	sch, err := sarifSchema()
	if err != nil {
		t.Fatalf("compiling %s: %v", sarifSchemaPath, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not match the SARIF 2.1.0 schema: %v", name, err)
	}
}

// decodeSARIF parses a SARIF log that must hold exactly one run.
func decodeSARIF(t *testing.T, out []byte) *sarif.Report {
	t.Helper()
	log, err := sarif.FromBytes(out)
	if err != nil {
		t.Fatalf("sarif output does not parse: %v\n%s", err, out)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

// renderSARIF renders res as SARIF.
func renderSARIF(t *testing.T, res *scanner.Result, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, FormatSARIF, res, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sarifCases are the results every SARIF test renders: the golden cases
// plus generated secrets, odd paths and a rule leakcord does not ship.
func sarifCases(t *testing.T) map[string]func() (*scanner.Result, Options) {
	cases := make(map[string]func() (*scanner.Result, Options))
	for _, c := range goldenCases {
		if c.formats == nil || slices.Contains(c.formats, FormatSARIF) {
			cases[c.name] = func() (*scanner.Result, Options) { return c.res(), c.opts }
		}
	}
	cases["nil"] = func() (*scanner.Result, Options) { return nil, Options{} }
	cases["realistic"] = func() (*scanner.Result, Options) {
		res, _ := realisticResult(t)
		return res, Options{Version: "0.3.0-rc.1+build.7", Root: "."}
	}
	cases["realistic-shown"] = func() (*scanner.Result, Options) {
		res, _ := realisticResult(t)
		return res, Options{ShowSecrets: true}
	}
	cases["odd-paths"] = func() (*scanner.Result, Options) { return oddPathsResult(), Options{Root: "/tmp/a dir/ünï"} }
	cases["incomplete"] = func() (*scanner.Result, Options) {
		res, _ := realisticResult(t)
		res.Incomplete = true
		return res, Options{}
	}
	return cases
}

// TestSARIFIncomplete marks an interrupted scan as not successful, and a
// complete one carries no invocation at all.
func TestSARIFIncomplete(t *testing.T) {
	res, _ := realisticResult(t)
	if inv := decodeSARIF(t, renderSARIF(t, res, Options{})).Runs[0].Invocations; len(inv) != 0 {
		t.Errorf("a complete scan has %d invocations", len(inv))
	}
	res.Incomplete = true
	inv := decodeSARIF(t, renderSARIF(t, res, Options{})).Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful == nil || *inv[0].ExecutionSuccessful {
		t.Fatalf("an interrupted scan: invocations %+v, want one with executionSuccessful false", inv)
	}
}

// oddPathsResult has findings in paths that need URI encoding, and one of
// a rule leakcord does not ship.
func oddPathsResult() *scanner.Result {
	res := &scanner.Result{Mode: "scan"}
	for i, p := range []string{"a b/c#d.env", "ünïcode/ß.txt", "c:colon/x%41.yml", "q?/[x]", "-"} {
		res.Findings = append(res.Findings, currentToken(p, i+1, 1, "TEST-SECRET-odd-"+strconv.Itoa(i)))
	}
	res.Findings = append(res.Findings, fake("discord-future-secret", rules.Medium, "z.txt", 1, 1, "TEST-SECRET-future"))
	return res
}

// TestSARIFSchema validates every SARIF log the tests produce against the
// official schema.
func TestSARIFSchema(t *testing.T) {
	for name, c := range sarifCases(t) {
		t.Run(name, func(t *testing.T) {
			res, opts := c()
			validateSARIF(t, name, renderSARIF(t, res, opts))
		})
	}
}

// TestSARIFGoldenFilesMatchSchema validates the committed golden files too,
// so that an -update cannot slip an invalid file in.
func TestSARIFGoldenFilesMatchSchema(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "golden", "*.sarif"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no SARIF golden files (%v)", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		validateSARIF(t, p, data)
	}
}

// TestSARIFSchemaCatchesErrors makes sure the schema check can fail.
func TestSARIFSchemaCatchesErrors(t *testing.T) {
	sch, err := sarifSchema()
	if err != nil {
		t.Fatal(err)
	}
	out := renderSARIF(t, scanResult(), Options{})
	bad := bytes.Replace(out, []byte(`"level": "error"`), []byte(`"level": "critical"`), 1)
	bad = bytes.Replace(bad, []byte(`"startLine": 12`), []byte(`"startLine": 0`), 1)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if sch.Validate(inst) == nil {
		t.Error("schema accepts level \"critical\" and startLine 0")
	}
}

// TestSARIFRules checks one rule per shipped rule, in order, with what
// GitHub code scanning needs and the remediation users need.
func TestSARIFRules(t *testing.T) {
	log := decodeSARIF(t, renderSARIF(t, emptyResult(), Options{}))
	got := log.Runs[0].Tool.Driver.Rules
	all := rules.All()
	if len(got) != len(all) {
		t.Fatalf("%d rules, want %d", len(got), len(all))
	}
	wantSeverity := map[rules.Severity]string{rules.High: "8.0", rules.Medium: "5.5"}
	for i, r := range all {
		info, d := r.Info(), got[i]
		if d.ID != info.ID || d.Name == nil || *d.Name != info.Name {
			t.Errorf("rule %d: id %q name %v, want %q %q", i, d.ID, d.Name, info.ID, info.Name)
		}
		for what, m := range map[string]*sarif.MultiformatMessageString{
			"shortDescription": d.ShortDescription, "fullDescription": d.FullDescription, "help": d.Help,
		} {
			if m == nil || m.Text == nil || *m.Text == "" || len(*m.Text) > 1024 && what != "help" {
				t.Errorf("%s: %s missing, empty or over 1024 characters", info.ID, what)
			}
		}
		if d.Help == nil || d.Help.Markdown == nil {
			t.Fatalf("%s: no help.markdown", info.ID)
		}
		for _, help := range []string{*d.Help.Text, *d.Help.Markdown} {
			for _, want := range []string{
				"does not revoke it", "git history", "environment variable", "secret manager",
				"permissions", "intents", "authentication errors",
			} {
				if !strings.Contains(help, want) {
					t.Errorf("%s: help does not say %q:\n%s", info.ID, want, help)
				}
			}
		}
		if info.ID == rules.IDBotToken || info.ID == rules.IDClientSecret {
			if !strings.Contains(*d.Help.Markdown, "["+"Discord Developer Portal](https://discord.com/developers/applications)") {
				t.Errorf("%s: help.markdown does not link the Developer Portal", info.ID)
			}
		}
		tags, _ := d.Properties["tags"].([]any)
		if !slices.Contains(tags, any("security")) || !slices.Contains(tags, any("secret")) || len(tags) > 20 {
			t.Errorf("%s: tags %v", info.ID, tags)
		}
		sev, ok := d.Properties["security-severity"].(string)
		if !ok || sev != wantSeverity[info.Severity] {
			t.Errorf("%s: security-severity %v, want %q", info.ID, d.Properties["security-severity"], wantSeverity[info.Severity])
		}
		if d.DefaultConfiguration == nil || d.DefaultConfiguration.Level != levelOf(info.Severity) {
			t.Errorf("%s: default level %+v", info.ID, d.DefaultConfiguration)
		}
	}
}

// TestSARIFSecuritySeverity checks GitHub's bands: over 9.0 critical,
// 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
func TestSARIFSecuritySeverity(t *testing.T) {
	bands := map[rules.Severity][2]float64{
		rules.Critical: {9.05, 10}, rules.High: {7, 8.9}, rules.Medium: {4, 6.9}, rules.Low: {0.1, 3.9},
	}
	for sev, band := range bands {
		v, err := strconv.ParseFloat(securitySeverity[sev], 64)
		if err != nil || v < band[0] || v > band[1] {
			t.Errorf("%s: security-severity %q outside %v", sev, securitySeverity[sev], band)
		}
	}
}

// TestSARIFResults checks each result against its finding: rule, level,
// location, fingerprint, message and properties.
func TestSARIFResults(t *testing.T) {
	for _, mk := range []func() *scanner.Result{scanResult, historyResult, stagedResult, oddPathsResult} {
		res := mk()
		log := decodeSARIF(t, renderSARIF(t, res, Options{}))
		run := log.Runs[0]
		if got, want := *run.AutomationDetails.ID, "leakcord/"+res.Mode+"/"; got != want {
			t.Errorf("automationDetails.id = %q, want %q", got, want)
		}
		if run.ColumnKind != "utf16CodeUnits" {
			t.Errorf("columnKind = %v", run.ColumnKind)
		}
		if len(run.Results) != len(res.Findings) {
			t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
		}
		for i, r := range run.Results {
			f := res.Findings[i]
			if *r.RuleID != f.RuleID || r.RuleIndex == nil || run.Tool.Driver.Rules[*r.RuleIndex].ID != f.RuleID {
				t.Errorf("result %d: ruleId %q ruleIndex %v for rule %s", i, *r.RuleID, r.RuleIndex, f.RuleID)
			}
			if *r.Level != sarifLevel(&f) {
				t.Errorf("result %d: level %s", i, *r.Level)
			}
			if len(r.Locations) != 1 {
				t.Fatalf("result %d: %d locations", i, len(r.Locations))
			}
			pl := r.Locations[0].PhysicalLocation
			if *pl.ArtifactLocation.URIBaseId != "%SRCROOT%" {
				t.Errorf("result %d: uriBaseId %q", i, *pl.ArtifactLocation.URIBaseId)
			}
			if uri := *pl.ArtifactLocation.URI; uri != relativeURI(f.File) || strings.HasPrefix(uri, "/") {
				t.Errorf("result %d: uri %q for %q", i, uri, f.File)
			}
			reg := pl.Region
			got := [4]int{*reg.StartLine, *reg.StartColumn, *reg.EndLine, *reg.EndColumn}
			if want := [4]int{f.Line, f.Column, f.EndLine, f.EndColumn + 1}; got != want {
				t.Errorf("result %d: region %v, want %v (endColumn exclusive)", i, got, want)
			}
			if r.PartialFingerprints[SARIFFingerprintKey] != f.Fingerprint {
				t.Errorf("result %d: partialFingerprints %v", i, r.PartialFingerprints)
			}
			msg := *r.Message.Text
			if !strings.HasPrefix(msg, ruleTitle(f.RuleID)) || strings.Contains(msg, f.Secret) {
				t.Errorf("result %d: message %q", i, msg)
			}
			if f.Token != nil && f.Token.UserID != "" && !strings.Contains(msg, f.Token.UserID) {
				t.Errorf("result %d: message does not name the owner: %q", i, msg)
			}
			if f.Commit != nil {
				c, _ := r.Properties["commit"].(map[string]any)
				for k, want := range map[string]string{"sha": f.Commit.SHA, "author": f.Commit.Author, "email": f.Commit.Email, "date": rfc3339(f.Commit.Date)} {
					if c[k] != want {
						t.Errorf("result %d: properties.commit.%s = %v, want %q", i, k, c[k], want)
					}
				}
			}
		}
	}
}

// TestSARIFLevels maps severities and verification to levels.
func TestSARIFLevels(t *testing.T) {
	tests := []struct {
		sev    rules.Severity
		status string
		want   string
	}{
		{rules.Critical, scanner.StatusLive, "error"},
		{rules.High, "", "error"},
		{rules.High, scanner.StatusUnknown, "error"},
		{rules.Medium, scanner.StatusNotChecked, "warning"},
		{rules.Low, "", "note"},
		{rules.High, scanner.StatusInvalid, "note"},
		{rules.Low, scanner.StatusInvalid, "note"},
		{"", "", "warning"},
	}
	for _, tt := range tests {
		f := scanner.Finding{Severity: tt.sev, Verification: scanner.Verification{Status: tt.status}}
		if got := sarifLevel(&f); got != tt.want {
			t.Errorf("severity %q status %q: level %s, want %s", tt.sev, tt.status, got, tt.want)
		}
	}
}

// TestSARIFFingerprintsStable checks that a result keeps its partial
// fingerprints when its line moves, its verification flips or its commit
// is rewritten, and only then.
func TestSARIFFingerprintsStable(t *testing.T) {
	fingerprints := func(f scanner.Finding) map[string]any {
		res := &scanner.Result{Mode: "history", Findings: []scanner.Finding{f}}
		return decodeSARIF(t, renderSARIF(t, res, Options{})).Runs[0].Results[0].PartialFingerprints
	}
	base := historyResult().Findings[1]
	want := fingerprints(base)
	if len(want) == 0 {
		t.Fatal("no partialFingerprints")
	}
	changes := map[string]func(*scanner.Finding){
		"line moved": func(f *scanner.Finding) { f.Line += 40; f.EndLine += 40; f.Offset += 900 },
		"column moved": func(f *scanner.Finding) {
			f.Column += 4
			f.EndColumn += 4
		},
		"verification flipped": func(f *scanner.Finding) {
			f.Verification = scanner.Verification{Status: scanner.StatusInvalid, Detail: "401 Unauthorized"}
			f.Severity = rules.Low
		},
		"not verified": func(f *scanner.Finding) { f.Verification = scanner.Verification{} },
		"commit rebased": func(f *scanner.Finding) {
			c := *f.Commit
			c.SHA = "0000000000000000000000000000000000000001"
			c.Date = c.Date.AddDate(0, 0, 3)
			f.Commit = &c
			f.LastSeenCommit = c.SHA
		},
		"left HEAD": func(f *scanner.Finding) { no := false; f.InHead = &no; f.Occurrences = 5 },
	}
	for name, change := range changes {
		f := base
		change(&f)
		if got := fingerprints(f); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: partialFingerprints %v, want %v", name, got, want)
		}
	}
	other := currentToken(base.File, base.Line, base.Column, "TEST-SECRET-another-token")
	if got := fingerprints(other); fmt.Sprint(got) == fmt.Sprint(want) {
		t.Error("a different secret on the same line has the same fingerprint")
	}
}

// TestSARIFNoRawSecrets walks every string of the log, decoded, so that no
// JSON escape can hide a secret, and expects raw secrets only with
// ShowSecrets, and then only in result properties: never in a message,
// which code scanning shows to everyone who can see alerts.
func TestSARIFNoRawSecrets(t *testing.T) {
	res, cores := realisticResult(t)
	for _, show := range []bool{false, true} {
		var doc any
		if err := json.Unmarshal(renderSARIF(t, res, Options{ShowSecrets: show}), &doc); err != nil {
			t.Fatal(err)
		}
		seen := 0
		walkStrings(doc, "", func(path, s string) {
			for secret, core := range cores {
				if !strings.Contains(s, secret) && !strings.Contains(s, core) {
					continue
				}
				if show && strings.Contains(path, ".properties.") {
					if strings.HasSuffix(path, ".properties.secret") && s == secret {
						seen++
					}
					continue
				}
				t.Errorf("show=%v: secret in %s", show, path)
			}
		})
		if show && seen != len(cores) {
			t.Errorf("ShowSecrets: %d secrets in properties.secret, want %d", seen, len(cores))
		}
	}
}

// walkStrings calls fn with the path and value of every string in a
// decoded JSON document, keys included.
func walkStrings(v any, path string, fn func(path, s string)) {
	switch v := v.(type) {
	case string:
		fn(path, v)
	case []any:
		for i, e := range v {
			walkStrings(e, fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case map[string]any:
		for k, e := range v {
			fn(path+".<key>", k)
			walkStrings(e, path+"."+k, fn)
		}
	}
}

// TestSARIFDriverVersion checks version and semanticVersion: SemVer as
// given (without "v"), anything else as a numeric-leading pre-release.
func TestSARIFDriverVersion(t *testing.T) {
	tests := []struct{ in, version, semantic string }{
		{"v1.2.3", "1.2.3", "1.2.3"},
		{"1.2.3", "1.2.3", "1.2.3"},
		{"v0.3.0-rc.1+build.7", "0.3.0-rc.1+build.7", "0.3.0-rc.1+build.7"},
		{"v0.0.0-20260101120000-630e5a5b1c2d", "0.0.0-20260101120000-630e5a5b1c2d", "0.0.0-20260101120000-630e5a5b1c2d"},
		{"devel-630e5a5b1c2d-dirty", "0.0.0-devel-630e5a5b1c2d-dirty", ""},
		{"devel", "0.0.0-devel", ""},
		{"", "0.0.0-devel", ""},
		{"(unknown)", "0.0.0-unknown", ""},
		{"1.2", "0.0.0-1-2", ""},
		{"007", "0.0.0-v007", ""},
		{"v1.02.3", "0.0.0-v1-02-3", ""},
	}
	startsNumeric := regexp.MustCompile(`^[0-9]`)
	for _, tt := range tests {
		d := sarifDriver(tt.in, nil)
		if d.Version == nil || *d.Version != tt.version {
			t.Errorf("%q: version %v, want %q", tt.in, d.Version, tt.version)
		} else if !semverRE.MatchString(*d.Version) || !startsNumeric.MatchString(*d.Version) {
			t.Errorf("%q: version %q is not SemVer", tt.in, *d.Version)
		}
		got := ""
		if d.SemanticVersion != nil {
			got = *d.SemanticVersion
		}
		if got != tt.semantic {
			t.Errorf("%q: semanticVersion %q, want %q", tt.in, got, tt.semantic)
		}
	}
}

// TestSARIFRoot checks originalUriBaseIds: a file URI of the absolute root,
// ending in "/", only when a root is known.
func TestSARIFRoot(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ root, want string }{
		{"", ""},
		{"-", ""},
		{"/home/runner/work/bot/bot", "file:///home/runner/work/bot/bot/"},
		{"/src/bot/", "file:///src/bot/"},
		{"/tmp/a dir/ünï", "file:///tmp/a%20dir/%C3%BCn%C3%AF/"},
		{".", "file://" + filepath.ToSlash(wd) + "/"},
	}
	for _, tt := range tests {
		run := decodeSARIF(t, renderSARIF(t, emptyResult(), Options{Root: tt.root})).Runs[0]
		got := ""
		if b, ok := run.OriginalUriBaseIDs[SARIFBaseID]; ok {
			got = *b.URI
		}
		if got != tt.want {
			t.Errorf("root %q: %%SRCROOT%% = %q, want %q", tt.root, got, tt.want)
		}
	}
}

// TestRelativeURI checks that paths become relative URI references.
func TestRelativeURI(t *testing.T) {
	tests := map[string]string{
		"config/bot.env":   "config/bot.env",
		"a b/c#d.env":      "a%20b/c%23d.env",
		"c:colon/x%41.yml": "c%3Acolon/x%2541.yml",
		"ünï/ß.txt":        "%C3%BCn%C3%AF/%C3%9F.txt",
		"q?/[x]":           "q%3F/%5Bx%5D",
		"-":                "-",
	}
	for in, want := range tests {
		if got := relativeURI(in); got != want {
			t.Errorf("relativeURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFUnknownRule gives a finding of a rule leakcord does not ship its
// own rule after the shipped ones, so ruleIndex stays valid.
func TestSARIFUnknownRule(t *testing.T) {
	log := decodeSARIF(t, renderSARIF(t, oddPathsResult(), Options{}))
	run := log.Runs[0]
	rs := run.Tool.Driver.Rules
	if n := len(rules.All()); len(rs) != n+1 || rs[n].ID != "discord-future-secret" {
		t.Fatalf("rules: %d, last %q", len(rs), rs[len(rs)-1].ID)
	}
	last := run.Results[len(run.Results)-1]
	if *last.RuleIndex != uint(len(rules.All())) {
		t.Errorf("ruleIndex %d", *last.RuleIndex)
	}
}

// TestWriteSARIFSamples writes SARIF logs of every case to the folder named
// by LEAKCORD_SARIF_OUT, for .ci/sarif-check to run the SARIF Multitool
// on, and, when LEAKCORD_SARIF_TREE is set, fills that folder with files
// holding credentials generated now (from the rule vectors' templates) for
// the real binary to scan. It is skipped when neither is set.
func TestWriteSARIFSamples(t *testing.T) {
	out, tree := os.Getenv("LEAKCORD_SARIF_OUT"), os.Getenv("LEAKCORD_SARIF_TREE")
	if out == "" && tree == "" {
		t.Skip("LEAKCORD_SARIF_OUT and LEAKCORD_SARIF_TREE are not set")
	}
	if out != "" {
		for name, c := range sarifCases(t) {
			res, opts := c()
			path := filepath.Join(out, "report-"+name+".sarif")
			if err := os.WriteFile(path, renderSARIF(t, res, opts), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if tree != "" {
		writeSecretTree(t, tree)
	}
}
