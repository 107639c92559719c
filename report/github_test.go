package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

func renderGitHub(t *testing.T, res *scanner.Result, opts Options) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, FormatGitHub, res, opts); err != nil {
		t.Fatal(err)
	}
	if buf.Len() == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

// parseCommand splits a workflow command the way the Actions runner does:
// "::name props::message", properties split at "," and "=".
func parseCommand(t *testing.T, line string) (name string, props map[string]string, msg string) {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("not a workflow command: %q", line)
	}
	head, msg, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("no message: %q", line)
	}
	name, list, _ := strings.Cut(head, " ")
	props = make(map[string]string)
	for _, kv := range strings.Split(list, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			t.Fatalf("bad property %q in %q", kv, line)
		}
		props[k] = unescapeCommand(v)
	}
	return name, props, unescapeCommand(msg)
}

// unescapeCommand reverses the runner's escapes.
func unescapeCommand(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

func TestGitHubCommands(t *testing.T) {
	res := historyResult()
	lines := renderGitHub(t, res, Options{})
	if len(lines) != len(res.Findings) {
		t.Fatalf("%d commands for %d findings", len(lines), len(res.Findings))
	}
	wantLevels := []string{"notice", "error", "error"} // invalid, live critical, high
	for i, line := range lines {
		f := res.Findings[i]
		name, props, msg := parseCommand(t, line)
		if name != wantLevels[i] {
			t.Errorf("finding %d: %s, want %s", i, name, wantLevels[i])
		}
		if props["file"] != f.File || props["line"] == "" || props["col"] == "" || props["endColumn"] == "" {
			t.Errorf("finding %d: properties %v", i, props)
		}
		if !strings.Contains(props["title"], ruleTitle(f.RuleID)) {
			t.Errorf("finding %d: title %q", i, props["title"])
		}
		if !strings.Contains(msg, f.RedactedSecret()) || strings.Contains(msg, f.Secret) {
			t.Errorf("finding %d: message %q", i, msg)
		}
	}
}

func TestGitHubLevels(t *testing.T) {
	for sev, want := range map[rules.Severity]string{
		rules.Critical: "error", rules.High: "error", rules.Medium: "warning", rules.Low: "notice",
	} {
		f := fake(rules.IDBotToken, sev, "a.txt", 1, 1, "TEST-SECRET-level")
		if got := githubLevel(&f); got != want {
			t.Errorf("%s: %s, want %s", sev, got, want)
		}
	}
}

// TestGitHubEscaping checks that paths and messages cannot end a property
// or the command early, or start a new command on a line of their own.
func TestGitHubEscaping(t *testing.T) {
	file := "dir,x=1/a:b%c\r\n::error::pwned.txt"
	f := currentToken(file, 3, 5, "TEST-SECRET-escape")
	f.Verification = scanner.Verification{Status: scanner.StatusUnknown, Detail: "50% done\n::warning::x, y: z"}
	lines := renderGitHub(t, &scanner.Result{Findings: []scanner.Finding{f}}, Options{})
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1: %q", len(lines), lines)
	}
	_, props, msg := parseCommand(t, lines[0])
	if want := printable(file); props["file"] != want {
		t.Errorf("file = %q, want %q", props["file"], want)
	}
	if !strings.Contains(msg, "50% done") || strings.ContainsAny(msg, "\r\n") {
		t.Errorf("message %q", msg)
	}
	for in, want := range map[string]string{
		"a%b\r\nc": "a%25b%0D%0Ac",
		"a:b,c":    "a:b,c",
	} {
		if got := escapeData(in); got != want {
			t.Errorf("escapeData(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := escapeProperty("a%b:c,d\n"), "a%25b%3Ac%2Cd%0A"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
}

// TestGitHubStdin gives a finding read from stdin no file: it would point
// at a file named "-".
func TestGitHubStdin(t *testing.T) {
	lines := renderGitHub(t, scanResult(), Options{})
	_, props, _ := parseCommand(t, lines[0])
	for _, k := range []string{"file", "line", "col"} {
		if _, ok := props[k]; ok {
			t.Errorf("stdin finding has %s: %v", k, props)
		}
	}
}

func TestGitHubEmpty(t *testing.T) {
	if lines := renderGitHub(t, emptyResult(), Options{}); len(lines) != 0 {
		t.Errorf("output for no findings: %q", lines)
	}
}
