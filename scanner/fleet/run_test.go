package fleet

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
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
	repos, err := Run(ctx, targets(50), Options{Parallel: 1, Scan: ff.scan, Done: func(Repo) {
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
	if len(repos) != 50 || n != 50 {
		t.Fatalf("%d outcomes, %d Done calls, want one of each per target", len(repos), n)
	}
	for _, r := range repos[3:] {
		if r.Status != NotScanned || r.Result != nil || r.Name != r.Target {
			t.Errorf("%s after the cancel: %+v, want NotScanned", r.Target, r)
		}
	}
}

// TestRunCancelKeepsPartialResults cancels a run while one repository's
// scan is under way (it blocks until the cancel, then returns what it
// found, as scanner.ScanHistory does) and others are done or waiting: Run
// returns every outcome with the context's error, the finished ones
// Scanned, the one cut short Interrupted with its partial result, the
// rest NotScanned, each passed to Done once.
func TestRunCancelKeepsPartialResults(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ff := &fakeFleet{}
	started := make(chan struct{})
	scan := func(ctx context.Context, target string, since []string) (*scanner.Result, error) {
		if target != "slow" {
			return ff.scan(ctx, target, since)
		}
		close(started)
		<-ctx.Done()
		return &scanner.Result{Mode: "history", Incomplete: true,
			Findings: []scanner.Finding{{RuleID: "r", File: "early.py", Fingerprint: "slow"}}}, ctx.Err()
	}
	ts := []string{"slow", "a", "b", "c", "d"}
	var done []string
	// Two at once: slow holds one slot, a and b pass through the other;
	// the cancel comes as b finishes, before c gets b's slot.
	repos, err := Run(ctx, ts, Options{Parallel: 2, Scan: scan, Done: func(r Repo) {
		done = append(done, r.Target)
		if r.Target == "b" {
			<-started
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	want := map[string]Status{"slow": Interrupted, "a": Scanned, "b": Scanned, "c": NotScanned, "d": NotScanned}
	if len(repos) != len(ts) {
		t.Fatalf("%d outcomes, want %d", len(repos), len(ts))
	}
	for i, r := range repos {
		if r.Target != ts[i] || r.Status != want[r.Target] {
			t.Errorf("outcome %d: %s %s, want %s %s", i, r.Target, r.Status, ts[i], want[ts[i]])
		}
	}
	slow := repos[0]
	if slow.Result == nil || !slow.Result.Incomplete || len(slow.Result.Findings) != 1 ||
		slow.Result.Findings[0].Repository != "slow" || !errors.Is(slow.Err, context.Canceled) {
		t.Errorf("interrupted outcome %+v, want the partial result with its repository and the context's error", slow)
	}
	slices.Sort(done)
	if !slices.Equal(done, []string{"a", "b", "c", "d", "slow"}) {
		t.Errorf("Done called for %q, want every target once", done)
	}
	if slices.Contains(ff.scanned, "c") || slices.Contains(ff.scanned, "d") {
		t.Errorf("scanned %q after the cancel", ff.scanned)
	}

	// Nothing was cancelled mid-way: a run whose every target finished
	// returns no error, even if its context ends right after.
	ctx2, cancel2 := context.WithCancel(context.Background())
	repos, err = Run(ctx2, []string{"a"}, Options{Scan: ff.scan, Done: func(Repo) { cancel2() }})
	if err != nil || repos[0].Status != Scanned {
		t.Errorf("cancel after the last repository: %v, %+v", err, repos)
	}
}

// A cancel while a repository's refs are listed leaves it NotScanned,
// not Failed: it is scanned on the next run.
func TestRunCancelDuringRefs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	refs := func(ctx context.Context, target string) (map[string]string, error) {
		cancel()
		<-ctx.Done()
		return nil, fmt.Errorf("git ls-remote %s: %w", target, ctx.Err())
	}
	ff := &fakeFleet{}
	repos, err := Run(ctx, []string{"x", "y"}, Options{Parallel: 1, Scan: ff.scan, State: NewState(), Refs: refs})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	for _, r := range repos {
		if r.Status != NotScanned || r.Err != nil {
			t.Errorf("%s: %+v, want NotScanned", r.Target, r)
		}
	}
	if len(ff.scanned) != 0 {
		t.Errorf("scanned %q", ff.scanned)
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

// A scan that panics quoting a secret is a failed repository whose error
// names it (by its name, without the credentials of its URL), scrubbed of
// the secret; the other repositories are scanned.
func TestRunPanicScrubbed(t *testing.T) {
	tok := testtoken.BotToken(testtoken.New(5))
	const pat = "ghp_notarealpersonalaccesstoken0001"
	target := "https://x-access-token:" + pat + "@example.com/org/repo.git"
	scan := func(ctx context.Context, t string, since []string) (*scanner.Result, error) {
		if t == target {
			panic("cannot parse " + tok)
		}
		return &scanner.Result{}, nil
	}
	repos, err := Run(context.Background(), []string{"repo-00", target, "repo-02"}, Options{Parallel: 1, Scan: scan})
	if err != nil {
		t.Fatal(err)
	}
	var ie *scanner.InternalError
	if r := repos[1]; r.Status != Failed || !errors.As(r.Err, &ie) || ie.What != Name(target) {
		t.Fatalf("the panicking repository: %+v, want Failed with an InternalError about %s", r, Name(target))
	}
	if msg := repos[1].Err.Error(); strings.Contains(msg, tok) || strings.Contains(msg, pat) || !strings.Contains(msg, "cannot parse") {
		t.Errorf("the error quotes the secret or the URL's credentials, or not the panic:\n%s", msg)
	}
	if repos[0].Status != Scanned || repos[2].Status != Scanned {
		t.Errorf("the other repositories: %s, %s; want scanned", repos[0].Status, repos[2].Status)
	}
}

// A panic while a repository's refs are listed, or in Done, is that
// repository's failure; the others are handled.
func TestRunPanicInRefsAndDone(t *testing.T) {
	scan := func(ctx context.Context, t string, since []string) (*scanner.Result, error) {
		return &scanner.Result{}, nil
	}
	refs := func(ctx context.Context, target string) (map[string]string, error) {
		if target == "repo-00" {
			panic("bad refs")
		}
		return map[string]string{"HEAD": "x"}, nil
	}
	done := func(r Repo) {
		if r.Target == "repo-02" {
			panic("bad report")
		}
	}
	repos, err := Run(context.Background(), targets(4), Options{Parallel: 2, Scan: scan, State: &State{}, Refs: refs, Done: done})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []Status{Failed, Scanned, Failed, Scanned} {
		var ie *scanner.InternalError
		if r := repos[i]; r.Status != want || want == Failed && !errors.As(r.Err, &ie) {
			t.Errorf("%s: %s (%v), want %s", r.Target, r.Status, r.Err, want)
		}
	}
}
