package scanner_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// matcher returns a matcher with every rule.
func matcher() *rules.Matcher { return rules.NewMatcher(time.Now()) }

// scan runs scanner.Scan with a matcher and fails the test on error.
func scan(t testing.TB, paths []string, opts scanner.Options) *scanner.Result {
	t.Helper()
	if opts.Matcher == nil {
		opts.Matcher = matcher()
	}
	if opts.Warn == nil {
		opts.Warn = func(err error) { t.Errorf("unexpected warning: %v", err) }
	}
	res, err := scanner.Scan(context.Background(), paths, opts)
	if err != nil {
		t.Fatalf("Scan(%q): %v", paths, err)
	}
	return res
}

// findingFiles returns the sorted, de-duplicated files of res's findings.
func findingFiles(res *scanner.Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.File)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// writeFile writes data to root/rel (rel "/"-separated), creating folders.
func writeFile(t testing.TB, root, rel, data string) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// plant writes a file holding one freshly generated bot token and returns the token.
func plant(t testing.TB, r *rand.Rand, root, rel string) string {
	t.Helper()
	tok := testtoken.BotToken(r)
	writeFile(t, root, rel, "const token = \""+tok+"\"\n")
	return tok
}

// needGit skips the test when git is not installed.
func needGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
}

// gitEnv is the environment for git commands: the caller's, without GIT_*
// variables (a hook running the tests sets GIT_DIR and friends), with no
// system or global configuration, so that the user's excludes file cannot
// change the outcome.
func gitEnv(t testing.TB) []string {
	home := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			env = append(env, kv)
		}
	}
	return append(env,
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+filepath.Join(home, "gitconfig"),
	)
}

// git runs git in dir and returns its standard output.
func git(t testing.TB, env []string, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, stderr.Bytes())
	}
	return out
}

// gitInit makes dir a git repository.
func gitInit(t testing.TB, env []string, dir string) {
	t.Helper()
	git(t, env, dir, "init", "-q")
}

// gitUntracked returns what `git ls-files --others --exclude-standard` lists
// in dir, relative to dir, sorted.
func gitUntracked(t testing.TB, env []string, dir string) []string {
	t.Helper()
	out := git(t, env, dir, "ls-files", "-z", "--others", "--exclude-standard")
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		if f != "" {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	return files
}

// diff describes the difference between two sorted string sets.
func diff(got, want []string) string {
	var b strings.Builder
	for _, g := range got {
		if !slices.Contains(want, g) {
			b.WriteString("\n  scanned, git does not list: " + strings.TrimSpace(quote(g)))
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.WriteString("\n  git lists, not scanned:     " + strings.TrimSpace(quote(w)))
		}
	}
	return b.String()
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\"" }
