package scanner_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// A broken ref never crashes, hangs or empties the scan: the history of
// the other refs is reported, with a warning naming the broken ref (or the
// packed-refs line). A symbolic ref that leads nowhere (to itself, to a
// ref that does not exist) holds no history of its own: it is passed over,
// as git does.
func TestHistoryBrokenRefs(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string // under .git
		data string
		warn string // what a warning names; "" for none
	}{
		{"garbage loose ref", "refs/heads/broken", "this is not an object name\n", "refs/heads/broken"},
		{"empty loose ref", "refs/heads/broken", "", "refs/heads/broken"},
		{"ref to a missing object", "refs/heads/broken", "0123456789abcdef0123456789abcdef01234567\n", "refs/heads/broken"},
		{"symbolic ref to itself", "refs/heads/broken", "ref: refs/heads/broken\n", ""},
		{"symbolic ref to nothing", "refs/heads/broken", "ref: refs/heads/nothing\n", ""},
		{"garbage packed-refs line", "packed-refs", "# pack-refs with: peeled fully-peeled sorted\nnot a line of packed-refs\n", "packed-refs line 2"},
		{"packed ref to a missing object", "packed-refs", "# pack-refs with: peeled fully-peeled sorted\n0123456789abcdef0123456789abcdef01234567 refs/heads/broken\n", "refs/heads/broken"},
		{"tag ref to garbage", "refs/tags/broken", "zzzz\n", "refs/tags/broken"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := newGitRepo(t, 36)
			good := x.plant("good.py")
			c1 := x.commit("main")
			name := filepath.Join(x.dir, ".git", filepath.FromSlash(tc.file))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			var warnings []string
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			res, err := scanner.ScanHistory(ctx, x.dir, scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher(),
				Warn: func(err error) { warnings = append(warnings, err.Error()) }}})
			if ctx.Err() != nil {
				t.Fatal("the scan hangs")
			}
			if err != nil {
				t.Fatalf("the scan fails: %v", err)
			}
			checkFindings(t, res, wantFinding{secret: good, path: "good.py", commit: c1, inHead: true})
			w := strings.Join(warnings, "\n")
			switch {
			case tc.warn == "" && len(warnings) > 0:
				t.Errorf("warnings %q, want none", warnings)
			case tc.warn != "" && (len(warnings) != 1 || !strings.Contains(w, tc.warn)):
				t.Errorf("warnings %q, want one naming %s", warnings, tc.warn)
			}
		})
	}
}
