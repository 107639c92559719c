package scanner_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// A history scan cancelled after its graph is loaded returns the findings
// of the blobs read so far, attributed over the commits diffed so far,
// marked incomplete, together with the context's error.
func TestHistoryCancelledMidway(t *testing.T) {
	x := newGitRepo(t, 43)
	planted := make(map[string]string) // token → path
	var commits []string
	for c := range 4 {
		for i := range 600 { // more blobs than one batch per commit
			p := fmt.Sprintf("c%d/file%03d.py", c, i)
			if i%50 == 0 {
				planted[x.plant(p)] = p
				continue
			}
			x.write(p, strings.Repeat(fmt.Sprintf("value_%d_%d = compute()\n", c, i), 5))
		}
		commits = append(commits, x.commit(fmt.Sprint("commit ", c)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := scanner.ScanHistory(ctx, x.dir, scanner.HistoryOptions{
		Options: scanner.Options{Matcher: matcher(), Jobs: 2, Warn: func(err error) { t.Errorf("unexpected warning: %v", err) }},
		Progress: func(p scanner.Progress) {
			if p.Phase == "commits" && p.Done == 3 {
				// The batches of the first two commits are handed over;
				// give the workers time to read them.
				time.Sleep(300 * time.Millisecond)
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if res == nil || !res.Incomplete {
		t.Fatalf("result = %+v, want a partial result marked incomplete", res)
	}
	if res.Stats.Commits != 3 {
		t.Errorf("Stats.Commits = %d, want the 3 commits diffed", res.Stats.Commits)
	}
	if len(res.Findings) == 0 || len(res.Findings) >= len(planted) {
		t.Fatalf("%d findings, want some of the %d planted:\n%s", len(res.Findings), len(planted), describe(res))
	}
	for _, f := range res.Findings {
		path, ok := planted[f.Secret]
		if !ok || path != f.File {
			t.Errorf("unexpected finding %s", f.File)
			continue
		}
		var c int
		fmt.Sscanf(path, "c%d/", &c)
		if c > 1 {
			t.Errorf("%s: found, but its commit's blobs were never handed to the workers", path)
		}
		if got := f.Commit.SHA; got != commits[c] {
			t.Errorf("%s: commit %s, want %s", path, got, commits[c])
		}
		// Counted over the three commits diffed, not the fourth.
		if f.Occurrences != 3-c || f.LastSeenCommit != commits[2] {
			t.Errorf("%s: occurrences %d, last seen %s; want %d, %s", path, f.Occurrences, f.LastSeenCommit, 3-c, commits[2])
		}
		if f.InHead == nil || !*f.InHead {
			t.Errorf("%s: in_head %s, want true", path, ptrString(f.InHead))
		}
	}
}
