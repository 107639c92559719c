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

// cancelMidway builds a history of four commits of 600 files each, 12 of
// them with a secret, and scans it with opts, cancelling the scan before
// the third commit is diffed, once the workers had time to read the two
// full batches handed over (the 600 blobs of the first commit, 424 of the
// second); the second commit's last 176 blobs wait in the next batch and
// are never read. It returns the scan's result, the secrets planted
// (token → path) and the commits.
func cancelMidway(t *testing.T, opts scanner.HistoryOptions) (*scanner.Result, map[string]string, []string) {
	t.Helper()
	x := newGitRepo(t, 43)
	planted := make(map[string]string)
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
	opts.Options = scanner.Options{Matcher: matcher(), Jobs: 2, Warn: func(err error) { t.Errorf("unexpected warning: %v", err) }}
	opts.Progress = func(p scanner.Progress) {
		if p.Phase == "commits" && p.Done == 3 {
			time.Sleep(300 * time.Millisecond)
			cancel()
		}
	}
	res, err := scanner.ScanHistory(ctx, x.dir, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if res == nil || !res.Incomplete {
		t.Fatalf("result = %+v, want a partial result marked incomplete", res)
	}
	if res.Stats.Commits != 1 {
		t.Errorf("Stats.Commits = %d, want the 1 commit read in full", res.Stats.Commits)
	}
	perCommit := make([]int, len(commits))
	for _, f := range res.Findings {
		path, ok := planted[f.Secret]
		if !ok || path != f.File {
			t.Errorf("unexpected finding %s", f.File)
			continue
		}
		var c int
		fmt.Sscanf(path, "c%d/", &c)
		perCommit[c]++
		if got := f.Commit.SHA; got != commits[c] {
			t.Errorf("%s: commit %s, want %s", path, got, commits[c])
		}
	}
	// Every secret of the first commit, some of the second (the blobs read
	// before the signal are not lost), none of the commits never read.
	if perCommit[0] != 12 || perCommit[1] == 0 || perCommit[1] >= 12 || perCommit[2] != 0 || perCommit[3] != 0 {
		t.Errorf("findings per commit %v, want [12, 1..11, 0, 0]:\n%s", perCommit, describe(res))
	}
	return res, planted, commits
}

// A history scan cancelled after its graph is loaded returns the findings
// of every blob read so far, marked incomplete, together with the
// context's error; Stats.Commits counts the commits read in full, over
// which Occurrences and LastSeenCommit are counted.
func TestHistoryCancelledMidway(t *testing.T) {
	res, planted, commits := cancelMidway(t, scanner.HistoryOptions{})
	for _, f := range res.Findings {
		path := planted[f.Secret]
		wantOcc, wantLast := 1, commits[0] // counted over the commit read in full
		if !strings.HasPrefix(path, "c0/") {
			wantOcc, wantLast = 0, "" // introduced after it: not counted
		}
		if f.Occurrences != wantOcc || f.LastSeenCommit != wantLast {
			t.Errorf("%s: occurrences %d, last seen %q; want %d, %q", path, f.Occurrences, f.LastSeenCommit, wantOcc, wantLast)
		}
		if f.InHead == nil || !*f.InHead {
			t.Errorf("%s: in_head %s, want true", path, ptrString(f.InHead))
		}
	}
}

// When the attribution of an interrupted scan runs out of its budget (a
// huge history), the findings keep their introducing commit and leave out
// what needs a walk over the commits: in_head, occurrences, last sighting.
func TestHistoryCancelledAttributionBudget(t *testing.T) {
	res, planted, _ := cancelMidway(t, scanner.WithPartialBudget(scanner.HistoryOptions{}, time.Nanosecond))
	for _, f := range res.Findings {
		if f.InHead != nil || f.Occurrences != 0 || f.LastSeenCommit != "" {
			t.Errorf("%s: in_head %s, occurrences %d, last seen %q; want none of them", planted[f.Secret],
				ptrString(f.InHead), f.Occurrences, f.LastSeenCommit)
		}
	}
}
