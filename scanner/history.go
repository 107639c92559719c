package scanner

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/leakcord/leakcord/rules"
)

// HistoryOptions configure a scan of a repository's history.
type HistoryOptions struct {
	Options // Matcher, MaxFileSize, Jobs and Warn apply; NoIgnore and Stdin do not

	// Branches limits the scan to the commits reachable from these refs or
	// revisions; empty means every ref (branches, tags, remote-tracking
	// refs, every stash entry) and HEAD.
	Branches []string
	// SinceCommit skips the commits reachable from this revision.
	SinceCommit string
	// Range "A..B" scans the commits reachable from B and not from A; it
	// cannot be combined with Branches.
	Range string
	// Since and Until keep only commits whose committer date lies in the
	// window (zero means open).
	Since, Until time.Time
	// MaxCommits keeps only the newest N commits in topological order (0: all).
	MaxCommits int
	// Progress, when set, is called from the scan's goroutines as commits
	// are diffed and blobs read (at most once per item); it must be cheap.
	Progress func(Progress)
	// Head is the revision whose tip decides Finding.InHead: by default
	// the tip of the branch scanned, that is B of Range, else the first of
	// Branches, else HEAD. A Head that does not resolve is an error; the
	// default HEAD may be missing (an empty repository, an unborn branch),
	// and then no finding is in the head.
	Head string

	// partialBudget replaces the default partialBudget when set (tests).
	partialBudget time.Duration
}

// Progress reports how far a history scan is: Phase is "commits" (finding
// what each commit introduced) or "blobs" (reading and matching each
// distinct file version); Done of Total items; Bytes read so far.
type Progress struct {
	Phase       string
	Done, Total int
	Bytes       int64
}

// lfsPointerPrefix starts every Git LFS pointer file.
var lfsPointerPrefix = []byte("version https://git-lfs.github.com/spec/v1")

// blobContent is the content gate of git blobs (history and staged share
// it). A blob that is scanned gives skip nil, and u16 its text when it is
// UTF-16 (see utf16.go; m decides as for files). A binary blob or a Git LFS
// pointer gives the function that counts it in Stats.
func blobContent(m *rules.Matcher, data []byte) (u16 *utf16Text, skip func(*Stats)) {
	switch {
	case isBinary(data):
		if u16 := asUTF16(m, data); u16 != nil {
			return u16, nil
		}
		return nil, func(s *Stats) { s.SkippedBinary++ }
	case bytes.HasPrefix(data, lfsPointerPrefix):
		return nil, func(s *Stats) { s.SkippedLFS++ }
	}
	return nil, nil
}

// ScanHistory scans every commit of the repository at repoArg (a work tree
// or a folder inside one, a bare repository, or a remote URL, which is
// cloned bare into a temporary folder and removed afterwards; a file is
// an error wrapping [ErrNotFolder]).
//
// Each distinct blob is read and matched once. A finding is one (secret,
// path) pair, attributed to the commit that introduced it: the first commit,
// in topological order, whose tree holds a blob with the secret at that path
// while none of its parents' trees holds that blob there. A renamed or
// copied file is a new path, so its secrets are new findings of the commit
// that renamed or copied it. Finding.Occurrences counts the scanned commits
// whose tree holds the secret at that path, and Finding.LastSeenCommit is
// the newest of them in topological order.
//
// Problems with single objects (a missing or corrupt blob or tree, a
// shallow clone's missing history) go to opts.Warn and Stats.Errors; the
// error result means the scan could not complete.
//
// When ctx is cancelled after the commit graph is loaded, ScanHistory
// returns a partial *Result with [Result.Incomplete] set together with
// ctx.Err(): the findings of every blob read before, attributed over the
// commits read in full (see history.partial); cancelled earlier, it returns
// nil and the error.
func ScanHistory(ctx context.Context, repoArg string, opts HistoryOptions) (*Result, error) {
	if opts.Matcher == nil {
		return nil, errors.New("scanner: no matcher")
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Jobs <= 0 {
		// One reader per CPU, at most maxDefaultHistoryJobs: each keeps a
		// delta cache of blobReaderCache.
		opts.Jobs = min(runtime.GOMAXPROCS(0), maxDefaultHistoryJobs)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	if !IsRemote(repoArg) {
		if err := checkRepoArg(repoArg); err != nil {
			return nil, err
		}
	}
	repo, cleanup, err := openRepoWith(ctx, repoArg, opts.MaxFileSize)
	if err != nil {
		return nil, err
	}
	defer cleanup()

	store := newObjectStore(repo)
	defer store.close()
	h := &history{repo: repo, store: store, opts: opts, trees: newTreeCache(newObjectReader(store, treeReaderCache))}
	g, err := h.graph(ctx)
	if err != nil {
		return nil, err
	}
	h.warnMissing(repoArg, g)
	h.diffed = len(g.nodes)
	scan := h.startBlobScan(ctx)
	defer scan.abort() // the workers end on every path, a panic in the diff included
	blobs, err := h.collect(scan.ctx, g, scan.add)
	found, unread, ferr := scan.finish()
	if err = cmp.Or(err, ferr); err == nil {
		var findings []Finding
		if findings, err = h.attribute(ctx, g, blobs, found); err == nil {
			h.stats.Duration = time.Since(start)
			return &Result{Mode: "history", Findings: findings, Stats: h.stats}, nil
		}
	}
	if ctx.Err() == nil {
		return nil, err
	}
	h.diffed = min(h.diffed, unread)
	return h.partial(ctx, g, blobs, found, start), ctx.Err()
}

// maxDefaultHistoryJobs caps the default number of blob readers.
const maxDefaultHistoryJobs = 4

// partialBudget bounds the attribution of an interrupted history scan.
const partialBudget = 2 * time.Second

// partial builds the result of a scan interrupted after its graph was
// loaded, with [Result.Incomplete] set: the findings of every blob read so
// far. h.diffed is then the number of commits read in full, a prefix of
// the topological order: the diff went through them and every blob they
// introduce was read. A finding's introducing commit is the true one among
// the commits diffed; Occurrences and LastSeenCommit count the commits read
// in full, and are unset for a finding first introduced after them (its
// blob was read, an older commit's was not). Attribution gets
// partialBudget past the cancellation; when that is not enough (a huge
// history), the findings keep their introducing commit and leave InHead,
// Occurrences and LastSeenCommit unset. Stats.Commits counts the commits
// read in full.
func (h *history) partial(ctx context.Context, g *commitGraph, blobs map[plumbing.Hash][]intro, found map[plumbing.Hash][]Finding, start time.Time) *Result {
	h.partialScan = true
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cmp.Or(h.opts.partialBudget, partialBudget))
	defer cancel()
	findings, err := h.attribute(bctx, g, blobs, found)
	if err != nil {
		h.skipWalk = true
		findings, _ = h.attribute(context.WithoutCancel(ctx), g, blobs, found)
	}
	h.count(func(s *Stats) {
		s.Commits = 0
		for _, n := range g.nodes[:h.diffed] {
			if n.selected {
				s.Commits++
			}
		}
		s.Duration = time.Since(start)
	})
	return &Result{Mode: "history", Findings: findings, Stats: h.stats, Incomplete: true}
}

// Memory budgets of the object readers' delta base caches: the one that
// reads trees, and each of the opts.Jobs blob readers.
const (
	treeReaderCache = 16 << 20
	blobReaderCache = 16 << 20
)

// history is the state of one ScanHistory call.
type history struct {
	repo  *git.Repository
	store *objectStore
	opts  HistoryOptions
	trees *treeCache // used by one goroutine at a time
	mu    sync.Mutex
	stats Stats

	// diffed is how many commits of the graph, in topological order, the
	// diff went through (all of them unless the scan was interrupted); an
	// interrupted scan lowers it to the commits whose blobs were all read.
	diffed int
	// head is the tip that decides InHead, nil when there is none.
	head *plumbing.Hash
	// partialScan is set once the scan was interrupted: some blobs the
	// diff saw were not read. skipWalk drops the count of the commits that
	// carry each finding (Occurrences, LastSeenCommit, InHead).
	partialScan, skipWalk bool
}

func (h *history) warn(err error) {
	h.mu.Lock()
	h.stats.Errors++
	h.mu.Unlock()
	if h.opts.Warn != nil {
		h.opts.Warn(err)
	}
}

// warnMissing reports commits that the graph names but the object store
// lacks: the history of a shallow clone beyond its boundary, or damage.
func (h *history) warnMissing(repoArg string, g *commitGraph) {
	if len(g.missing) == 0 {
		return
	}
	if shallow, err := h.repo.Storer.Shallow(); err == nil && len(shallow) > 0 {
		h.warn(fmt.Errorf("%s is a shallow clone: commits beyond its boundary are missing and were not scanned (hint: git fetch --unshallow)", repoArg))
		return
	}
	missing := slices.SortedFunc(maps.Keys(g.missing), func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	more := ""
	if len(missing) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(missing)-1)
	}
	h.warn(fmt.Errorf("commit %s, a parent of commit %s, is missing%s: the history behind it was not scanned", missing[0], g.missing[missing[0]], more))
}

// graph loads the commits selected by the options and marks those that
// pass the date and count filters. It resolves the tip that decides
// InHead: a revision that the options name and that does not resolve is
// an error naming the option.
func (h *history) graph(ctx context.Context) (*commitGraph, error) {
	branches, flag := h.opts.Branches, "--branch"
	var excludeFrom []namedRev
	if h.opts.Range != "" {
		if len(h.opts.Branches) > 0 {
			return nil, errors.New("--range and --branch cannot be used together: --range A..B scans the commits of B")
		}
		a, b, ok := strings.Cut(h.opts.Range, "..")
		if !ok || a == "" || b == "" || strings.HasPrefix(b, ".") {
			return nil, fmt.Errorf("--range %q: want A..B", h.opts.Range)
		}
		flag = "--range " + h.opts.Range + ":"
		branches = []string{b}
		excludeFrom = append(excludeFrom, namedRev{flag, a})
	}
	if h.opts.SinceCommit != "" {
		excludeFrom = append(excludeFrom, namedRev{"--since-commit", h.opts.SinceCommit})
	}
	var tips []plumbing.Hash
	if len(branches) > 0 {
		for _, b := range branches {
			x, err := h.resolve(namedRev{flag, b})
			if err != nil {
				return nil, err
			}
			tips = append(tips, x)
		}
	} else {
		var err error
		if tips, err = refTips(h.repo, h.trees.r, h.warn); err != nil {
			return nil, err
		}
	}
	switch {
	case h.opts.Head != "":
		x, err := h.resolve(namedRev{"--head", h.opts.Head})
		if err != nil {
			return nil, err
		}
		h.head = &x
	case len(branches) > 0:
		x := tips[0] // the tip of the branch scanned
		h.head = &x
	default:
		// No HEAD commit (an empty repository, an unborn branch): nothing
		// is in the head.
		if x, err := resolveCommit(h.repo, h.trees.r, "HEAD"); err == nil {
			h.head = &x
		}
	}
	var exclude map[plumbing.Hash]bool
	if len(excludeFrom) > 0 {
		var roots []plumbing.Hash
		for _, r := range excludeFrom {
			x, err := h.resolve(r)
			if err != nil {
				return nil, err
			}
			roots = append(roots, x)
		}
		var err error
		if exclude, err = reachable(ctx, h.trees.r.commit, roots); err != nil {
			return nil, err
		}
	}
	g, err := loadGraph(ctx, h.trees.r.commit, tips, exclude)
	if err != nil {
		return nil, err
	}
	for _, n := range g.nodes {
		if n.selected = h.selected(n, len(g.nodes)); n.selected {
			h.stats.Commits++
		}
	}
	return g, nil
}

// namedRev is a revision that an option names, for messages: flag is how
// the option is named ("--branch", "--range A..B:").
type namedRev struct{ flag, rev string }

// resolve resolves r to a commit; the error names the option and r.
func (h *history) resolve(r namedRev) (plumbing.Hash, error) {
	x, err := resolveCommit(h.repo, h.trees.r, r.rev)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("%s %s: %w", r.flag, r.rev, err)
	}
	return x, nil
}

// selected reports whether commit n passes the date and count filters.
func (h *history) selected(n *commitNode, total int) bool {
	if !h.opts.Since.IsZero() && n.when.Before(h.opts.Since) {
		return false
	}
	if !h.opts.Until.IsZero() && n.when.After(h.opts.Until) {
		return false
	}
	return h.opts.MaxCommits <= 0 || n.order >= total-h.opts.MaxCommits
}

// collect finds what each selected commit introduces, grouped by blob, and
// hands each blob to scan the first time it sees it. When interrupted it
// returns what the commits diffed so far introduce, and sets h.diffed.
func (h *history) collect(ctx context.Context, g *commitGraph, scan func(plumbing.Hash, intro) error) (map[plumbing.Hash][]intro, error) {
	blobs := make(map[plumbing.Hash][]intro)
	paths := make(map[string]string)
	d := &treeDiffer{trees: h.trees, notes: h.warn}
	defer func() { h.count(func(s *Stats) { s.Submodules = d.submodules }) }()
	total := 0
	for _, n := range g.nodes {
		if n.selected {
			total++
		}
	}
	done := 0
	var scanErr error
	for i, n := range g.nodes {
		if err := cmp.Or(scanErr, ctx.Err()); err != nil {
			h.diffed = i
			return blobs, err
		}
		if !n.selected {
			continue
		}
		if done++; h.opts.Progress != nil {
			h.opts.Progress(Progress{Phase: "commits", Done: done, Total: total})
		}
		err := d.introductions(n, func(p string, b plumbing.Hash) {
			if q, ok := paths[p]; ok {
				p = q // one string per path, however many versions it has
			} else {
				paths[p] = p
			}
			in := intro{path: p, commit: n}
			if _, ok := blobs[b]; !ok && scanErr == nil {
				scanErr = scan(b, in)
			}
			blobs[b] = append(blobs[b], in)
		})
		if err != nil {
			h.warn(err)
		}
	}
	return blobs, scanErr
}

// attribute turns blob findings into one finding per (secret, path): the
// introducing commit from the introductions, then the commits that carry
// it and whether the head carries it from the trees at the paths that have
// findings.
func (h *history) attribute(ctx context.Context, g *commitGraph, blobs map[plumbing.Hash][]intro, found map[plumbing.Hash][]Finding) ([]Finding, error) {
	type key struct{ secret, path string }
	type agg struct {
		first, last *commitNode
		finding     Finding // located in the first introducing blob
		count       int
	}
	aggs := make(map[key]*agg)
	var keys []key
	for b, fs := range found {
		for _, in := range blobs[b] {
			for _, f := range fs {
				k := key{f.Secret, in.path}
				a := aggs[k]
				if a == nil {
					a = &agg{}
					aggs[k] = a
					keys = append(keys, k)
				}
				if a.first == nil || in.commit.order < a.first.order {
					a.first = in.commit
					a.finding = f
				}
			}
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}

	var inHead map[string]map[string]bool
	carry := func() (map[string]map[string]bool, error) {
		// The paths that have findings, and the blobs there of every selected
		// commit, newest last.
		var paths []string
		for _, k := range keys {
			paths = append(paths, k.path)
		}
		slices.Sort(paths)
		paths = slices.Compact(paths)
		// Walk the selected commits, following the blob at each of those
		// paths: while a path keeps its blob, every commit carries the findings
		// of that blob there, so counting costs only where a path changes. The
		// walk goes from parent to child as far as it can (see chainOrder), so
		// that a commit differs little from the one before; the newest commit
		// of a run is a range maximum of their topological order.
		seq := slices.DeleteFunc(chainOrder(g), func(n *commitNode) bool { return n.order >= h.diffed })
		orders := make([]int, len(seq))
		for k, n := range seq {
			orders[k] = n.order
		}
		newest := newRangeMax(orders)
		idx := newPathIndex(h.trees.r, paths)
		type held struct {
			aggs  []*agg // the findings of the blob the path holds
			since int    // from seq[since] on
		}
		state := make([]held, len(paths))
		release := func(st *held, end int) {
			if end == st.since || len(st.aggs) == 0 {
				return
			}
			last := g.nodes[newest.query(st.since, end)]
			for _, a := range st.aggs {
				a.count += end - st.since
				if a.last == nil || last.order > a.last.order {
					a.last = last
				}
			}
		}
		for k, n := range seq {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			at, changed := idx.resolve(n.tree)
			for _, i := range changed {
				st := &state[i]
				release(st, k)
				st.aggs, st.since = st.aggs[:0], k
				for _, f := range found[at[i]] {
					if a := aggs[key{f.Secret, paths[i]}]; a != nil {
						st.aggs = append(st.aggs, a)
					}
				}
			}
		}
		for i := range state {
			release(&state[i], len(seq))
		}
		return h.headSecrets(idx, paths, blobs, found), nil
	}
	if !h.skipWalk {
		var err error
		if inHead, err = carry(); err != nil {
			return nil, err
		}
	}

	out := make([]Finding, 0, len(keys))
	order := make(map[string]int) // introducing commit → its topological position
	for _, k := range keys {
		a := aggs[k]
		f := a.finding
		f.File = k.path
		f.Fingerprint = Fingerprint(f.RuleID, f.File, f.SecretSHA256)
		c := a.first.info
		f.Commit = &c
		order[c.SHA] = a.first.order
		if !h.skipWalk {
			if a.last != nil { // nil: first introduced after the commits read in full
				f.Occurrences = a.count
				f.LastSeenCommit = a.last.hash.String()
			}
			in := inHead[k.path][k.secret]
			f.InHead = &in
		}
		out = append(out, f)
	}
	markSuperseded(out, order)
	slices.SortFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Commit.SHA, b.Commit.SHA), cmp.Compare(a.Secret, b.Secret))
	})
	return out, nil
}

// headSecrets returns, for each of paths, the secrets that the file there
// holds in the tip that decides InHead (h.head, see graph). A blob that
// the history scan did not read (the tip lies outside the commits scanned,
// or an interrupted scan did not read) is read and matched now. Without a
// tip (an empty repository, an unborn branch) nothing is in the head.
func (h *history) headSecrets(idx *pathIndex, paths []string, blobs map[plumbing.Hash][]intro, found map[plumbing.Hash][]Finding) map[string]map[string]bool {
	out := make(map[string]map[string]bool)
	if h.head == nil {
		return out
	}
	c, err := h.trees.r.commit(*h.head)
	if err != nil {
		h.warn(fmt.Errorf("read commit %s: %w", *h.head, err))
		return out
	}
	at, _ := idx.resolve(c.TreeHash)
	for i, b := range at {
		if b.IsZero() {
			continue
		}
		fs, scanned := found[b]
		if _, seen := blobs[b]; (!seen || h.partialScan) && !scanned {
			if data, u16, ok := h.readBlob(newObjectReader(h.store, 0), b, nil); ok {
				fs = matchContent(h.opts.Matcher, "", data, u16)
			}
		}
		for _, f := range fs {
			if out[paths[i]] == nil {
				out[paths[i]] = make(map[string]bool)
			}
			out[paths[i]][f.Secret] = true
		}
	}
	return out
}

// markSuperseded marks each token that a newer token of the same owner
// follows: the owner probably reset it. Newer means a later issue time when
// both tokens encode one, else a later first introduction (a token copied
// to a backup file later is still as old as its first commit): the later
// introducing commit in topological order, which order gives by commit SHA
// (a child after its parent, whatever the author dates of a rebase or a
// cherry-pick say; unrelated commits by committer date).
func markSuperseded(fs []Finding, order map[string]int) {
	introduced := func(a, b *Finding) int {
		return cmp.Or(cmp.Compare(order[a.Commit.SHA], order[b.Commit.SHA]), a.Commit.Date.Compare(b.Commit.Date))
	}
	first := make(map[string]*Finding) // secret → its earliest finding
	for i := range fs {
		f := &fs[i]
		if f.Token == nil || f.Token.UserID == "" {
			continue
		}
		if e := first[f.Secret]; e == nil || introduced(f, e) < 0 {
			first[f.Secret] = f
		}
	}
	newest := make(map[string]*Finding) // owner → the earliest finding of the newest token
	for _, f := range first {
		if n := newest[f.Token.UserID]; n == nil || newer(f, n, introduced) {
			newest[f.Token.UserID] = f
		}
	}
	for i := range fs {
		f := &fs[i]
		if f.Token == nil || f.Token.UserID == "" {
			continue
		}
		f.Superseded = newest[f.Token.UserID].Secret != f.Secret
	}
}

// newer reports whether token a is newer than token b, each given by its
// earliest finding, which introduced compares; ties (two tokens of one
// commit) go to the larger secret, so that the result does not depend on
// the order of the findings.
func newer(a, b *Finding, introduced func(a, b *Finding) int) bool {
	if !a.Token.IssuedAt.IsZero() && !b.Token.IssuedAt.IsZero() && !a.Token.IssuedAt.Equal(b.Token.IssuedAt) {
		return a.Token.IssuedAt.After(b.Token.IssuedAt)
	}
	if c := introduced(a, b); c != 0 {
		return c > 0
	}
	return a.Secret > b.Secret
}
