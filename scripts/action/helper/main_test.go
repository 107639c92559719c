package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runHelper(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(args, &out)
	return out.String(), err
}

func TestEvent(t *testing.T) {
	for _, tc := range []struct {
		name, payload, want string
	}{
		{
			name: "push",
			payload: `{"ref":"refs/heads/main","before":"` + strings.Repeat("0", 40) + `","after":"abc","created":true,"deleted":false,
				"repository":{"full_name":"o/r","default_branch":"main"}}`,
			want: "before=" + strings.Repeat("0", 40) + "\nafter=abc\nref=refs/heads/main\ncreated=true\ndeleted=false\nforced=false\nrepository=o/r\ndefault_branch=main\n",
		},
		{
			name: "pull_request",
			payload: `{"number":7,"pull_request":{"number":7,"commits":3,"base":{"sha":"b1","ref":"main"},
				"head":{"sha":"h1","ref":"feat","repo":{"full_name":"fork/r","fork":true}}},"repository":{"full_name":"o/r"}}`,
			want: "repository=o/r\npr_number=7\npr_commits=3\npr_base_sha=b1\npr_base_ref=main\npr_head_sha=h1\npr_head_ref=feat\npr_head_repo=fork/r\npr_head_fork=true\n",
		},
		{
			name:    "pull request from a deleted fork",
			payload: `{"pull_request":{"number":1,"base":{"sha":"b"},"head":{"sha":"h","repo":null}}}`,
			want:    "pr_number=1\npr_commits=0\npr_base_sha=b\npr_head_sha=h\npr_head_repo=(deleted)\npr_head_fork=true\n",
		},
		{
			name:    "a value with a newline is dropped",
			payload: `{"ref":"refs/heads/x\nINJECTED=1","after":"abc"}`,
			want:    "after=abc\ncreated=false\ndeleted=false\nforced=false\n",
		},
		{name: "workflow_dispatch", payload: `{"inputs":{}}`, want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := runHelper(t, "event", writeFile(t, "event.json", tc.payload))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		got, err := runHelper(t, "event", filepath.Join(t.TempDir(), "nope.json"))
		if err != nil || got != "" {
			t.Errorf("got %q, %v; want nothing", got, err)
		}
	})
	t.Run("bad JSON", func(t *testing.T) {
		if _, err := runHelper(t, "event", writeFile(t, "e.json", "{")); err == nil {
			t.Error("no error")
		}
	})
}

func TestCount(t *testing.T) {
	jsonl := `{"rule_id":"a","verification":{"status":"live"}}
{"rule_id":"b","verification":{"status":"not_checked"}}

{"rule_id":"c","verification":{"status":"invalid"}}
{"rule_id":"d","verification":{"status":"live","detail":"x"}}
`
	got, err := runHelper(t, "count", writeFile(t, "f.jsonl", jsonl))
	if err != nil {
		t.Fatal(err)
	}
	if want := "findings=4\nlive=2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got, err = runHelper(t, "count", writeFile(t, "empty.jsonl", ""))
	if err != nil || got != "findings=0\nlive=0\n" {
		t.Errorf("empty: got %q, %v", got, err)
	}
	if _, err := runHelper(t, "count", writeFile(t, "bad.jsonl", "{\n")); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("bad line: err %v, want one naming line 1", err)
	}
}

func TestSARIFCategory(t *testing.T) {
	sarif := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"leakcord"}},"results":[{"message":{"text":"a <b> & c"}}],
		"automationDetails":{"id":"leakcord/history/"}},{"tool":{"driver":{"name":"leakcord"}}}]}`
	p := writeFile(t, "r.sarif", sarif)
	if _, err := runHelper(t, "sarif-category", p, "leakcord/diff"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			AutomationDetails struct {
				ID string `json:"id"`
			} `json:"automationDetails"`
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 2 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("content changed: %s", data)
	}
	for i, r := range log.Runs {
		if r.AutomationDetails.ID != "leakcord/diff/" {
			t.Errorf("run %d: id %q", i, r.AutomationDetails.ID)
		}
	}
	if !bytes.Contains(data, []byte("a <b> & c")) {
		t.Errorf("text was escaped: %s", data)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"event"}, {"nope", "x"}, {"sarif-category", "f"}} {
		if _, err := runHelper(t, args...); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
