package fleet

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// fakeFleet is a set of repositories for Run: their refs, and which fail.
type fakeFleet struct {
	mu            sync.Mutex
	refs          map[string]map[string]string
	fail          map[string]bool
	panics        map[string]bool
	scanned       []string   // targets scanned, in order
	since         [][]string // their since argument
	running, peak atomic.Int32
}

func (f *fakeFleet) scan(ctx context.Context, target string, since []string) (*scanner.Result, error) {
	n := f.running.Add(1)
	defer f.running.Add(-1)
	for {
		p := f.peak.Load()
		if n <= p || f.peak.CompareAndSwap(p, n) {
			break
		}
	}
	time.Sleep(2 * time.Millisecond)
	f.mu.Lock()
	f.scanned = append(f.scanned, target)
	f.since = append(f.since, since)
	f.mu.Unlock()
	if f.panics[target] {
		panic("corrupt pack")
	}
	if f.fail[target] {
		return nil, fmt.Errorf("clone %s: repository not found", target)
	}
	return &scanner.Result{Mode: "history", Findings: []scanner.Finding{{RuleID: "r", File: "f", Fingerprint: target}}}, ctx.Err()
}

func (f *fakeFleet) listRefs(_ context.Context, target string) (map[string]string, error) {
	if f.fail[target] {
		return nil, errors.New("unreachable")
	}
	return f.refs[target], nil
}

func targets(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("repo-%02d", i))
	}
	return out
}

// Outcomes come back in list order; failures and panics are outcomes, not
// errors; at most Parallel repositories run at once.
func TestRunFailuresAndBound(t *testing.T) {
	ts := targets(20)
	ff := &fakeFleet{fail: map[string]bool{"repo-03": true}, panics: map[string]bool{"repo-07": true}}
	var done []string
	repos, err := Run(context.Background(), ts, Options{Parallel: 3, Scan: ff.scan, Done: func(r Repo) { done = append(done, r.Target) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(repos) != len(ts) || len(done) != len(ts) {
		t.Fatalf("%d outcomes, %d Done calls, want %d", len(repos), len(done), len(ts))
	}
	for i, r := range repos {
		if r.Target != ts[i] {
			t.Fatalf("outcome %d is %s, want %s", i, r.Target, ts[i])
		}
		switch r.Target {
		case "repo-03", "repo-07":
			if r.Status != Failed || r.Err == nil || r.Result != nil {
				t.Errorf("%s: %+v, want Failed", r.Target, r)
			}
		default:
			if r.Status != Scanned || r.Result.Findings[0].Repository != r.Target {
				t.Errorf("%s: %+v, want Scanned with the repository set", r.Target, r)
			}
		}
	}
	if p := ff.peak.Load(); p > 3 || p < 2 {
		t.Errorf("peak concurrency %d, want 2..3", p)
	}
	slices.Sort(ff.scanned)
	if !slices.Equal(ff.scanned, ts) {
		t.Errorf("scanned %q: each target once", ff.scanned)
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ff := &fakeFleet{}
	n := 0
	_, err := Run(ctx, targets(50), Options{Parallel: 1, Scan: ff.scan, Done: func(Repo) {
		if n++; n == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if len(ff.scanned) > 5 {
		t.Errorf("%d repositories scanned after the cancel", len(ff.scanned))
	}
}

// With a state: unchanged repositories are skipped, changed ones scanned
// in full or from the recorded tips, failed listings are failures, and a
// state recorded under another key does not count.
func TestRunState(t *testing.T) {
	st := NewState()
	st.Record("same", RepoState{Key: "k", Refs: map[string]string{"HEAD": "1"}})
	st.Record("moved", RepoState{Key: "k", Refs: map[string]string{"HEAD": "1", "refs/heads/dev": "5"}})
	st.Record("otherkey", RepoState{Key: "old", Refs: map[string]string{"HEAD": "1"}})
	st.Record("unreachable", RepoState{Key: "k", Refs: map[string]string{"HEAD": "1"}})
	ff := &fakeFleet{
		refs: map[string]map[string]string{
			"same": {"HEAD": "1"}, "moved": {"HEAD": "2", "refs/heads/dev": "5"},
			"otherkey": {"HEAD": "1"}, "new": {"HEAD": "9"},
		},
		fail: map[string]bool{"unreachable": true},
	}
	ts := []string{"same", "moved", "otherkey", "new", "unreachable"}
	for _, incremental := range []bool{false, true} {
		ff.scanned, ff.since = nil, nil
		repos, err := Run(context.Background(), ts, Options{Parallel: 2, Scan: ff.scan, State: st, Key: "k", Refs: ff.listRefs, Incremental: incremental})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]Status{"same": Unchanged, "moved": Scanned, "otherkey": Scanned, "new": Scanned, "unreachable": Failed}
		for _, r := range repos {
			if r.Status != want[r.Target] {
				t.Errorf("incremental=%v: %s is %s, want %s", incremental, r.Target, r.Status, want[r.Target])
			}
			if r.Target == "same" && (r.Prior == nil || r.Result != nil) {
				t.Errorf("unchanged repository: %+v", r)
			}
			wantSince := []string(nil)
			if incremental && r.Target == "moved" {
				wantSince = []string{"1", "5"}
			}
			if !slices.Equal(r.Since, wantSince) || (r.Since == nil) != (wantSince == nil) {
				t.Errorf("incremental=%v: %s since %q, want %q", incremental, r.Target, r.Since, wantSince)
			}
		}
		if slices.Contains(ff.scanned, "same") {
			t.Error("an unchanged repository was scanned")
		}
	}
	if _, err := Run(context.Background(), ts, Options{Scan: ff.scan, State: st}); err == nil {
		t.Error("a state without Refs: no error")
	}
}
