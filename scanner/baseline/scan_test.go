package baseline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/baseline"
)

// scanDir scans root and fails the test on an error or a warning.
func scanDir(t *testing.T, root string) []scanner.Finding {
	t.Helper()
	res, err := scanner.Scan(context.Background(), []string{root}, scanner.Options{
		Matcher: rules.NewMatcher(time.Now()),
		Warn:    func(err error) { t.Errorf("warning: %v", err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func put(t *testing.T, root, rel, data string) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func secrets(fs []scanner.Finding) map[string]bool {
	m := make(map[string]bool)
	for _, f := range fs {
		m[f.Secret] = true
	}
	return m
}

// TestTodaySuppressesTodayNotTomorrow is the contract of issue 4: a baseline
// written today suppresses today's findings, and not tomorrow's new secret,
// even when it is pasted on a baselined line.
func TestTodaySuppressesTodayNotTomorrow(t *testing.T) {
	r := testtoken.New(4)
	tokA, tokB, tokC := testtoken.BotToken(r), testtoken.BotToken(r), testtoken.MFAToken(r)
	hook := testtoken.WebhookURL(r, "discord.com", "/v10")
	root := t.TempDir()
	config := func(lead, tok string) string {
		return lead + "import os\n\nTOKEN = \"" + tok + "\"\nPREFIX = \"!\"\n"
	}
	put(t, root, "bot/config.py", config("", tokA))
	put(t, root, "notify.js", "const hook = '"+hook+"';\n")

	today := scanDir(t, root)
	if len(today) != 2 {
		t.Fatalf("today: %d findings, want 2", len(today))
	}
	var buf bytes.Buffer
	if err := baseline.FromFindings(today, time.Now()).Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{tokA, hook} {
		if bytes.Contains(buf.Bytes(), []byte(s)) {
			t.Fatal("the baseline holds a secret")
		}
	}
	path := filepath.Join(t.TempDir(), "leakcord-baseline.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := baseline.Load(path)
	if err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		name      string
		change    func()
		wantKept  []string // secrets reported
		wantStale int
	}{
		{"unchanged", func() {}, nil, 0},
		{"lines moved", func() { put(t, root, "bot/config.py", config("# moved\n\n\n", tokA)) }, nil, 0},
		{"other secret on the same line", func() { put(t, root, "bot/config.py", config("", tokB)) }, []string{tokB}, 1},
		{"new secret elsewhere", func() {
			put(t, root, "bot/config.py", config("", tokA))
			put(t, root, "bot/user.txt", "\n\nmfa "+tokC+"\n")
		}, []string{tokC}, 0},
		{"baselined secret copied to another file", func() {
			put(t, root, "bot/copy.py", "TOKEN = \""+tokA+"\"\n")
		}, []string{tokA, tokC}, 0},
		{"baselined secret removed", func() {
			put(t, root, "bot/config.py", config("", "read-from-env"))
			if err := os.Remove(filepath.Join(root, "bot", "copy.py")); err != nil {
				t.Fatal(err)
			}
		}, []string{tokC}, 1},
	}
	for _, st := range steps {
		st.change()
		found := scanDir(t, root)
		kept, suppressed := b.Filter(found)
		got := secrets(kept)
		if len(got) != len(st.wantKept) || len(kept) != len(st.wantKept) {
			t.Errorf("%s: %d findings kept, want %d", st.name, len(kept), len(st.wantKept))
		}
		for _, s := range st.wantKept {
			if !got[s] {
				t.Errorf("%s: a new secret was suppressed", st.name)
			}
		}
		if suppressed+len(kept) != len(found) {
			t.Errorf("%s: suppressed %d + kept %d != found %d", st.name, suppressed, len(kept), len(found))
		}
		stale := b.Stale(found)
		if len(stale) != st.wantStale {
			t.Errorf("%s: %d stale entries, want %d: %+v", st.name, len(stale), st.wantStale, stale)
		}
		for _, e := range stale {
			if e.File != "bot/config.py" || e.SecretSHA256 != scanner.SecretHash(tokA) {
				t.Errorf("%s: unexpected stale entry %+v", st.name, e)
			}
		}
	}
}

// TestWrittenBaselineHoldsNoSecret writes a baseline for every kind of
// credential and checks that no secret, nor any 12-byte piece of one, is in
// it.
func TestWrittenBaselineHoldsNoSecret(t *testing.T) {
	r := testtoken.New(44)
	var text strings.Builder
	for _, tmpl := range []string{"{{bot}}", "{{bot.legacy}}", "{{mfa}}", "{{webhook}}", "{{webhook.app}}", "discord client_secret = \"{{secret}}\""} {
		s, _ := testtoken.Expand(r, tmpl)
		text.WriteString(s + "\n")
	}
	root := t.TempDir()
	put(t, root, "leak.txt", text.String())
	found := scanDir(t, root)
	if len(found) < 6 {
		t.Fatalf("%d findings, want 6", len(found))
	}
	var buf bytes.Buffer
	if err := baseline.FromFindings(found, time.Now()).Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		for i := 0; i+12 <= len(f.Secret); i++ {
			if bytes.Contains(buf.Bytes(), []byte(f.Secret[i:i+12])) {
				t.Fatalf("the baseline holds part of a %s secret", f.RuleID)
			}
		}
	}
}
