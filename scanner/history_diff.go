package scanner

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// intro records that a commit introduced a blob at a path: the commit's
// tree holds the blob there and none of its parents' trees does.
type intro struct {
	path   string
	commit *commitNode
}

// maxCachedTreeEntries bounds the decoded trees a treeCache holds (about
// 100 bytes each).
const maxCachedTreeEntries = 1 << 19

// treeCache decodes trees once for the two passes over a history (what
// each commit introduces, then which commits carry each finding), within
// a memory budget: when full it starts over. Not safe for concurrent use.
type treeCache struct {
	r       *objectReader
	trees   map[plumbing.Hash]*object.Tree
	entries int
}

func newTreeCache(r *objectReader) *treeCache {
	return &treeCache{r: r, trees: make(map[plumbing.Hash]*object.Tree)}
}

// tree returns the tree h.
func (c *treeCache) tree(h plumbing.Hash) (*object.Tree, error) {
	if t := c.trees[h]; t != nil {
		return t, nil
	}
	t, err := c.r.tree(h)
	if err != nil {
		return nil, err
	}
	if c.entries+len(t.Entries) > maxCachedTreeEntries {
		clear(c.trees)
		c.entries = 0
	}
	c.trees[h] = t
	c.entries += len(t.Entries) + 1
	return t, nil
}

// treeDiffer finds what commits introduce, reading each tree once per
// comparison and skipping subtrees whose hash a parent shares.
type treeDiffer struct {
	trees *treeCache
	// notes receives problems that do not stop the scan (missing trees).
	notes func(error)
	// submodules counts gitlink entries that were skipped.
	submodules int
}

// introductions calls add for every (path, blob) that commit c introduces
// relative to its parents.
func (d *treeDiffer) introductions(c *commitNode, add func(path string, blob plumbing.Hash)) error {
	tree, err := d.trees.tree(c.tree)
	if err != nil {
		return fmt.Errorf("read tree %s of commit %s: %w", c.tree, c.hash, err)
	}
	var parents []*object.Tree
	for _, pt := range c.parentTrees {
		t, err := d.trees.tree(pt)
		if err != nil {
			d.notes(fmt.Errorf("read tree %s of a parent of commit %s: %w", pt, c.hash, err))
			continue
		}
		parents = append(parents, t)
	}
	return d.walk("", tree, parents, c, add)
}

func (d *treeDiffer) walk(dir string, t *object.Tree, parents []*object.Tree, c *commitNode, add func(string, plumbing.Hash)) error {
	// Entries are in git's order in every tree: each parent has a cursor
	// that moves forwards to the entry of the same name.
	var cursors [2]int
	pos := cursors[:0]
	for range parents {
		pos = append(pos, 0)
	}
	for _, e := range t.Entries {
		var same bool
		var sub []*object.Tree
		isDir := e.Mode == filemode.Dir
		for k, pt := range parents {
			pe := seekEntry(pt.Entries, &pos[k], e.Name, isDir)
			if pe == nil {
				continue
			}
			if pe.Hash == e.Hash && pe.Mode == e.Mode {
				same = true
				break
			}
			if isDir {
				st, err := d.trees.tree(pe.Hash)
				if err != nil {
					d.notes(fmt.Errorf("read tree %s (%s) of a parent of commit %s: %w", pe.Hash, path.Join(dir, e.Name), c.hash, err))
					continue
				}
				sub = append(sub, st)
			}
		}
		if same {
			continue
		}
		p := path.Join(dir, e.Name)
		switch e.Mode {
		case filemode.Dir:
			st, err := d.trees.tree(e.Hash)
			if err != nil {
				d.notes(fmt.Errorf("read tree %s (%s) in commit %s: %w", e.Hash, p, c.hash, err))
				continue
			}
			if err := d.walk(p, st, sub, c, add); err != nil {
				return err
			}
		case filemode.Regular, filemode.Executable, filemode.Deprecated: // see isFileMode
			add(p, e.Hash)
		case filemode.Submodule:
			d.submodules++
		}
		// Symbolic links hold a path, not content.
	}
	return nil
}

// seekEntry moves *pos forwards over es, sorted in git's order, to the
// entry named name that is a folder when dir is set and not one otherwise,
// and returns it; nil when es has none (*pos then rests where it would be).
func seekEntry(es []object.TreeEntry, pos *int, name string, dir bool) *object.TreeEntry {
	i := *pos
	for i < len(es) && gitNameCompare(es[i].Name, es[i].Mode == filemode.Dir, name, dir) < 0 {
		i++
	}
	*pos = i
	if i < len(es) && es[i].Name == name && (es[i].Mode == filemode.Dir) == dir {
		return &es[i]
	}
	return nil
}

// pathIndex finds the blobs that a sequence of trees holds at a fixed set
// of paths. It remembers the tree hash that each folder on the way to those
// paths had in the previous tree and descends only into folders whose hash
// changed, so that the commits of a history, which share most of their
// subtrees, cost about one root tree read each and memory stays that of one
// answer. Not safe for concurrent use.
type pathIndex struct {
	r       *objectReader
	root    *pathNode
	at      []plumbing.Hash // at[i]: the blob at paths[i] in the last tree
	changed []int           // the indexes whose blob the last tree changed
}

// pathNode is a folder on the way to some of the paths: its items, the
// subfolders and files on the way, are sorted in git's order.
type pathNode struct {
	tree  plumbing.Hash // the folder's tree in the last tree resolved; zero: absent
	valid bool          // tree and the answers below it are set
	items []pathItem
}

// pathItem is a subfolder (node set) or a path's last element (i: its
// index in the paths).
type pathItem struct {
	name string
	node *pathNode
	i    int
}

func newPathIndex(r *objectReader, paths []string) *pathIndex {
	x := &pathIndex{r: r, root: &pathNode{}, at: make([]plumbing.Hash, len(paths))}
	var sortItems func(n *pathNode)
	sortItems = func(n *pathNode) {
		slices.SortFunc(n.items, func(a, b pathItem) int { return gitNameCompare(a.name, a.node != nil, b.name, b.node != nil) })
		for _, it := range n.items {
			if it.node != nil {
				sortItems(it.node)
			}
		}
	}
	type dirKey struct {
		parent *pathNode
		name   string
	}
	dirs := make(map[dirKey]*pathNode)
	for i, p := range paths {
		n := x.root
		for {
			name, rest, deeper := strings.Cut(p, "/")
			if !deeper {
				n.items = append(n.items, pathItem{name: name, i: i})
				break
			}
			sub := dirs[dirKey{n, name}]
			if sub == nil {
				sub = &pathNode{}
				dirs[dirKey{n, name}] = sub
				n.items = append(n.items, pathItem{name: name, node: sub})
			}
			n, p = sub, rest
		}
	}
	sortItems(x.root)
	return x
}

// resolve returns, for each path, the blob that tree holds there (a
// regular or executable file), or the zero hash when it holds none there
// or a tree on the way cannot be read (the diff already reported that);
// and the indexes of the paths whose blob differs from the tree before
// (before the first tree, every path holds the zero hash). The slices are
// reused by the next call.
func (x *pathIndex) resolve(tree plumbing.Hash) (at []plumbing.Hash, changed []int) {
	x.changed = x.changed[:0]
	x.update(x.root, tree)
	return x.at, x.changed
}

func (x *pathIndex) update(n *pathNode, tree plumbing.Hash) {
	if n.valid && n.tree == tree {
		return
	}
	n.valid, n.tree = true, tree
	// The raw tree, read in step with the items (both are in git's order):
	// no entries to decode, nothing to allocate.
	var rt rawTree
	if !tree.IsZero() {
		if typ, data, _, err := x.r.read(tree, 0); err == nil && typ == plumbing.TreeObject {
			rt.data = data
		}
	}
	ok := rt.next()
	for _, it := range n.items {
		dir := it.node != nil
		for ok && gitNameCompare(rt.name, rt.mode == filemode.Dir, it.name, dir) < 0 {
			ok = rt.next()
		}
		found := ok && string(rt.name) == it.name && (rt.mode == filemode.Dir) == dir
		if dir {
			sub := plumbing.ZeroHash
			if found {
				sub = rt.hash
			}
			x.update(it.node, sub)
			continue
		}
		b := plumbing.ZeroHash
		if found && isFileMode(rt.mode) {
			b = rt.hash
		}
		if x.at[it.i] != b {
			x.at[it.i] = b
			x.changed = append(x.changed, it.i)
		}
	}
}

// rawTree steps through the entries of a tree object's data. A malformed
// entry ends it.
type rawTree struct {
	data []byte
	name []byte
	mode filemode.FileMode
	hash plumbing.Hash
}

// next moves to the next entry and reports whether there is one.
func (t *rawTree) next() bool {
	sp := bytes.IndexByte(t.data, ' ')
	nul := bytes.IndexByte(t.data, 0)
	if sp <= 0 || nul < sp || nul+21 > len(t.data) {
		t.data = nil
		return false
	}
	mode, ok := parseMode(t.data[:sp])
	if !ok {
		t.data = nil
		return false
	}
	t.mode, t.name = mode, t.data[sp+1:nul]
	copy(t.hash[:], t.data[nul+1:nul+21])
	t.data = t.data[nul+21:]
	return true
}

// findEntry returns the entry of es (nil: none) named name that is a
// folder when dir is set, and not one otherwise. Entries are in git's
// order, which sorts a folder as if its name ended in "/".
func findEntry(es []object.TreeEntry, name string, dir bool) *object.TreeEntry {
	i, _ := slices.BinarySearchFunc(es, name, func(e object.TreeEntry, name string) int {
		return gitNameCompare(e.Name, e.Mode == filemode.Dir, name, dir)
	})
	if i < len(es) && es[i].Name == name && (es[i].Mode == filemode.Dir) == dir {
		return &es[i]
	}
	return nil
}

// gitNameCompare compares two tree entry names in git's order: a folder's
// name sorts as if it ended in "/".
func gitNameCompare[S ~string | ~[]byte](a S, aDir bool, b string, bDir bool) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return cmp.Compare(a[i], b[i])
		}
	}
	ca, cb := -1, -1 // the byte after the common prefix; -1: none
	switch {
	case n < len(a):
		ca = int(a[n])
	case aDir:
		ca = '/'
	}
	switch {
	case n < len(b):
		cb = int(b[n])
	case bDir:
		cb = '/'
	}
	return cmp.Compare(ca, cb)
}

// isFileMode reports whether a tree entry of mode m holds file content.
func isFileMode(m filemode.FileMode) bool {
	return m == filemode.Regular || m == filemode.Executable || m == filemode.Deprecated
}

// headFiles returns path → blob for every file in the tree of commit h.
func headFiles(repo *git.Repository, h plumbing.Hash) (map[string]plumbing.Hash, error) {
	c, err := repo.CommitObject(h)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of commit %s: %w", h, err)
	}
	out := make(map[string]plumbing.Hash)
	var walk func(dir string, t *object.Tree) error
	walk = func(dir string, t *object.Tree) error {
		for _, e := range t.Entries {
			p := path.Join(dir, e.Name)
			switch {
			case e.Mode == filemode.Dir:
				st, err := repo.TreeObject(e.Hash)
				if err != nil {
					return fmt.Errorf("read tree %s (%s): %w", e.Hash, p, err)
				}
				if err := walk(p, st); err != nil {
					return err
				}
			case isFileMode(e.Mode):
				out[p] = e.Hash
			}
		}
		return nil
	}
	return out, walk("", t)
}
