package scanner_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

// RepoRoot names the folder whose .leakcord.toml applies to a repository:
// the root of its work tree from anywhere inside it (a linked work tree's
// own root), a bare repository's git folder even inside another work tree,
// nothing for a remote.
func TestRepoRoot(t *testing.T) {
	x := newGitRepo(t, 45)
	x.plant("src/bot/config.py")
	x.commit("add config")
	wt := filepath.Join(t.TempDir(), "wt")
	x.git("worktree", "add", "-q", "-b", "side", wt)
	bare := filepath.Join(x.dir, "mirror.git")
	x.git("clone", "-q", "--bare", x.dir, bare)

	for _, tc := range []struct{ arg, want string }{
		{x.dir, x.dir},
		{filepath.Join(x.dir, "src", "bot"), x.dir},
		{filepath.Join(x.dir, ".git"), x.dir},
		{filepath.Join(x.dir, ".git", "refs"), x.dir},
		{filepath.Join(wt, "src"), wt},
		{bare, bare},
		{filepath.Join(bare, "refs"), bare},
		{"https://example.com/org/bot.git", ""},
		{"git@example.com:org/bot.git", ""},
	} {
		got, err := scanner.RepoRoot(tc.arg)
		if err != nil || got != tc.want {
			t.Errorf("RepoRoot(%s) = %q, %v; want %q", tc.arg, got, err, tc.want)
		}
	}

	// A relative argument gives a relative folder.
	t.Chdir(filepath.Join(x.dir, "src", "bot"))
	if got, err := scanner.RepoRoot("."); err != nil || got != filepath.Join("..", "..") {
		t.Errorf("RepoRoot(.) in src/bot = %q, %v; want ../..", got, err)
	}
	t.Chdir(x.dir)
	if got, err := scanner.RepoRoot("src"); err != nil || got != "." {
		t.Errorf("RepoRoot(src) = %q, %v; want .", got, err)
	}

	for _, tc := range []struct {
		arg  string
		want error
	}{
		{filepath.Join(x.dir, "src", "bot", "config.py"), scanner.ErrNotFolder},
		{filepath.Join(x.dir, "missing"), os.ErrNotExist},
		{t.TempDir(), scanner.ErrNotRepository},
	} {
		if got, err := scanner.RepoRoot(tc.arg); !errors.Is(err, tc.want) {
			t.Errorf("RepoRoot(%s) = %q, %v; want %v", tc.arg, got, err, tc.want)
		}
	}
}

// Regression: a file given as the repository made the scans use the
// repository around it (and the CLI read FILE/.leakcord.toml). It is an
// error, ErrNotFolder.
func TestRepoArgIsFile(t *testing.T) {
	x := newGitRepo(t, 46)
	x.plant("config.py")
	x.commit("add config")
	file := filepath.Join(x.dir, "config.py")
	if _, err := scanner.ScanHistory(context.Background(), file, scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}}); !errors.Is(err, scanner.ErrNotFolder) {
		t.Errorf("ScanHistory(file): err = %v, want ErrNotFolder", err)
	}
	if _, err := scanner.ScanStaged(context.Background(), file, scanner.Options{Matcher: matcher()}); !errors.Is(err, scanner.ErrNotFolder) {
		t.Errorf("ScanStaged(file): err = %v, want ErrNotFolder", err)
	}
}
