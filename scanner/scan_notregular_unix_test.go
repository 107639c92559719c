//go:build unix

package scanner_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

// TestNotRegularRootError: a root that is neither a regular file nor a
// folder (a FIFO here, as /dev/stdin is when stdin is a pipe) is refused,
// without being opened, with an error that wraps ErrNotRegular so that the
// command line can point at "-".
func TestNotRegularRootError(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "pipe")
	mkfifo(t, pipe)
	_, err := scanner.Scan(context.Background(), []string{pipe}, scanner.Options{Matcher: matcher()})
	if !errors.Is(err, scanner.ErrNotRegular) || !strings.Contains(err.Error(), pipe) {
		t.Errorf("err = %v, want ErrNotRegular naming %s", err, pipe)
	}
}
