package scanner

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
)

// TestWorkerGoesOnAfterReadError covers, whoever runs the tests (root
// reads a chmod 000 file), a file that cannot be read: a file that vanished
// between the walk and the read. It is a warning, counted, and the next
// file is still scanned.
func TestWorkerGoesOnAfterReadError(t *testing.T) {
	dir := t.TempDir()
	tok := testtoken.BotToken(testtoken.New(1))
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte("t = "+tok+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var warnings []error
	s := &scan{opts: Options{
		Matcher:     rules.NewMatcher(time.Now()),
		MaxFileSize: DefaultMaxFileSize,
		Warn:        func(err error) { warnings = append(warnings, err) },
	}}
	jobs := make(chan fileJob, 2)
	jobs <- fileJob{abs: filepath.Join(dir, "gone.txt"), rel: "gone.txt"}
	jobs <- fileJob{abs: good, rel: "good.txt"}
	close(jobs)
	if err := s.worker(context.Background(), jobs); err != nil {
		t.Fatalf("worker: %v", err)
	}
	if s.stats.Errors != 1 || len(warnings) != 1 || !errors.Is(warnings[0], fs.ErrNotExist) {
		t.Errorf("Errors %d, warnings %v; want one not-exist warning", s.stats.Errors, warnings)
	}
	if len(s.findings) != 1 || s.findings[0].File != "good.txt" || s.stats.Files != 1 {
		t.Errorf("findings %v, Files %d; want the token in good.txt", s.findings, s.stats.Files)
	}
}
