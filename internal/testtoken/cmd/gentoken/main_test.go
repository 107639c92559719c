package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	gen := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		if err := run(args, strings.NewReader(""), &out); err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		return out.String()
	}
	a, b, c := gen("-seed", "3"), gen("-seed", "3"), gen("-seed", "4")
	if a != b || a == c {
		t.Errorf("seeds: 3→%.6s… twice %v, 4 differs %v", a, a == b, a != c)
	}
	if n := strings.Count(strings.TrimSpace(a), "."); n != 2 {
		t.Errorf("a bot token has three segments, got %q", a)
	}
	if w := gen("-kind", "webhook"); !strings.HasPrefix(w, "https://discord.com/api/webhooks/") {
		t.Errorf("webhook: %.40s…", w)
	}
	if err := run([]string{"-kind", "nope"}, nil, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "unknown kind") {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestExpand(t *testing.T) {
	planted := filepath.Join(t.TempDir(), "planted")
	var out bytes.Buffer
	err := run([]string{"-expand", "-planted", planted}, strings.NewReader("a={{bot}}\nb={{fake.jwt}}\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	secrets, err := os.ReadFile(planted)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(secrets))
	if len(lines) != 1 || !strings.Contains(out.String(), "a="+lines[0]+"\n") {
		t.Errorf("planted %d secrets; output does not hold the bot token", len(lines))
	}
	if err := run([]string{"-expand"}, strings.NewReader("{{nope}}"), &bytes.Buffer{}); err == nil {
		t.Error("unknown kind in a template: no error")
	}
}
