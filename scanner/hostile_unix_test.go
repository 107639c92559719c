//go:build unix

package scanner_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// TestSocketsAndDevicesNeverOpened: a Unix socket and links to endless
// devices inside the tree are passed over; a device given as the root is
// refused at once, never read.
func TestSocketsAndDevicesNeverOpened(t *testing.T) {
	// Socket paths are limited to about 100 bytes: a short folder.
	root, err := os.MkdirTemp("", "lc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	l, err := net.Listen("unix", filepath.Join(root, "sock"))
	if err != nil {
		t.Skipf("cannot make a Unix socket: %v", err)
	}
	defer l.Close()
	for _, dev := range []string{"/dev/zero", "/dev/urandom", "/dev/tty"} {
		if err := os.Symlink(dev, filepath.Join(root, filepath.Base(dev))); err != nil {
			t.Fatal(err)
		}
	}
	plant(t, testtoken.New(48), root, "a.txt")
	res := scanWithin(t, 20*time.Second, []string{root}, scanner.Options{})
	if got, want := findingFiles(res), []string{"a.txt"}; !slices.Equal(got, want) || res.Stats.Files != 1 {
		t.Errorf("findings in %q (%d files), want %q (1 file)", got, res.Stats.Files, want)
	}

	for _, dev := range []string{"/dev/zero", filepath.Join(root, "sock")} {
		if _, err := os.Stat(dev); err != nil {
			continue
		}
		done := make(chan error, 1)
		go func() {
			_, err := scanner.Scan(context.Background(), []string{dev}, scanner.Options{Matcher: matcher()})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("%s as the root: err %v, want \"not a regular file\"", dev, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s as the root: the scan read it", dev)
		}
	}
}
