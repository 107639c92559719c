package baseline_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/baseline"
)

var created = time.Date(2024, 5, 1, 12, 30, 45, 123456789, time.FixedZone("CEST", 2*3600))

// finding returns a finding of rule in file for a placeholder secret (not
// credential-shaped: Filter and Stale look only at hashes).
func finding(rule, file, secret string, line int) scanner.Finding {
	sum := scanner.SecretHash(secret)
	return scanner.Finding{
		RuleID: rule, File: file, Line: line, Column: 1, Secret: secret,
		SecretSHA256: sum, Fingerprint: scanner.Fingerprint(rule, file, sum),
	}
}

func TestFromFindingsSortsAndDeduplicates(t *testing.T) {
	fs := []scanner.Finding{
		finding(rules.IDWebhookURL, "b.go", "placeholder-w", 9),
		finding(rules.IDBotToken, "a.go", "placeholder-b", 3),
		finding(rules.IDBotToken, "a.go", "placeholder-a", 1),
		finding(rules.IDBotToken, "a.go", "placeholder-a", 7), // same secret, same file
	}
	b := baseline.FromFindings(fs, created)
	if b.Version != baseline.Version || b.Tool != "leakcord" {
		t.Errorf("version, tool = %d, %q", b.Version, b.Tool)
	}
	if want := time.Date(2024, 5, 1, 10, 30, 45, 0, time.UTC); !b.Created.Equal(want) || b.Created.Location() != time.UTC {
		t.Errorf("Created = %v, want %v", b.Created, want)
	}
	if len(b.Entries) != 3 {
		t.Fatalf("got %d entries, want 3: %+v", len(b.Entries), b.Entries)
	}
	var files []string
	for _, e := range b.Entries {
		files = append(files, e.File+" "+e.RuleID)
	}
	if !slices.IsSorted(files) {
		t.Errorf("entries not sorted: %q", files)
	}
}

func TestFromFindingsEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := baseline.FromFindings(nil, created).Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"entries": []`) {
		t.Errorf("an empty baseline must have an empty array, got:\n%s", buf.String())
	}
}

func TestWriteFormat(t *testing.T) {
	f := finding(rules.IDBotToken, "src/a.go", "placeholder-a", 1)
	var buf bytes.Buffer
	if err := baseline.FromFindings([]scanner.Finding{f}, created).Write(&buf); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "tool": "leakcord",
  "created": "2024-05-01T10:30:45Z",
  "entries": [
    {
      "fingerprint": "` + f.Fingerprint + `",
      "rule_id": "discord-bot-token",
      "file": "src/a.go",
      "secret_sha256": "` + f.SecretSHA256 + `"
    }
  ]
}
`
	if buf.String() != want {
		t.Errorf("Write:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestRoundTrip(t *testing.T) {
	fs := []scanner.Finding{
		finding(rules.IDBotToken, "a.go", "placeholder-a", 1),
		finding(rules.IDMFAToken, "dir/b.txt", "placeholder-b", 2),
		finding(rules.IDClientSecret, "-", "placeholder-c", 3),
	}
	b := baseline.FromFindings(fs, created)
	path := writeBaseline(t, b)
	got, err := baseline.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Created.Equal(b.Created) || got.Version != b.Version || got.Tool != b.Tool || !slices.Equal(got.Entries, b.Entries) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, b)
	}
	var a, c bytes.Buffer
	if err := b.Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := got.Write(&c); err != nil {
		t.Fatal(err)
	}
	if a.String() != c.String() {
		t.Errorf("rewritten baseline differs:\n%s\n%s", a.String(), c.String())
	}
}

// TestWriteSortsHandBuiltEntries checks that Write sorts entries it did not
// build itself, without modifying the baseline.
func TestWriteSortsHandBuiltEntries(t *testing.T) {
	e1 := baseline.FromFindings([]scanner.Finding{finding(rules.IDBotToken, "z.go", "placeholder-z", 1)}, created).Entries[0]
	e2 := baseline.FromFindings([]scanner.Finding{finding(rules.IDBotToken, "a.go", "placeholder-a", 1)}, created).Entries[0]
	b := &baseline.Baseline{Version: 1, Tool: "leakcord", Created: created, Entries: []baseline.Entry{e1, e2, e1}}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 3 || b.Entries[0] != e1 {
		t.Errorf("Write modified the baseline: %+v", b.Entries)
	}
	var out baseline.Baseline
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out.Entries, []baseline.Entry{e2, e1}) {
		t.Errorf("written entries = %+v", out.Entries)
	}
}

func TestFilterAndStale(t *testing.T) {
	a := finding(rules.IDBotToken, "app/config.py", "placeholder-a", 3)
	w := finding(rules.IDWebhookURL, "hooks.js", "placeholder-w", 10)
	b := baseline.FromFindings([]scanner.Finding{a, w}, created)

	moved := a
	moved.Line, moved.Column = 40, 9
	otherSecret := finding(rules.IDBotToken, "app/config.py", "placeholder-b", 3) // same line, new secret
	otherFile := finding(rules.IDBotToken, "app/copy.py", "placeholder-a", 3)     // same secret, new file
	otherRule := finding(rules.IDClientSecret, "app/config.py", "placeholder-a", 3)
	// A finding whose fingerprint matches an entry but whose hash does not
	// (a forged or inconsistent finding) is not suppressed.
	mixed := otherSecret
	mixed.Fingerprint = a.Fingerprint

	tests := []struct {
		name           string
		findings       []scanner.Finding
		wantKept       []scanner.Finding
		wantSuppressed int
		wantStale      []string // files of stale entries
	}{
		{"unchanged", []scanner.Finding{a, w}, nil, 2, nil},
		{"lines moved", []scanner.Finding{moved, w}, nil, 2, nil},
		{"new secret on the baselined line", []scanner.Finding{otherSecret, w}, []scanner.Finding{otherSecret}, 1, []string{"app/config.py"}},
		{"secret copied to another file", []scanner.Finding{a, otherFile, w}, []scanner.Finding{otherFile}, 2, nil},
		{"same secret, other rule", []scanner.Finding{otherRule}, []scanner.Finding{otherRule}, 0, []string{"app/config.py", "hooks.js"}},
		{"fingerprint without hash", []scanner.Finding{mixed, w}, []scanner.Finding{mixed}, 1, []string{"app/config.py"}},
		{"everything removed", nil, nil, 0, []string{"app/config.py", "hooks.js"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.findings)
			kept, suppressed := b.Filter(in)
			if suppressed != tt.wantSuppressed {
				t.Errorf("suppressed = %d, want %d", suppressed, tt.wantSuppressed)
			}
			if !slices.EqualFunc(kept, tt.wantKept, sameFinding) {
				t.Errorf("kept = %v, want %v", files(kept), files(tt.wantKept))
			}
			if !slices.EqualFunc(in, tt.findings, sameFinding) {
				t.Error("Filter modified its input")
			}
			var stale []string
			for _, e := range b.Stale(tt.findings) {
				stale = append(stale, e.File)
			}
			if !slices.Equal(stale, tt.wantStale) {
				t.Errorf("Stale = %q, want %q", stale, tt.wantStale)
			}
		})
	}
}

func TestNilBaseline(t *testing.T) {
	var b *baseline.Baseline
	fs := []scanner.Finding{finding(rules.IDBotToken, "a.go", "placeholder-a", 1)}
	kept, n := b.Filter(fs)
	if n != 0 || len(kept) != 1 {
		t.Errorf("nil Filter = %d kept, %d suppressed", len(kept), n)
	}
	if s := b.Stale(fs); s != nil {
		t.Errorf("nil Stale = %v", s)
	}
}

// TestHistoryBaseline checks a baseline written from history findings: the
// same secret seen in several commits makes one entry, and it suppresses
// the working-tree finding of that secret at the repository root.
func TestHistoryBaseline(t *testing.T) {
	inHead := true
	var hist []scanner.Finding
	for i, sha := range []string{"1111111", "2222222"} {
		f := finding(rules.IDBotToken, "cmd/bot/main.go", "placeholder-a", 5+i)
		f.Commit = &scanner.Commit{SHA: sha, Author: "dev", Date: created}
		f.InHead = &inHead
		f.Occurrences = 2
		hist = append(hist, f)
	}
	b := baseline.FromFindings(hist, created)
	if len(b.Entries) != 1 {
		t.Fatalf("entries = %+v, want one", b.Entries)
	}
	b, err := baseline.Load(writeBaseline(t, b))
	if err != nil {
		t.Fatal(err)
	}
	work := finding(rules.IDBotToken, "cmd/bot/main.go", "placeholder-a", 12)
	if kept, n := b.Filter([]scanner.Finding{work}); len(kept) != 0 || n != 1 {
		t.Errorf("working-tree finding not suppressed by the history baseline: kept %v", files(kept))
	}
}

func TestLoadErrors(t *testing.T) {
	valid := baseline.FromFindings([]scanner.Finding{finding(rules.IDBotToken, "a.go", "placeholder-a", 1)}, created)
	e := valid.Entries[0]
	entry := func(fp, rule, file, sum string) string {
		return `{"version":1,"tool":"leakcord","created":"2024-05-01T10:30:45Z","entries":[{"fingerprint":"` +
			fp + `","rule_id":"` + rule + `","file":"` + file + `","secret_sha256":"` + sum + `"}]}`
	}
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", "the file is empty"},
		{"blank", " \n\t", "the file is empty"},
		{"not JSON", "fingerprint,file\n", "want a JSON object"},
		{"array (another tool's baseline)", `[{"Fingerprint":"x"}]`, "want a JSON object"},
		{"truncated", "{\n  \"version\": 1,\n  \"entries\": [\n", "line 3, column 15: unexpected end of JSON input"},
		{"syntax error", "{\n  \"version\": 1,\n  \"tool\" \"leakcord\"\n}", "line 3, column 10: invalid character"},
		{"trailing data", `{"version":1,"tool":"leakcord","entries":[]} {}`, "invalid character"},
		{"no version", `{"tool":"leakcord","entries":[]}`, `no integer "version" field`},
		{"string version", `{"version":"1","tool":"leakcord","entries":[]}`, `no integer "version" field`},
		{"future version", `{"version":2,"tool":"leakcord","entries":[]}`, "unsupported version 2 (this leakcord reads version 1"},
		{"other tool", `{"version":1,"tool":"gitleaks","entries":[]}`, `"tool" is "gitleaks", want "leakcord"`},
		{"entries not an array", `{"version":1,"tool":"leakcord","entries":{}}`, "line 1, column"},
		{"bad created", `{"version":1,"tool":"leakcord","created":"yesterday","entries":[]}`, "yesterday"},
		{"short fingerprint", entry("abc", e.RuleID, e.File, e.SecretSHA256), `entry 1: "fingerprint" "abc" is not 32 lowercase hex digits`},
		{"secret instead of hash", entry(e.Fingerprint, e.RuleID, e.File, "placeholder-a"), `entry 1: "secret_sha256" "placeholder-a" is not 64`},
		{"upper-case hash", entry(e.Fingerprint, e.RuleID, e.File, strings.ToUpper(e.SecretSHA256)), `entry 1: "secret_sha256"`},
		{"no rule", entry(e.Fingerprint, "", e.File, e.SecretSHA256), `entry 1: no "rule_id"`},
		{"no file", entry(e.Fingerprint, e.RuleID, "", e.SecretSHA256), `entry 1: no "file"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "leakcord-baseline.json")
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := baseline.Load(path)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			if !strings.Contains(err.Error(), "baseline "+path+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\nwant it to name %s and contain %q", err, path, tt.want)
			}
			if !errors.Is(err, baseline.ErrFormat) {
				t.Errorf("error %q does not wrap ErrFormat", err)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.json")
	_, err := baseline.Load(path)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("Load(missing) = %v, want a not-exist error naming the file", err)
	}
	if errors.Is(err, baseline.ErrFormat) {
		t.Errorf("a missing file is not a format error: %v", err)
	}
}

func TestLoadIgnoresUnknownFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.json")
	data := `{"version":1,"tool":"leakcord","created":"2024-05-01T10:30:45Z","mode":"history","entries":[]}`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := baseline.Load(path); err != nil {
		t.Error(err)
	}
}

func writeBaseline(t *testing.T, b *baseline.Baseline) string {
	t.Helper()
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "leakcord-baseline.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sameFinding(a, b scanner.Finding) bool {
	return a.Fingerprint == b.Fingerprint && a.SecretSHA256 == b.SecretSHA256 && a.Line == b.Line
}

func files(fs []scanner.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.File)
	}
	return out
}
