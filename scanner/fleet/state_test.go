package fleet

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStateRoundTrip(t *testing.T) {
	s := NewState()
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.Record("https://u:p@git.example.com/org/bot.git", RepoState{
		Key: "k1", Refs: map[string]string{"HEAD": "aa", "refs/heads/main": "aa", "refs/tags/v1": "bb"},
		ScannedAt: when, Commits: 3, Findings: json.RawMessage(`[{"rule_id":"x"}]`),
	})
	s.Record("../local", RepoState{Key: "k1", Refs: map[string]string{}, ScannedAt: when, Findings: json.RawMessage(`[]`)})

	var buf bytes.Buffer
	if err := s.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "u:p@") {
		t.Errorf("the state holds a URL's credentials:\n%s", buf.String())
	}
	back, err := DecodeState(&buf)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := back.Lookup("https://git.example.com/org/bot.git")
	if !ok || r.Key != "k1" || r.Commits != 3 || !r.ScannedAt.Equal(when) || r.Refs["refs/tags/v1"] != "bb" {
		t.Errorf("round trip: %+v, %v", r, ok)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, r.Findings); err != nil || compact.String() != `[{"rule_id":"x"}]` {
		t.Errorf("findings %s", r.Findings)
	}
	if got := back.Names(); len(got) != 2 || got[0] != "../local" {
		t.Errorf("Names() = %q", got)
	}
}

func TestLoadState(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadState(filepath.Join(dir, "none.json"))
	if err != nil || len(s.Names()) != 0 {
		t.Fatalf("a missing state file: %v, %v", s, err)
	}
	for name, body := range map[string]string{
		"notjson.json": "hello",
		"notours.json": `{"version":1,"tool":"gitleaks","repositories":{}}`,
		"future.json":  `{"version":2,"tool":"leakcord","repositories":{}}`,
		// A baseline passed as --state by mistake must not be overwritten.
		"baseline.json": `{"version":1,"tool":"leakcord","created":"x","entries":[]}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadState(p); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v, want an error naming the file", name, err)
		}
	}
}

func TestSameRefsAndTips(t *testing.T) {
	a := map[string]string{"HEAD": "1", "refs/heads/main": "1", "refs/heads/dev": "2"}
	b := map[string]string{"refs/heads/dev": "2", "refs/heads/main": "1", "HEAD": "1"}
	if !SameRefs(a, b) {
		t.Error("equal listings differ")
	}
	b["refs/heads/dev"] = "3"
	if SameRefs(a, b) {
		t.Error("a moved ref is not seen")
	}
	delete(b, "refs/heads/dev")
	if SameRefs(a, b) {
		t.Error("a deleted ref is not seen")
	}
	if !SameRefs(nil, map[string]string{}) {
		t.Error("two empty repositories differ")
	}
	if got := Tips(a); len(got) != 2 || got[0] != "1" || got[1] != "2" {
		t.Errorf("Tips = %q", got)
	}
}
