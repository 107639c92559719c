package scanner

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/util"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// commitNode is one commit of the graph being scanned.
type commitNode struct {
	hash    plumbing.Hash
	parents []plumbing.Hash // only parents present in the graph
	// parentTrees are the root trees of every parent that exists, in the
	// graph or excluded from it (--since-commit, --range): what the commit
	// introduces is relative to them all.
	parentTrees []plumbing.Hash
	tree        plumbing.Hash
	info        Commit
	when        time.Time // committer date, for ordering and --since/--until
	order       int       // position in topological order (parents first)
	selected    bool      // passes the date and count filters
}

// commitGraph is the set of commits to scan, in topological order.
type commitGraph struct {
	nodes  []*commitNode // parents before children
	byHash map[plumbing.Hash]*commitNode
	// missing are parents that the object store does not hold (a shallow
	// clone, or a damaged repository), with a child of each.
	missing map[plumbing.Hash]plumbing.Hash
}

// refTips returns the commits that every ref points at: every branch,
// tag, remote-tracking ref, every stash entry (see stashEntries) and HEAD.
// Annotated tags are peeled; refs to other objects are skipped. A ref that
// cannot be read goes to warn.
func refTips(repo *git.Repository, r *objectReader, warn func(error)) ([]plumbing.Hash, error) {
	var tips []plumbing.Hash
	visit := func(ref *plumbing.Reference) error {
		if ref.Type() != plumbing.HashReference {
			return nil // a symbolic ref: its target is listed too, or does not exist
		}
		h, ok, err := peelToCommit(r, ref.Hash())
		switch {
		case err != nil:
			// A damaged ref tip must not make the repository look clean.
			warn(fmt.Errorf("ref %s cannot be read, its history was not scanned: %w", ref.Name(), err))
		case ok:
			tips = append(tips, h)
		}
		return nil
	}
	refs, err := repo.References()
	if err == nil {
		err = refs.ForEach(visit)
	}
	if err != nil {
		// go-git stops at the first ref it cannot parse (an empty or
		// garbled ref file, a malformed packed-refs line) without naming
		// it. List the refs one by one instead, so that a broken ref is a
		// warning naming it, as git's "ignoring broken ref", and the others
		// are scanned.
		tips = tips[:0]
		if terr := eachRefTolerant(repo, visit, warn); terr != nil {
			return nil, fmt.Errorf("list refs: %w", err)
		}
	}
	for _, e := range stashEntries(repo, warn) {
		h, ok, err := peelToCommit(r, e.hash)
		switch {
		case err != nil:
			warn(fmt.Errorf("stash@{%d} cannot be read, it was not scanned: %w", e.n, err))
		case ok:
			tips = append(tips, h)
		}
	}
	if head, err := repo.Head(); err == nil {
		if h, ok, _ := peelToCommit(r, head.Hash()); ok {
			tips = append(tips, h)
		}
	}
	slices.SortFunc(tips, func(a, b plumbing.Hash) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(tips), nil
}

// stashEntry is one entry of the stash: stash@{n} is commit hash.
type stashEntry struct {
	n    int
	hash plumbing.Hash
}

// stashReflog is the reflog of refs/stash, in the common git folder of a
// linked work tree: one line per stash entry, the oldest first,
// "<old> <new> <name> <email> <time> <tz>\t<message>", where <new> is the
// stash commit.
const stashReflog = "logs/refs/stash"

// stashEntries returns the stash entries that the reflog of refs/stash
// lists: refs/stash itself is stash@{0}, the older entries are only there.
// A line that does not parse, or a reflog that cannot be read, goes to
// warn; a repository not stored in a folder, or without a stash, has none.
func stashEntries(repo *git.Repository, warn func(error)) []stashEntry {
	st, ok := fsStorage(repo)
	if !ok {
		return nil
	}
	f, err := st.Filesystem().Open(stashReflog)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		warn(fmt.Errorf("%s cannot be read, the stash entries older than stash@{0} were not scanned: %w", stashReflog, err))
		return nil
	}
	defer f.Close()
	var hashes []plumbing.Hash
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line, _, _ := strings.Cut(sc.Text(), "\t")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
			continue
		case len(fields) < 2 || !plumbing.IsHash(fields[0]) || !plumbing.IsHash(fields[1]):
			warn(fmt.Errorf("%s line %d is malformed, skipped", stashReflog, n))
			continue
		}
		if h := plumbing.NewHash(fields[1]); !h.IsZero() {
			hashes = append(hashes, h)
		}
	}
	if err := sc.Err(); err != nil {
		warn(fmt.Errorf("%s cannot be read to its end, the stash entries after line %d were not scanned: %w", stashReflog, n, err))
	}
	out := make([]stashEntry, len(hashes))
	for i, h := range hashes {
		out[i] = stashEntry{n: len(hashes) - 1 - i, hash: h}
	}
	return out
}

// resolveCommit resolves rev to a commit. The common forms (a full hash,
// HEAD, a ref by its full or short name, as git looks them up) are
// resolved here and peeled with r; the others (rev~2, an abbreviated
// hash, …) by go-git, whose object reads cost a pack index of its own.
func resolveCommit(repo *git.Repository, r *objectReader, rev string) (plumbing.Hash, error) {
	h, ok := resolveRef(repo, rev)
	if !ok {
		x, err := repo.ResolveRevision(plumbing.Revision(rev))
		if err != nil {
			return plumbing.ZeroHash, err
		}
		return *x, nil // a commit: go-git peels tags
	}
	c, ok, err := peelToCommit(r, h)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("%s: %w", rev, err)
	}
	if !ok {
		return plumbing.ZeroHash, fmt.Errorf("%s (%s) does not name a commit", rev, h)
	}
	return c, nil
}

// resolveRef returns the object that rev names when rev is a full hash or
// a ref name: rev itself, or refs/, refs/tags/, refs/heads/, refs/remotes/
// and refs/remotes/…/HEAD before it, in git's order.
func resolveRef(repo *git.Repository, rev string) (plumbing.Hash, bool) {
	if plumbing.IsHash(rev) {
		return plumbing.NewHash(rev), true
	}
	if rev == "" || strings.ContainsAny(rev, "~^:@{}* \\") {
		return plumbing.ZeroHash, false
	}
	for _, name := range []string{rev, "refs/" + rev, "refs/tags/" + rev, "refs/heads/" + rev,
		"refs/remotes/" + rev, "refs/remotes/" + rev + "/HEAD"} {
		if ref, err := repo.Reference(plumbing.ReferenceName(name), true); err == nil && ref.Type() == plumbing.HashReference {
			return ref.Hash(), true
		}
	}
	return plumbing.ZeroHash, false
}

// peelToCommit follows annotated tags to the commit they name.
func peelToCommit(r *objectReader, h plumbing.Hash) (plumbing.Hash, bool, error) {
	for range 10 {
		typ, data, _, err := r.read(h, 0)
		if err != nil {
			return h, false, fmt.Errorf("read object %s: %w", h, err)
		}
		switch typ {
		case plumbing.CommitObject:
			return h, true, nil
		case plumbing.TagObject:
			var tag object.Tag
			if err := tag.Decode(&rawObject{h, typ, data}); err != nil {
				return h, false, fmt.Errorf("decode tag %s: %w", h, err)
			}
			h = tag.Target
		default:
			return h, false, nil
		}
	}
	return h, false, nil
}

// commitReader reads a commit; a missing one is plumbing.ErrObjectNotFound.
type commitReader func(plumbing.Hash) (*object.Commit, error)

// reachable returns every commit reachable from tips.
func reachable(ctx context.Context, readCommit commitReader, tips []plumbing.Hash) (map[plumbing.Hash]bool, error) {
	seen := make(map[plumbing.Hash]bool)
	stack := slices.Clone(tips)
	for len(stack) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[h] {
			continue
		}
		c, err := readCommit(h)
		if err != nil {
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				continue
			}
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		seen[h] = true
		stack = append(stack, c.ParentHashes...)
	}
	return seen, nil
}

// loadGraph reads every commit reachable from tips and not in exclude, and
// orders them parents first (ties by committer date, then hash).
func loadGraph(ctx context.Context, readCommit commitReader, tips []plumbing.Hash, exclude map[plumbing.Hash]bool) (*commitGraph, error) {
	g := &commitGraph{byHash: make(map[plumbing.Hash]*commitNode)}
	var all []*commitNode
	stack := slices.Clone(tips)
	for len(stack) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if g.byHash[h] != nil || exclude[h] {
			continue
		}
		c, err := readCommit(h)
		if err != nil {
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				continue // a parent beyond a shallow boundary: see g.missing
			}
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		n := &commitNode{hash: h, tree: c.TreeHash, when: c.Committer.When, info: Commit{
			SHA: h.String(), Author: c.Author.Name, Email: c.Author.Email,
			Date: c.Author.When, Message: firstLine(c.Message),
		}}
		n.parents = c.ParentHashes // filtered below
		g.byHash[h] = n
		all = append(all, n)
		stack = append(stack, c.ParentHashes...)
	}
	excludedTrees := make(map[plumbing.Hash]plumbing.Hash)
	for _, n := range all {
		parents := n.parents
		n.parents = nil
		for _, p := range parents {
			if pn := g.byHash[p]; pn != nil {
				n.parents = append(n.parents, p)
				n.parentTrees = append(n.parentTrees, pn.tree)
				continue
			}
			if exclude[p] {
				t, ok := excludedTrees[p]
				if !ok {
					c, err := readCommit(p)
					if err != nil {
						return nil, fmt.Errorf("read commit %s: %w", p, err)
					}
					t = c.TreeHash
					excludedTrees[p] = t
				}
				n.parentTrees = append(n.parentTrees, t)
				continue
			}
			if g.missing == nil {
				g.missing = make(map[plumbing.Hash]plumbing.Hash)
			}
			g.missing[p] = n.hash
		}
	}
	g.nodes = topoSort(all, g.byHash)
	return g, nil
}

// topoSort orders nodes so that every parent precedes its children; among
// commits that are ready at the same time the older (committer date) goes
// first. Kahn's algorithm over a date-ordered ready list.
func topoSort(all []*commitNode, byHash map[plumbing.Hash]*commitNode) []*commitNode {
	pending := make(map[*commitNode]int, len(all))
	children := make(map[*commitNode][]*commitNode, len(all))
	for _, n := range all {
		for _, p := range n.parents {
			if pn := byHash[p]; pn != nil {
				pending[n]++
				children[pn] = append(children[pn], n)
			}
		}
	}
	older := func(a, b *commitNode) int {
		return cmp.Or(a.when.Compare(b.when), strings.Compare(a.hash.String(), b.hash.String()))
	}
	var ready []*commitNode
	for _, n := range all {
		if pending[n] == 0 {
			ready = append(ready, n)
		}
	}
	out := make([]*commitNode, 0, len(all))
	for len(ready) > 0 {
		// Take the oldest ready commit; the ready list stays small in
		// practice (one per concurrent line of development).
		i := 0
		for j := range ready {
			if older(ready[j], ready[i]) < 0 {
				i = j
			}
		}
		n := ready[i]
		ready = slices.Delete(ready, i, i+1)
		n.order = len(out)
		out = append(out, n)
		for _, c := range children[n] {
			if pending[c]--; pending[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	return out
}

// chainOrder returns the selected commits in the order of a depth-first
// walk from the roots along child links, oldest child first: each commit
// mostly follows its parent or its nearest selected ancestor, and a walk
// jumps only where it backtracks to a fork. The topological order, by
// contrast, alternates between lines of development that run side by side.
func chainOrder(g *commitGraph) []*commitNode {
	children := make([][]*commitNode, len(g.nodes))
	var stack []*commitNode
	for _, n := range g.nodes {
		parents := 0
		for _, p := range n.parents {
			if pn := g.byHash[p]; pn != nil {
				children[pn.order] = append(children[pn.order], n)
				parents++
			}
		}
		if parents == 0 {
			stack = append(stack, n)
		}
	}
	slices.Reverse(stack)
	seen := make([]bool, len(g.nodes))
	out := make([]*commitNode, 0, len(g.nodes))
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n.order] {
			continue
		}
		seen[n.order] = true
		if n.selected {
			out = append(out, n)
		}
		cs := children[n.order]
		for i := len(cs) - 1; i >= 0; i-- {
			if !seen[cs[i].order] {
				stack = append(stack, cs[i])
			}
		}
	}
	return out
}

// rangeMax answers the largest of vals[l:r] in O(log n): a segment tree.
type rangeMax struct {
	n int
	t []int
}

func newRangeMax(vals []int) *rangeMax {
	n := len(vals)
	t := make([]int, 2*n)
	copy(t[n:], vals)
	for i := n - 1; i > 0; i-- {
		t[i] = max(t[2*i], t[2*i+1])
	}
	return &rangeMax{n, t}
}

// query returns the largest of vals[l:r], or -1 when l >= r.
func (m *rangeMax) query(l, r int) int {
	best := -1
	for l, r = l+m.n, r+m.n; l < r; l, r = l>>1, r>>1 {
		if l&1 == 1 {
			best = max(best, m.t[l])
			l++
		}
		if r&1 == 1 {
			r--
			best = max(best, m.t[r])
		}
	}
	return best
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// eachRefTolerant calls visit for each ref of repo's git folder (the files
// under refs/, then the packed refs they do not override), reading each on
// its own: a ref that cannot be read, or a malformed line of packed-refs,
// goes to warn. It fails only when the repository is not stored in a
// folder.
func eachRefTolerant(repo *git.Repository, visit func(*plumbing.Reference) error, warn func(error)) error {
	st, ok := fsStorage(repo)
	if !ok {
		return errors.New("the repository is not stored in a folder")
	}
	fs := st.Filesystem()
	seen := make(map[plumbing.ReferenceName]bool)
	var names []plumbing.ReferenceName
	err := util.Walk(fs, "refs", func(name string, fi os.FileInfo, err error) error {
		switch {
		case err != nil:
			warn(fmt.Errorf("refs: %s cannot be read, the refs in it were not scanned: %w", name, err))
		case !fi.IsDir():
			names = append(names, plumbing.ReferenceName(filepath.ToSlash(name)))
		}
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		warn(fmt.Errorf("list refs: %w", err))
	}
	for _, name := range names {
		seen[name] = true
		ref, err := repo.Storer.Reference(name)
		if err != nil {
			warn(fmt.Errorf("ref %s cannot be read, its history was not scanned: %w", name, err))
			continue
		}
		_ = visit(ref)
	}
	f, err := fs.Open("packed-refs")
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		warn(fmt.Errorf("packed-refs cannot be read, the refs in it were not scanned: %w", err))
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == '^' { // header, peeled tag
			continue
		}
		hash, name, ok := strings.Cut(line, " ")
		if !ok || !plumbing.IsHash(hash) || !strings.HasPrefix(name, "refs/") {
			warn(fmt.Errorf("packed-refs line %d is malformed, skipped", n))
			continue
		}
		if rn := plumbing.ReferenceName(name); !seen[rn] {
			seen[rn] = true
			_ = visit(plumbing.NewHashReference(rn, plumbing.NewHash(hash)))
		}
	}
	if err := sc.Err(); err != nil {
		warn(fmt.Errorf("packed-refs cannot be read to its end, the refs after line %d were not scanned: %w", n, err))
	}
	return nil
}
