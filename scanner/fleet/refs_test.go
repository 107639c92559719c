package fleet

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// gitRepo makes a repository with two commits on main, a branch and an
// annotated tag, and returns its folder and a git runner.
func gitRepo(t *testing.T) (string, func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	env = append(env, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q", "-b", "main")
	for _, f := range []string{"a", "b"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(f+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		run("add", "-A")
		run("commit", "-q", "-m", f)
	}
	run("branch", "feature", "HEAD~1")
	run("tag", "-a", "-m", "v1", "v1", "HEAD~1")
	return dir, run
}

func TestListRefs(t *testing.T) {
	dir, gitc := gitRepo(t)
	local, err := ListRefs(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	head := gitc("rev-parse", "HEAD")
	want := map[string]string{
		"HEAD": head, "refs/heads/main": head,
		"refs/heads/feature": gitc("rev-parse", "feature"),
		"refs/tags/v1":       gitc("rev-parse", "v1"), // the tag object, not the commit
	}
	if !SameRefs(local, want) {
		t.Errorf("local listing %v, want %v", local, want)
	}
	// A remote lists the same without a clone.
	remote, err := ListRefs(context.Background(), "file://"+filepath.ToSlash(dir))
	if err != nil {
		t.Fatal(err)
	}
	if !SameRefs(remote, want) {
		t.Errorf("remote listing %v, want %v", remote, want)
	}
	if _, err := ListRefs(context.Background(), t.TempDir()); err == nil {
		t.Error("a folder that is no repository lists refs")
	}
	if err := CheckRefs(dir); err != nil {
		t.Errorf("CheckRefs of a sound repository: %v", err)
	}
}

// A ref that names a missing object makes the repository damaged.
func TestCheckRefsDamaged(t *testing.T) {
	dir, _ := gitRepo(t)
	bad := filepath.Join(dir, ".git", "refs", "heads", "lost")
	if err := os.WriteFile(bad, []byte(strings.Repeat("ab", 20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := CheckRefs(dir)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "refs/heads/lost") {
		t.Errorf("err = %v, want ErrDamaged naming refs/heads/lost", err)
	}
}

// PrepareIncremental clones the repository and adds one unreferenced
// commit whose parents are the recorded tips it still holds.
func TestPrepareIncremental(t *testing.T) {
	dir, gitc := gitRepo(t)
	tips := []string{gitc("rev-parse", "v1"), gitc("rev-parse", "HEAD"), strings.Repeat("cd", 20)} // a tag, a commit, a tip gone
	clone, exclude, cleanup, err := PrepareIncremental(context.Background(), dir, tips)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cleanup()
		if _, err := os.Stat(clone); !os.IsNotExist(err) {
			t.Errorf("the clone %s was not removed", clone)
		}
	}()
	repo, err := plainOpen(clone)
	if err != nil {
		t.Fatal(err)
	}
	c, err := repo.CommitObject(plumbing.NewHash(exclude))
	if err != nil {
		t.Fatalf("the exclusion commit: %v", err)
	}
	var parents []string
	for _, p := range c.ParentHashes {
		parents = append(parents, p.String())
	}
	want := []string{gitc("rev-parse", "HEAD~1"), gitc("rev-parse", "HEAD")}
	slices.Sort(want)
	if !slices.Equal(parents, want) {
		t.Errorf("parents %q, want %q (tags peeled, missing tips left out)", parents, want)
	}
	// No tip left: scan the clone in full.
	clone2, exclude2, cleanup2, err := PrepareIncremental(context.Background(), dir, []string{strings.Repeat("cd", 20)})
	if err != nil || clone2 == "" || exclude2 != "" {
		t.Errorf("no tip left: %q, %q, %v", clone2, exclude2, err)
	}
	cleanup2()
}

func plainOpen(dir string) (*git.Repository, error) { return git.PlainOpen(dir) }
