package scanner_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// stagedRepo is a fixture repository for ScanStaged tests.
type stagedRepo struct {
	t   *testing.T
	dir string
	env []string
}

func newStagedRepo(t *testing.T) *stagedRepo {
	t.Helper()
	needGit(t)
	r := &stagedRepo{t: t, dir: t.TempDir(), env: gitEnv(t)}
	r.env = append(r.env, "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
	gitInit(t, r.env, r.dir)
	return r
}

func (r *stagedRepo) write(rel, data string) { writeFile(r.t, r.dir, rel, data) }
func (r *stagedRepo) git(args ...string)     { git(r.t, r.env, r.dir, args...) }
func (r *stagedRepo) commit(msg string)      { r.git("commit", "-q", "--allow-empty", "-m", msg) }

// scan runs ScanStaged and returns the secrets found, and the warnings.
func (r *stagedRepo) scan() ([]string, []string) {
	r.t.Helper()
	var warnings []string
	res, err := scanner.ScanStaged(context.Background(), r.dir, scanner.Options{
		Matcher: matcher(),
		Warn:    func(err error) { warnings = append(warnings, err.Error()) },
	})
	if err != nil {
		r.t.Fatalf("ScanStaged: %v", err)
	}
	if res.Mode != "staged" {
		r.t.Errorf("Mode = %q, want staged", res.Mode)
	}
	var secrets []string
	for _, f := range res.Findings {
		secrets = append(secrets, f.Secret)
	}
	return secrets, warnings
}

func TestStaged(t *testing.T) {
	rng := testtoken.New(11)
	tok := func() string { return testtoken.BotToken(rng) }

	t.Run("initial commit: a staged new file is scanned", func(t *testing.T) {
		r := newStagedRepo(t)
		a := tok()
		r.write("bot.py", "TOKEN = '"+a+"'\n")
		r.git("add", "bot.py")
		got, _ := r.scan()
		if !slices.Equal(got, []string{a}) {
			t.Errorf("got %q, want the staged token", got)
		}
	})

	t.Run("a token already committed is not this commit's problem", func(t *testing.T) {
		r := newStagedRepo(t)
		a := tok()
		r.write("bot.py", "TOKEN = '"+a+"'\nx = 1\n")
		r.git("add", ".")
		r.commit("one")
		r.write("bot.py", "TOKEN = '"+a+"'\nx = 2\n")
		r.git("add", ".")
		if got, _ := r.scan(); len(got) != 0 {
			t.Errorf("got %q, want nothing", got)
		}
	})

	t.Run("a changed line with a new token is reported", func(t *testing.T) {
		r := newStagedRepo(t)
		a, b := tok(), tok()
		r.write("bot.py", "TOKEN = '"+a+"'\n")
		r.git("add", ".")
		r.commit("one")
		r.write("bot.py", "TOKEN = '"+b+"'\n")
		r.git("add", ".")
		if got, _ := r.scan(); !slices.Equal(got, []string{b}) {
			t.Errorf("got %q, want only the new token", got)
		}
	})

	t.Run("unstaged edits are not in the commit", func(t *testing.T) {
		r := newStagedRepo(t)
		r.write("bot.py", "x = 1\n")
		r.git("add", ".")
		r.commit("one")
		r.write("bot.py", "TOKEN = '"+tok()+"'\n") // not staged
		if got, _ := r.scan(); len(got) != 0 {
			t.Errorf("got %q, want nothing", got)
		}
	})

	t.Run("the staged version counts, not the work tree (git add -p)", func(t *testing.T) {
		r := newStagedRepo(t)
		r.commit("one")
		a := tok()
		r.write("bot.py", "TOKEN = '"+a+"'\n")
		r.git("add", ".")
		r.write("bot.py", "TOKEN = os.environ['TOKEN']\n") // fixed only in the work tree
		if got, _ := r.scan(); !slices.Equal(got, []string{a}) {
			t.Errorf("got %q, want the staged token", got)
		}
	})

	t.Run("a rename carries no new lines", func(t *testing.T) {
		r := newStagedRepo(t)
		r.write("old.py", "TOKEN = '"+tok()+"'\n")
		r.git("add", ".")
		r.commit("one")
		r.git("mv", "old.py", "new.py")
		if got, _ := r.scan(); len(got) != 0 {
			t.Errorf("got %q, want nothing", got)
		}
	})

	t.Run("deletions and binary files are not findings", func(t *testing.T) {
		r := newStagedRepo(t)
		r.write("gone.py", "TOKEN = '"+tok()+"'\n")
		r.git("add", ".")
		r.commit("one")
		r.git("rm", "-q", "gone.py")
		r.write("blob.bin", "\x00\x01TOKEN = '"+tok()+"'\n")
		r.git("add", ".")
		if got, _ := r.scan(); len(got) != 0 {
			t.Errorf("got %q, want nothing", got)
		}
	})

	t.Run("an allowed line is not reported", func(t *testing.T) {
		r := newStagedRepo(t)
		r.write("test_bot.py", "TOKEN = '"+tok()+"'  # leakcord:allow\n")
		r.git("add", ".")
		if got, _ := r.scan(); len(got) != 0 {
			t.Errorf("got %q, want nothing", got)
		}
	})

	t.Run("an unmerged path is a warning", func(t *testing.T) {
		r := newStagedRepo(t)
		r.write("f.txt", "base\n")
		r.git("add", ".")
		r.commit("base")
		r.git("checkout", "-q", "-b", "other")
		r.write("f.txt", "other\n")
		r.git("commit", "-q", "-am", "other")
		r.git("checkout", "-q", "-")
		r.write("f.txt", "main\n")
		r.git("commit", "-q", "-am", "main")
		if err := r.tryGit("merge", "-q", "other"); err == nil {
			t.Fatal("merge succeeded; the test needs a conflict")
		}
		_, warnings := r.scan()
		if len(warnings) != 1 || !strings.Contains(warnings[0], "f.txt is unmerged") {
			t.Errorf("warnings = %q, want one about f.txt", warnings)
		}
	})
}

// tryGit runs git and returns its error: a merge with conflicts exits 1,
// which git() would treat as fatal.
func (r *stagedRepo) tryGit(args ...string) error {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = r.env
	return cmd.Run()
}

func TestStagedNotARepository(t *testing.T) {
	_, err := scanner.ScanStaged(context.Background(), t.TempDir(), scanner.Options{Matcher: matcher()})
	if !errors.Is(err, scanner.ErrNotRepository) {
		t.Errorf("err = %v, want ErrNotRepository", err)
	}
	_, err = scanner.ScanStaged(context.Background(), filepath.Join(t.TempDir(), "missing"), scanner.Options{Matcher: matcher()})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want not exist", err)
	}
}
