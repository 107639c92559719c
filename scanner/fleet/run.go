package fleet

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/leakcord/leakcord/scanner"
)

// Status is what became of one repository of a run.
type Status string

// Statuses.
const (
	// Scanned: the repository was scanned (in full, or incrementally).
	Scanned Status = "scanned"
	// Unchanged: the state recorded the same refs under the same options,
	// so the repository was not scanned again.
	Unchanged Status = "unchanged"
	// Failed: the repository could not be scanned (see Repo.Err).
	Failed Status = "failed"
	// Interrupted: the context was cancelled while the repository was
	// being scanned; Result holds what the scan found before (nil when it
	// found nothing it could report, a clone cut short say).
	Interrupted Status = "interrupted"
	// NotScanned: the context was cancelled before the repository's turn
	// came (or while its refs were listed); nothing of it was scanned.
	NotScanned Status = "not_scanned"
)

// Repo is the outcome of one target.
type Repo struct {
	Target string // as the list gave it
	Name   string // [Name] of Target
	Status Status
	// Err says why a repository Failed, or was Interrupted (the
	// context's error, or what the scan made of it).
	Err error
	// Result is what a Scanned repository's scan produced, or the partial
	// result of an Interrupted one ([scanner.Result.Incomplete] set);
	// nil otherwise.
	Result *scanner.Result
	// Refs are the refs listed before the scan (runs with a state only).
	Refs map[string]string
	// Since are the tips an incremental scan started from; nil for a full
	// scan.
	Since []string
	// Prior is what the state recorded about the repository, when it
	// recorded something under the same key (Unchanged repositories, and
	// incremental scans).
	Prior *RepoState
	// Duration is the wall time spent on the repository.
	Duration time.Duration
}

// Options configure [Run].
type Options struct {
	// Parallel is how many repositories are handled at once; 0 means one
	// per CPU.
	Parallel int
	// Scan scans one target; since, when not nil, are tips whose history
	// was scanned before (an incremental scan skips what they reach).
	// Required. It is called from several goroutines. It must honour ctx:
	// cancelled, it returns soon, with what it found so far as a result
	// (as [scanner.ScanHistory] and [scanner.Scan] do) or none, and an
	// error.
	Scan func(ctx context.Context, target string, since []string) (*scanner.Result, error)
	// State, when set, lets Run skip repositories whose refs did not change
	// since it recorded them under Key, and needs Refs.
	State *State
	// Key identifies the scan options in the state.
	Key string
	// Refs lists a target's refs (see [ListRefs]).
	Refs func(ctx context.Context, target string) (map[string]string, error)
	// Incremental scans a repository whose refs changed only from the
	// tips the state recorded, when it recorded the repository under Key.
	Incremental bool
	// Done, when set, is called once per target as soon as it is handled,
	// never concurrently, in the order targets finish; after a cancel,
	// also for the Interrupted and NotScanned ones. A panic in Done (a bug)
	// makes the target's outcome Failed with the internal error.
	Done func(Repo)
}

// Run handles every target and returns their outcomes in the order of
// targets. A repository that fails is an outcome with Status Failed, not
// an error of the run.
//
// When ctx is cancelled, Run starts no other target, waits for the scans
// under way to return (Scan must honour ctx) and returns every outcome
// together with ctx.Err(): those finished before as usual, Interrupted
// for the scans the cancel cut short (with the partial Result their Scan
// returned), NotScanned for the targets never started. The error is nil
// when every target was handled in full, even if ctx ended afterwards.
// Other errors (a missing Scan or Refs) come with no outcomes.
func Run(ctx context.Context, targets []string, opts Options) ([]Repo, error) {
	if opts.Scan == nil {
		return nil, errors.New("fleet: no Scan function")
	}
	if opts.State != nil && opts.Refs == nil {
		return nil, errors.New("fleet: a state needs a Refs function")
	}
	parallel := opts.Parallel
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	out := make([]Repo, len(targets))
	var mu sync.Mutex
	finish := func(i int, r Repo) {
		if opts.Done != nil {
			mu.Lock()
			r = callDone(opts.Done, r)
			mu.Unlock()
		}
		out[i] = r
	}
	var g errgroup.Group
	g.SetLimit(parallel)
	for i, t := range targets {
		if ctx.Err() != nil {
			finish(i, notScanned(t))
			continue
		}
		g.Go(func() error {
			// The cancel may have come while the loop waited for a slot.
			if ctx.Err() != nil {
				finish(i, notScanned(t))
				return nil
			}
			finish(i, handleGuarded(ctx, t, &opts))
			return nil
		})
	}
	_ = g.Wait() // the goroutines never fail: failures are outcomes
	for _, r := range out {
		if r.Status == Interrupted || r.Status == NotScanned {
			return out, ctx.Err()
		}
	}
	return out, nil
}

// notScanned is the outcome of a target the run never started.
func notScanned(target string) Repo {
	return Repo{Target: target, Name: Name(target), Status: NotScanned}
}

// handleGuarded is handle, with a panic (a bug, while listing refs or
// scanning) turned into a failure: one malformed repository must not take
// the fleet down. The error is a [scanner.InternalError] about the
// repository's name, which holds no credentials.
func handleGuarded(ctx context.Context, target string, opts *Options) (r Repo) {
	defer func() {
		if p := recover(); p != nil {
			r = Repo{Target: target, Name: Name(target), Status: Failed, Err: scanner.Recovered(Name(target), p)}
		}
	}()
	return handle(ctx, target, opts)
}

// callDone calls done with r and returns r; a panic in done (a bug) makes
// r a failure, with the internal error.
func callDone(done func(Repo), r Repo) (out Repo) {
	defer func() {
		if p := recover(); p != nil {
			out = r
			out.Status, out.Err, out.Result = Failed, scanner.Recovered(r.Name, p), nil
		}
	}()
	done(r)
	return r
}

// handle decides what to do with one target and does it.
func handle(ctx context.Context, target string, opts *Options) Repo {
	start := time.Now()
	r := Repo{Target: target, Name: Name(target)}
	var since []string
	if opts.State != nil {
		refs, err := opts.Refs(ctx, target)
		if err != nil {
			r.Status, r.Err, r.Duration = Failed, err, time.Since(start)
			if ctx.Err() != nil {
				r.Status, r.Err = NotScanned, nil
			}
			return r
		}
		r.Refs = refs
		if prior, ok := opts.State.Lookup(target); ok && prior.Key == opts.Key {
			r.Prior = &prior
			if SameRefs(prior.Refs, refs) {
				r.Status, r.Duration = Unchanged, time.Since(start)
				return r
			}
			if opts.Incremental {
				since = Tips(prior.Refs)
				if since == nil {
					since = []string{}
				}
			}
		}
	}
	res, err := scanOne(ctx, target, since, opts)
	r.Duration = time.Since(start)
	r.Since = since
	switch {
	case ctx.Err() != nil && (err != nil || res.Incomplete) && !errors.As(err, new(*scanner.InternalError)):
		// Cut short by the cancel: whatever the scan made of it (the
		// context's error, a clone killed), keep what it found. A bug is
		// a failure, cancelled or not.
		r.Status, r.Err, r.Result = Interrupted, err, res
		if err == nil {
			r.Err = ctx.Err()
		}
		if res == nil {
			return r
		}
	case err != nil:
		r.Status, r.Err, r.Since = Failed, err, nil
		return r
	default:
		r.Status, r.Result = Scanned, res
	}
	for i := range res.Findings {
		res.Findings[i].Repository = r.Name
	}
	return r
}

// scanOne calls opts.Scan; a scan that returns neither a result nor an
// error fails.
func scanOne(ctx context.Context, target string, since []string, opts *Options) (*scanner.Result, error) {
	res, err := opts.Scan(ctx, target, since)
	if err == nil && res == nil {
		err = errors.New("no result")
	}
	return res, err
}
