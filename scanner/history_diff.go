package scanner

import (
	"fmt"
	"path"
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
	repo    *git.Repository
	trees   map[plumbing.Hash]*object.Tree
	entries int
}

func newTreeCache(repo *git.Repository) *treeCache {
	return &treeCache{repo: repo, trees: make(map[plumbing.Hash]*object.Tree)}
}

// tree returns the tree h.
func (c *treeCache) tree(h plumbing.Hash) (*object.Tree, error) {
	if t := c.trees[h]; t != nil {
		return t, nil
	}
	t, err := c.repo.TreeObject(h)
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
	index := make([]map[string]*object.TreeEntry, len(parents))
	for i, pt := range parents {
		index[i] = entryIndex(pt)
	}
	for _, e := range t.Entries {
		var same bool
		var sub []*object.Tree
		for _, idx := range index {
			pe := idx[e.Name]
			if pe == nil {
				continue
			}
			if pe.Hash == e.Hash && pe.Mode == e.Mode {
				same = true
				break
			}
			if e.Mode == filemode.Dir && pe.Mode == filemode.Dir {
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

// entryIndex maps a tree's entry names to its entries.
func entryIndex(t *object.Tree) map[string]*object.TreeEntry {
	m := make(map[string]*object.TreeEntry, len(t.Entries))
	for i := range t.Entries {
		m[t.Entries[i].Name] = &t.Entries[i]
	}
	return m
}

// pathResolver finds the blobs that trees hold at given paths. Results are
// memoised by (tree, path), so that the commits of a history, which share
// most of their subtrees, cost about one root tree read each.
type pathResolver struct {
	trees *treeCache
	memo  map[treePath]plumbing.Hash
}

type treePath struct {
	tree plumbing.Hash
	path string
}

func newPathResolver(trees *treeCache) *pathResolver {
	return &pathResolver{trees: trees, memo: make(map[treePath]plumbing.Hash)}
}

// blobsAt sets out[i] to the blob that tree holds at paths[i] (a regular
// or executable file), or to the zero hash when it holds none there or a
// tree on the way cannot be read (the diff already reported that).
func (r *pathResolver) blobsAt(tree plumbing.Hash, paths []string, out []plumbing.Hash) {
	var todo []int
	for i, p := range paths {
		if b, ok := r.memo[treePath{tree, p}]; ok {
			out[i] = b
		} else {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return
	}
	t, err := r.trees.tree(tree)
	if err != nil {
		for _, i := range todo {
			out[i] = plumbing.ZeroHash
			r.memo[treePath{tree, paths[i]}] = plumbing.ZeroHash
		}
		return
	}
	// Files of this tree directly; deeper paths grouped by subfolder.
	sub := make(map[string][]int)
	var names []string
	for _, i := range todo {
		name, _, deeper := strings.Cut(paths[i], "/")
		if deeper {
			if sub[name] == nil {
				names = append(names, name)
			}
			sub[name] = append(sub[name], i)
			continue
		}
		out[i] = plumbing.ZeroHash
		if e, err := t.FindEntry(name); err == nil && isFileMode(e.Mode) {
			out[i] = e.Hash
		}
		r.memo[treePath{tree, paths[i]}] = out[i]
	}
	for _, name := range names {
		idx := sub[name]
		e, err := t.FindEntry(name)
		if err != nil || e.Mode != filemode.Dir {
			for _, i := range idx {
				out[i] = plumbing.ZeroHash
				r.memo[treePath{tree, paths[i]}] = plumbing.ZeroHash
			}
			continue
		}
		rest := make([]string, len(idx))
		got := make([]plumbing.Hash, len(idx))
		for j, i := range idx {
			_, rest[j], _ = strings.Cut(paths[i], "/")
		}
		r.blobsAt(e.Hash, rest, got)
		for j, i := range idx {
			out[i] = got[j]
			r.memo[treePath{tree, paths[i]}] = got[j]
		}
	}
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
