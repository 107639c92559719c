//go:build unix

package scanner_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
}

// TestFIFOsNeverOpened: opening a FIFO that has no writer blocks forever.
func TestFIFOsNeverOpened(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(10)
	plant(t, r, root, "a.txt")
	mkfifo(t, filepath.Join(root, "pipe"))
	mkfifo(t, filepath.Join(root, "sub", "pipe.txt"))
	res := scanWithin(t, 20*time.Second, []string{root}, scanner.Options{NoIgnore: true})
	if got, want := findingFiles(res), []string{"a.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	if res.Stats.Files != 1 || res.Stats.Errors != 0 {
		t.Errorf("Stats = %+v, want 1 file, no errors", res.Stats)
	}
}

// TestFIFOGitignore is a regression test: a .gitignore that is a FIFO made
// the walker block reading it.
func TestFIFOGitignore(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(11)
	plant(t, r, root, "sub/a.txt")
	mkfifo(t, filepath.Join(root, "sub", ".gitignore"))
	mkfifo(t, filepath.Join(root, ".gitignore"))
	res := scanWithin(t, 20*time.Second, []string{root}, scanner.Options{})
	if got, want := findingFiles(res), []string{"sub/a.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	// And when the FIFO sits above the scanned folder.
	res = scanWithin(t, 20*time.Second, []string{filepath.Join(root, "sub")}, scanner.Options{})
	if got, want := findingFiles(res), []string{"a.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
}

// TestFIFORoot is a regression test: a FIFO given as a path was opened,
// which blocks without a writer, and then skipped without a word.
func TestFIFORoot(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "pipe")
	mkfifo(t, pipe)
	done := make(chan error, 1)
	go func() {
		_, err := scanner.Scan(context.Background(), []string{pipe}, scanner.Options{Matcher: matcher()})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), pipe) {
			t.Errorf("err = %v, want an error naming %s", err, pipe)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Scan of a FIFO root blocked")
	}
}

func skipIfRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("root can read files whatever their mode")
	}
}

func TestUnreadableFileIsWarning(t *testing.T) {
	skipIfRoot(t)
	root := t.TempDir()
	r := testtoken.New(12)
	plant(t, r, root, "a.txt")
	plant(t, r, root, "locked.txt")
	plant(t, r, root, "locked/b.txt")
	plant(t, r, root, "z.txt")
	for _, name := range []string{"locked.txt", "locked"} {
		p := filepath.Join(root, name)
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	var mu sync.Mutex
	var warnings []error
	warn := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		warnings = append(warnings, err)
	}
	res := scan(t, []string{root}, scanner.Options{Warn: warn})
	if got, want := findingFiles(res), []string{"a.txt", "z.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	if res.Stats.Errors != 2 || len(warnings) != 2 {
		t.Fatalf("Stats.Errors = %d, warnings %v; want 2 of each", res.Stats.Errors, warnings)
	}
	for _, err := range warnings {
		if !errors.Is(err, os.ErrPermission) || !strings.Contains(err.Error(), "locked") {
			t.Errorf("warning %q: want a permission error naming the path", err)
		}
	}

	// Nil Warn discards, the count stays.
	res, err := scanner.Scan(context.Background(), []string{root}, scanner.Options{Matcher: matcher()})
	if err != nil || res.Stats.Errors != 2 {
		t.Errorf("nil Warn: err %v, Stats.Errors %d; want nil, 2", err, res.Stats.Errors)
	}

	// An unreadable root is an error: the scan would be incomplete.
	if _, err := scanner.Scan(context.Background(), []string{filepath.Join(root, "locked.txt")}, scanner.Options{Matcher: matcher()}); !errors.Is(err, os.ErrPermission) {
		t.Errorf("unreadable file root: err = %v, want a permission error", err)
	}
	if _, err := scanner.Scan(context.Background(), []string{filepath.Join(root, "locked")}, scanner.Options{Matcher: matcher()}); !errors.Is(err, os.ErrPermission) {
		t.Errorf("unreadable folder root: err = %v, want a permission error", err)
	}
}
