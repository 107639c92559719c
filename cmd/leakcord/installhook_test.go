package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestShellQuote(t *testing.T) {
	for _, s := range []string{"", "/usr/local/bin/leakcord", "/home/o'brien/go/bin/leakcord", `C:\Program Files\leakcord.exe`, "$(rm -rf /)", "a\"b`c"} {
		out, err := exec.Command("sh", "-c", "printf %s "+shellQuote(s)).Output()
		if err != nil {
			t.Fatalf("sh: %v", err)
		}
		if string(out) != s {
			t.Errorf("shellQuote(%q) round-trips to %q", s, out)
		}
	}
}

// TestHookScriptSyntax checks both hooks with sh -n, with a binary path that
// needs quoting.
func TestHookScriptSyntax(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"pre-commit", "pre-push"} {
		script := hookScript(name, "/opt/it's here/leakcord")
		if !strings.Contains(script, hookMarker) {
			t.Errorf("%s: no marker", name)
		}
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("sh", "-n", f).CombinedOutput(); err != nil {
			t.Errorf("%s: sh -n: %v\n%s", name, err, out)
		}
	}
}
