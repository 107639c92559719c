package fleet

import (
	"context"
	"errors"
	"fmt"
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
)

// Repo is the outcome of one target.
type Repo struct {
	Target string // as the list gave it
	Name   string // [Name] of Target
	Status Status
	// Err says why a repository Failed.
	Err error
	// Result is what a Scanned repository's scan produced; nil otherwise.
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
	// Required. It is called from several goroutines.
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
	// never concurrently, in the order targets finish.
	Done func(Repo)
}

// Run handles every target and returns their outcomes in the order of
// targets. A repository that fails is an outcome with Status Failed; the
// error result is only ever the context's, when it is cancelled.
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
	var done sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallel)
	for i, t := range targets {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			r := handle(gctx, t, &opts)
			if err := gctx.Err(); err != nil {
				return err
			}
			out[i] = r
			if opts.Done != nil {
				done.Lock()
				opts.Done(r)
				done.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
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
	res, err := scanOne(ctx, target, since, opts.Scan)
	r.Duration = time.Since(start)
	if err != nil {
		r.Status, r.Err = Failed, err
		return r
	}
	r.Status, r.Result, r.Since = Scanned, res, since
	for i := range res.Findings {
		res.Findings[i].Repository = r.Name
	}
	return r
}

// scanOne calls scan, turning a panic into an error: one malformed
// repository must not take the fleet down.
func scanOne(ctx context.Context, target string, since []string, scan func(context.Context, string, []string) (*scanner.Result, error)) (res *scanner.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("internal error while scanning: %v", p)
		}
	}()
	res, err = scan(ctx, target, since)
	if err == nil && res == nil {
		err = errors.New("no result")
	}
	return res, err
}
