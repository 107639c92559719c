package scanner_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

// Tests of the blob pipeline: blobs are read and matched on opts.Jobs
// workers while the commits are still being diffed, a batch at a time, from
// packs and loose objects.

// pipelineRepo commits 700 files over three commits (more blobs than one
// batch), a token in every 50th, then packs the repository and adds a
// fourth commit whose objects stay loose. It returns the repository and the
// number of (token, path) pairs.
func pipelineRepo(t *testing.T) (*gitRepo, int) {
	x := newGitRepo(t, 41)
	planted := 0
	for c := range 3 {
		for i := c; i < 700; i += 3 {
			p := fmt.Sprintf("pkg%d/file%03d.py", i%7, i)
			if i%50 == 0 {
				x.plant(p)
				planted++
				continue
			}
			x.write(p, strings.Repeat(fmt.Sprintf("value_%d = compute(%d)\n", i, c), 20))
		}
		x.commit(fmt.Sprint("batch ", c))
	}
	x.git("repack", "-adq")
	x.plant("late/config.py")
	planted++
	x.commit("loose")
	return x, planted
}

// Every number of workers finds the same, and the progress callback sees
// the commit phase, then the blob phase through to its end.
func TestHistoryPipelineJobs(t *testing.T) {
	x, planted := pipelineRepo(t)
	var want []scanner.Finding
	for _, jobs := range []int{1, 2, 4} {
		var mu sync.Mutex
		var phases []string
		var lastBlobs scanner.Progress
		res := scanHistory(t, x.dir, scanner.HistoryOptions{
			Options: scanner.Options{Jobs: jobs},
			Progress: func(p scanner.Progress) {
				mu.Lock()
				defer mu.Unlock()
				if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
					phases = append(phases, p.Phase)
				}
				if p.Phase == "blobs" && p.Done >= lastBlobs.Done {
					lastBlobs = p
				}
			},
		})
		if len(res.Findings) != planted {
			t.Errorf("jobs=%d: %d findings, want %d", jobs, len(res.Findings), planted)
		}
		if want == nil {
			want = res.Findings
		} else if !slices.EqualFunc(res.Findings, want, func(a, b scanner.Finding) bool {
			return a.File == b.File && a.Secret == b.Secret && a.Commit.SHA == b.Commit.SHA && a.Occurrences == b.Occurrences
		}) {
			t.Errorf("jobs=%d: findings differ from jobs=1", jobs)
		}
		if !slices.Equal(phases, []string{"commits", "blobs"}) {
			t.Errorf("jobs=%d: progress phases %q, want commits then blobs", jobs, phases)
		}
		if blobs := x.distinctBlobs(); lastBlobs.Done != blobs || lastBlobs.Total != blobs {
			t.Errorf("jobs=%d: last blob progress %d of %d, want %d of %d", jobs, lastBlobs.Done, lastBlobs.Total, blobs, blobs)
		}
		if res.Stats.Files != x.distinctBlobs() || res.Stats.Bytes == 0 {
			t.Errorf("jobs=%d: stats %d files, %d bytes; want %d files", jobs, res.Stats.Files, res.Stats.Bytes, x.distinctBlobs())
		}
	}
}

// Cancelling the context while commits are diffed stops the scan with the
// context's error.
func TestHistoryPipelineCancel(t *testing.T) {
	x, _ := pipelineRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := scanner.ScanHistory(ctx, x.dir, scanner.HistoryOptions{
		Options: scanner.Options{Matcher: matcher(), Jobs: 2},
		Progress: func(p scanner.Progress) {
			if p.Phase == "commits" && p.Done == 2 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// A clone made with --shared holds no objects of its own: every one is
// read through its alternates, by go-git.
func TestHistoryAlternates(t *testing.T) {
	x, planted := pipelineRepo(t)
	clone := t.TempDir()
	git(t, x.env, x.dir, "clone", "-q", "--shared", x.dir, clone)
	res := scanHistory(t, clone, scanner.HistoryOptions{})
	if len(res.Findings) != planted {
		t.Errorf("%d findings, want %d", len(res.Findings), planted)
	}
}
