package scanner_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

// stashTwice makes two stash entries of the repository whose work tree is
// dir: a token in config.py in each. It returns the tokens and the stash
// commits, stash@{1} first.
func stashTwice(x *gitRepo, dir string) (toks, stashes [2]string) {
	x.t.Helper()
	for i := range 2 {
		toks[i] = x.token()
		writeFile(x.t, dir, "config.py", "TOKEN = \""+toks[i]+"\"\n")
		git(x.t, x.datedEnv(), dir, "stash", "push", "-q")
		stashes[i] = strings.TrimSpace(string(git(x.t, x.env, dir, "rev-parse", "refs/stash")))
	}
	return toks, stashes
}

// Regression: only refs/stash (stash@{0}) was scanned; older entries live
// in the reflog of refs/stash and were missed. Every entry is a tip of a
// scan of every ref, also from a linked work tree (the reflog is in the
// common git folder); --branch and --range scan only what they name.
func TestHistoryOlderStashes(t *testing.T) {
	x := newGitRepo(t, 43)
	x.write("config.py", "TOKEN = None\n")
	x.commit("initial")
	toks, stashes := stashTwice(x, x.dir)
	want := []wantFinding{
		{secret: toks[0], path: "config.py", commit: stashes[0], inHead: false},
		{secret: toks[1], path: "config.py", commit: stashes[1], inHead: false},
	}
	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, want...)

	res = scanHistory(t, x.dir, scanner.HistoryOptions{Branches: []string{"main"}})
	checkFindings(t, res)

	// In git's hook environment (GIT_INDEX_FILE set, as in a pre-push or
	// pre-commit hook) the storage is wrapped: the reflog is still read.
	t.Setenv("GIT_INDEX_FILE", filepath.Join(x.dir, ".git", "index"))
	res = scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, want...)
	os.Unsetenv("GIT_INDEX_FILE")

	wt := filepath.Join(t.TempDir(), "wt")
	x.git("worktree", "add", "-q", "-b", "side", wt)
	res = scanHistory(t, wt, scanner.HistoryOptions{})
	checkFindings(t, res, want...)

	// Stashed in the linked work tree: the same reflog.
	more, moreStashes := stashTwice(x, wt)
	res = scanHistory(t, filepath.Join(wt, "."), scanner.HistoryOptions{})
	checkFindings(t, res, append(want,
		wantFinding{secret: more[0], path: "config.py", commit: moreStashes[0], inHead: false},
		wantFinding{secret: more[1], path: "config.py", commit: moreStashes[1], inHead: false})...)
}

// A reflog line that does not parse, or names an object that is missing,
// is a warning; the other entries are scanned.
func TestHistoryStashReflogDamaged(t *testing.T) {
	x := newGitRepo(t, 44)
	x.write("config.py", "TOKEN = None\n")
	x.commit("initial")
	toks, stashes := stashTwice(x, x.dir)
	name := filepath.Join(x.dir, ".git", "logs", "refs", "stash")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	missing := "0000000000000000000000000000000000000000 0123456789abcdef0123456789abcdef01234567 A <a@example.com> 1700000000 +0000\tWIP on main: lost\n"
	damaged := lines[0] + "not a reflog line\n" + missing + strings.Join(lines[1:], "")
	if err := os.WriteFile(name, []byte(damaged), 0o644); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	res, err := scanner.ScanHistory(context.Background(), x.dir, scanner.HistoryOptions{Options: scanner.Options{
		Matcher: matcher(), Warn: func(err error) { warnings = append(warnings, err.Error()) }}})
	if err != nil {
		t.Fatal(err)
	}
	checkFindings(t, res,
		wantFinding{secret: toks[0], path: "config.py", commit: stashes[0], inHead: false},
		wantFinding{secret: toks[1], path: "config.py", commit: stashes[1], inHead: false})
	w := strings.Join(warnings, "\n")
	if len(warnings) != 2 || !strings.Contains(w, "logs/refs/stash line 2") || !strings.Contains(w, "0123456789abcdef") {
		t.Errorf("warnings %q, want one for line 2 and one naming the missing commit", warnings)
	}

	// A reflog that cannot be read at all: a warning, and refs/stash is
	// still scanned.
	if os.Getuid() == 0 {
		return // root reads it anyway
	}
	if err := os.Chmod(name, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(name, 0o644)
	warnings = nil
	res, err = scanner.ScanHistory(context.Background(), x.dir, scanner.HistoryOptions{Options: scanner.Options{
		Matcher: matcher(), Warn: func(err error) { warnings = append(warnings, err.Error()) }}})
	if err != nil {
		t.Fatal(err)
	}
	checkFindings(t, res, wantFinding{secret: toks[1], path: "config.py", commit: stashes[1], inHead: false})
	if len(warnings) != 1 || !strings.Contains(warnings[0], "stash") {
		t.Errorf("warnings %q, want one about the stash reflog", warnings)
	}
}
