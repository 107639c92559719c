package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// base is the keys every finding has, in order.
var base = []string{"rule_id", "severity", "file", "line", "column", "end_line", "end_column",
	"secret", "secret_sha256", "fingerprint"}

func keys(extra ...string) []string { return append(slices.Clone(base), extra...) }

// orderedKeys returns the keys of a JSON object in the order they appear.
func orderedKeys(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", raw)
	}
	var out []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func decodeArray(t *testing.T, res *scanner.Result, opts Options) []json.RawMessage {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, FormatJSON, res, opts); err != nil {
		t.Fatal(err)
	}
	var arr []json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &arr); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, buf.Bytes())
	}
	if len(arr) != len(res.Findings) {
		t.Fatalf("%d objects for %d findings", len(arr), len(res.Findings))
	}
	return arr
}

// TestJSONKeys checks the exact keys, in order, of every object and of its
// nested objects.
func TestJSONKeys(t *testing.T) {
	tokenKeys := []string{"user_id", "user_created_at", "format"}
	legacyKeys := append(slices.Clone(tokenKeys), "token_issued_at")
	commitKeys := []string{"sha", "author", "email", "date", "message"}
	notChecked := []string{"status"}
	checked := []string{"status", "detail"}

	tests := []struct {
		name   string
		res    *scanner.Result
		top    [][]string
		nested []map[string][]string
	}{
		{
			name: "scan",
			res:  scanResult(),
			top: [][]string{
				keys("token", "verification"),   // stdin, current
				keys("verification"),            // client secret
				keys("token", "verification"),   // current
				keys("token", "verification"),   // legacy
				keys("token", "verification"),   // mfa
				keys("webhook", "verification"), // webhook
			},
			nested: []map[string][]string{
				{"token": tokenKeys, "verification": notChecked},
				{"verification": notChecked},
				{"token": tokenKeys, "verification": notChecked},
				{"token": legacyKeys, "verification": notChecked},
				{"token": {"format"}, "verification": notChecked},
				{"webhook": {"id"}, "verification": notChecked},
			},
		},
		{
			name: "history",
			res:  historyResult(),
			top: [][]string{
				keys("token", "commit", "in_head", "occurrences", "last_seen_commit", "superseded", "verification"),
				keys("token", "commit", "in_head", "occurrences", "last_seen_commit", "encoding", "verification"),
				keys("webhook", "commit", "in_head", "occurrences", "last_seen_commit", "verification"),
			},
			nested: []map[string][]string{
				{"token": legacyKeys, "commit": commitKeys, "verification": checked},
				{"token": tokenKeys, "commit": commitKeys, "verification": {"status", "detail", "identity"}},
				{"webhook": {"id"}, "commit": commitKeys, "verification": checked},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, raw := range decodeArray(t, tt.res, Options{}) {
				if got := orderedKeys(t, raw); !slices.Equal(got, tt.top[i]) {
					t.Errorf("finding %d keys:\n got %v\nwant %v", i, got, tt.top[i])
				}
				var obj map[string]json.RawMessage
				if err := json.Unmarshal(raw, &obj); err != nil {
					t.Fatal(err)
				}
				for k, want := range tt.nested[i] {
					if got := orderedKeys(t, obj[k]); !slices.Equal(got, want) {
						t.Errorf("finding %d %s keys:\n got %v\nwant %v", i, k, got, want)
					}
				}
			}
		})
	}
}

// TestJSONValues round-trips the json output through encoding/json and
// checks the values against the findings.
func TestJSONValues(t *testing.T) {
	res := historyResult()
	var got []struct {
		RuleID       string `json:"rule_id"`
		Severity     string `json:"severity"`
		File         string `json:"file"`
		Line         int    `json:"line"`
		Column       int    `json:"column"`
		EndLine      int    `json:"end_line"`
		EndColumn    int    `json:"end_column"`
		Secret       string `json:"secret"`
		SecretSHA256 string `json:"secret_sha256"`
		Fingerprint  string `json:"fingerprint"`
		Token        *struct {
			UserID        string    `json:"user_id"`
			UserCreatedAt time.Time `json:"user_created_at"`
			IssuedAt      time.Time `json:"token_issued_at"`
			Format        string
		}
		Commit *struct {
			Date    time.Time
			Message string
		}
		InHead       *bool `json:"in_head"`
		Verification struct {
			Status   string
			Identity map[string]any
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, FormatJSON, res, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(res.Findings) {
		t.Fatalf("%d objects for %d findings", len(got), len(res.Findings))
	}
	for i, g := range got {
		f := &res.Findings[i]
		if g.Secret != f.RedactedSecret() || g.SecretSHA256 != f.SecretSHA256 || g.Fingerprint != f.Fingerprint {
			t.Errorf("finding %d: secret fields %q %q %q", i, g.Secret, g.SecretSHA256, g.Fingerprint)
		}
		if g.RuleID != f.RuleID || g.File != f.File || g.Severity != string(f.Severity) {
			t.Errorf("finding %d: rule %q file %q severity %q", i, g.RuleID, g.File, g.Severity)
		}
		if g.Line != f.Line || g.Column != f.Column || g.EndLine != f.EndLine || g.EndColumn != f.EndColumn {
			t.Errorf("finding %d: span %d:%d-%d:%d", i, g.Line, g.Column, g.EndLine, g.EndColumn)
		}
		if !g.Commit.Date.Equal(f.Commit.Date) || g.Commit.Date.Location() != time.UTC {
			t.Errorf("finding %d: commit date %v, want %v in UTC", i, g.Commit.Date, f.Commit.Date)
		}
		if *g.InHead != *f.InHead || g.Verification.Status != f.Verification.Status {
			t.Errorf("finding %d: in_head %v status %q", i, *g.InHead, g.Verification.Status)
		}
		if f.Token != nil {
			if g.Token.UserID != f.Token.UserID || !g.Token.UserCreatedAt.Equal(f.Token.UserCreatedAt.Truncate(time.Second)) ||
				!g.Token.IssuedAt.Equal(f.Token.IssuedAt) {
				t.Errorf("finding %d: token %+v, want %+v", i, *g.Token, *f.Token)
			}
		}
	}
	if id := got[1].Verification.Identity; id["username"] != "alert-bot" || id["bot"] != true {
		t.Errorf("identity = %v", id)
	}
}

// TestJSONLMatchesJSON checks that jsonl holds the same objects as json,
// compact, one per line.
func TestJSONLMatchesJSON(t *testing.T) {
	for _, res := range []*scanner.Result{emptyResult(), scanResult(), historyResult()} {
		arr := decodeArray(t, res, Options{})
		var buf bytes.Buffer
		if err := Write(&buf, FormatJSONL, res, Options{}); err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) == 0 {
			if buf.Len() != 0 {
				t.Errorf("jsonl of no findings = %q, want nothing", buf.String())
			}
			continue
		}
		lines := strings.SplitAfter(buf.String(), "\n")
		if last := lines[len(lines)-1]; last != "" {
			t.Fatalf("jsonl does not end in a newline: %q", last)
		}
		lines = lines[:len(lines)-1]
		if len(lines) != len(arr) {
			t.Fatalf("%d lines for %d findings", len(lines), len(arr))
		}
		for i, line := range lines {
			var compact bytes.Buffer
			if err := json.Compact(&compact, arr[i]); err != nil {
				t.Fatal(err)
			}
			if strings.TrimSuffix(line, "\n") != compact.String() {
				t.Errorf("line %d:\n got %s\nwant %s", i, line, compact.Bytes())
			}
			var a, b any
			if err := json.Unmarshal([]byte(line), &a); err != nil {
				t.Fatal(err)
			}
			_ = json.Unmarshal(arr[i], &b)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("line %d decodes differently from the json element", i)
			}
		}
	}
}

// TestJSONEmpty checks the exact output for no findings.
func TestJSONEmpty(t *testing.T) {
	for _, res := range []*scanner.Result{emptyResult(), nil, {Findings: []scanner.Finding{}}} {
		var buf bytes.Buffer
		if err := Write(&buf, FormatJSON, res, Options{}); err != nil {
			t.Fatal(err)
		}
		if buf.String() != "[]\n" {
			t.Errorf("json of no findings = %q, want %q", buf.String(), "[]\n")
		}
	}
}
