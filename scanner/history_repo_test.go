package scanner_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/gittest"
	"github.com/leakcord/leakcord/scanner"
)

// Tests of the kinds of repository a history scan opens: bare, a
// subfolder, empty, shallow, remote, not a repository.

// A bare repository is scanned like its work tree, also when it lies
// inside another repository's work tree.
func TestHistoryBare(t *testing.T) {
	x := newGitRepo(t, 20)
	tok := x.plant("config.py")
	c1 := x.commit("add config")

	bare := filepath.Join(t.TempDir(), "bot.git")
	git(t, x.env, x.dir, "clone", "-q", "--bare", x.dir, bare)
	res := scanHistory(t, bare, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "config.py", commit: c1, inHead: true})

	// Inside another work tree (git looks for a repository in the folder
	// itself before its parents).
	outer := newGitRepo(t, 21)
	outer.write("README.md", "# outer\n")
	outer.commit("outer")
	inner := filepath.Join(outer.dir, "mirror.git")
	git(t, x.env, x.dir, "clone", "-q", "--bare", x.dir, inner)
	res = scanHistory(t, inner, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "config.py", commit: c1, inHead: true})

	// The .git folder of a work tree is a repository too.
	res = scanHistory(t, filepath.Join(x.dir, ".git"), scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "config.py", commit: c1, inHead: true})
}

// A folder inside a work tree scans the whole repository, with paths
// relative to its root (as `git log` run there does).
func TestHistorySubfolder(t *testing.T) {
	x := newGitRepo(t, 22)
	tok := x.plant("src/bot/config.py")
	other := x.plant("deploy/env.sh")
	c1 := x.commit("add config")

	res := scanHistory(t, filepath.Join(x.dir, "src", "bot"), scanner.HistoryOptions{})
	checkFindings(t, res,
		wantFinding{secret: tok, path: "src/bot/config.py", commit: c1, inHead: true},
		wantFinding{secret: other, path: "deploy/env.sh", commit: c1, inHead: true})

	// A linked work tree (its .git is a file) scans the same repository;
	// its own HEAD decides in_head.
	wt := filepath.Join(t.TempDir(), "wt")
	x.git("worktree", "add", "-q", "-b", "cleanup", wt)
	git(t, x.env, wt, "rm", "-q", "deploy/env.sh")
	git(t, x.env, wt, "commit", "-q", "-m", "drop env.sh")
	res = scanHistory(t, filepath.Join(wt, "src"), scanner.HistoryOptions{})
	checkFindings(t, res,
		wantFinding{secret: tok, path: "src/bot/config.py", commit: c1, inHead: true},
		wantFinding{secret: other, path: "deploy/env.sh", commit: c1, inHead: false})
}

// An empty repository (no commit yet) is no error and has no findings.
func TestHistoryEmpty(t *testing.T) {
	x := newGitRepo(t, 23)
	x.plant("config.py") // in the work tree only
	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res)
	if res.Stats.Commits != 0 || res.Stats.Files != 0 {
		t.Errorf("stats %+v, want no commits and no files", res.Stats)
	}

	bare := filepath.Join(t.TempDir(), "empty.git")
	git(t, x.env, t.TempDir(), "init", "-q", "--bare", bare)
	res = scanHistory(t, bare, scanner.HistoryOptions{})
	checkFindings(t, res)
}

// A shallow clone is scanned as far as it goes, with a warning: the
// boundary commit introduces what it holds, and what the missing commits
// held alone is not found.
func TestHistoryShallow(t *testing.T) {
	x := newGitRepo(t, 24)
	gone := x.plant("old.py")
	kept := x.plant("kept.py")
	x.commit("first")
	x.remove("old.py")
	x.write("README.md", "# bot\n")
	x.commit("second")
	x.write("README.md", "# bot\n\nThird.\n")
	fresh := x.plant("new.py")
	tip := x.commit("third")

	shallow := filepath.Join(t.TempDir(), "shallow")
	git(t, x.env, x.dir, "clone", "-q", "--depth", "1", "file://"+x.dir, shallow)
	var warnings []string
	res := scanHistory(t, shallow, scanner.HistoryOptions{Options: scanner.Options{
		Warn: func(err error) { warnings = append(warnings, err.Error()) }}})
	checkFindings(t, res,
		wantFinding{secret: kept, path: "kept.py", commit: tip, inHead: true},
		wantFinding{secret: fresh, path: "new.py", commit: tip, inHead: true})
	if lookup(res, gone, "old.py") != nil {
		t.Error("found a secret of a commit the shallow clone does not hold")
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "shallow") {
		t.Errorf("warnings %q, want one about the shallow clone", warnings)
	}
	if res.Stats.Commits != 1 {
		t.Errorf("Stats.Commits = %d, want 1", res.Stats.Commits)
	}
}

// A remote URL is cloned into a temporary folder that is removed afterwards:
// over git:// from a git daemon the test starts, and over file://.
func TestHistoryRemote(t *testing.T) {
	x := newGitRepo(t, 25)
	tok := x.plant("config.py")
	c1 := x.commit("add config")
	x.git("checkout", "-q", "-b", "feature")
	feat := x.plant("feature.py")
	f1 := x.commit("feature")
	x.git("checkout", "-q", "main")
	x.git("tag", "-a", "-m", "v1", "v1", f1)
	x.git("branch", "-q", "-D", "feature") // f1 is reachable from the tag only
	served := t.TempDir()
	git(t, x.env, x.dir, "clone", "-q", "--bare", x.dir, filepath.Join(served, "bot.git"))

	for _, url := range []string{
		gittest.Daemon(t, x.env, served) + "/bot.git",
		"file://" + filepath.ToSlash(filepath.Join(served, "bot.git")),
	} {
		t.Run(strings.SplitN(url, ":", 2)[0], func(t *testing.T) {
			if !scanner.IsRemote(url) {
				t.Fatalf("IsRemote(%q) = false", url)
			}
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp) // where the clone goes
			res := scanHistory(t, url, scanner.HistoryOptions{})
			checkFindings(t, res,
				wantFinding{secret: tok, path: "config.py", commit: c1, inHead: true},
				wantFinding{secret: feat, path: "feature.py", commit: f1, inHead: false})
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Errorf("the clone was not removed: %s holds %d entries", tmp, len(left))
			}
		})
	}

	_, err := scanner.ScanHistory(context.Background(), "file://"+filepath.ToSlash(filepath.Join(served, "none.git")),
		scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}})
	if err == nil {
		t.Error("a missing remote: no error")
	}
}

// A folder that is not in a repository is ErrNotRepository; a path that
// does not exist is an error too, of another kind.
func TestHistoryNotRepository(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "hello\n")
	_, err := scanner.ScanHistory(context.Background(), dir, scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}})
	if !errors.Is(err, scanner.ErrNotRepository) {
		t.Errorf("plain folder: err = %v, want ErrNotRepository", err)
	}
	_, err = scanner.ScanHistory(context.Background(), filepath.Join(dir, "missing"), scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}})
	if err == nil || errors.Is(err, scanner.ErrNotRepository) {
		t.Errorf("missing path: err = %v, want an error other than ErrNotRepository", err)
	}
}

// A cancelled context stops the scan with its error.
func TestHistoryCancelled(t *testing.T) {
	x := newGitRepo(t, 26)
	for i := range 3 {
		x.plant(fmt.Sprintf("f%d.py", i))
		x.commit("commit")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := scanner.ScanHistory(ctx, x.dir, scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	// Also for an empty repository, and for a remote.
	empty := newGitRepo(t, 27)
	if _, err := scanner.ScanHistory(ctx, empty.dir, scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}}); !errors.Is(err, context.Canceled) {
		t.Errorf("empty repository: err = %v, want context.Canceled", err)
	}
	if _, err := scanner.ScanHistory(ctx, "file://"+filepath.ToSlash(x.dir), scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}}); !errors.Is(err, context.Canceled) {
		t.Errorf("remote: err = %v, want context.Canceled", err)
	}
}
