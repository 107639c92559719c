package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// TestCloneRemovedOnEveryExit: the temporary clone of a remote repository
// (history of a file:// URL) is gone when leakcord returns, whether the
// scan finished, failed or was cancelled at any moment.
func TestCloneRemovedOnEveryExit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	env := append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+repo,
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = repo, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitRun("init", "-q")
	r := testtoken.New(80)
	for i := range 30 {
		name := filepath.Join(repo, fmt.Sprintf("f%02d.py", i))
		if err := os.WriteFile(name, []byte(fmt.Sprintf("T = %q\n%s", testtoken.BotToken(r), strings.Repeat("pass\n", 2000))), 0o644); err != nil {
			t.Fatal(err)
		}
		gitRun("add", ".")
		gitRun("commit", "-q", "-m", fmt.Sprintf("c%d", i))
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	url := "file://" + filepath.ToSlash(repo)
	check := func(what string) {
		t.Helper()
		if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
			t.Errorf("%s: %d entries left in TMPDIR, first %s", what, len(entries), entries[0].Name())
		}
	}

	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"history", "-q", url}, strings.NewReader(""), &stdout, &stderr); code != exitFindings {
		t.Fatalf("history: exit %d, want %d; stderr %s", code, exitFindings, stderr.String())
	}
	check("finished scan")

	if code := run(context.Background(), []string{"history", url + "-missing"}, strings.NewReader(""), &stdout, &stderr); code != exitError {
		t.Errorf("missing repository: exit %d, want %d", code, exitError)
	}
	check("failed clone")

	for _, d := range []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond, 80 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		code := run(ctx, []string{"history", "-q", url}, strings.NewReader(""), &stdout, &stderr)
		cancel()
		if code != exitError && code != exitFindings {
			t.Errorf("cancelled after %v: exit %d", d, code)
		}
		check(fmt.Sprintf("cancelled after %v", d))
	}
}
