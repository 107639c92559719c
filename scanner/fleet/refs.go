package fleet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/storage/memory"

	"github.com/leakcord/leakcord/scanner"
)

// ListRefs returns the refs of the repository at target, ref name to
// object ID, with "HEAD" resolved to the object it names: for a remote,
// what the server advertises (as `git ls-remote` prints it), without
// cloning; for a local repository, its refs. An empty repository has
// none. The same target always lists the same way, so two listings of it
// are equal exactly when no ref moved.
func ListRefs(ctx context.Context, target string) (map[string]string, error) {
	if scanner.IsRemote(target) {
		return listRemote(ctx, target)
	}
	return listLocal(target)
}

func listRemote(ctx context.Context, target string) (map[string]string, error) {
	rem := git.NewRemote(memory.NewStorage(), &config.RemoteConfig{Name: "origin", URLs: []string{target}})
	refs, err := rem.ListContext(ctx, &git.ListOptions{PeelingOption: git.IgnorePeeled})
	if err != nil {
		if errors.Is(err, transport.ErrEmptyRemoteRepository) {
			return map[string]string{}, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("list refs of %s: %w", Name(target), err)
	}
	out := make(map[string]string, len(refs))
	byName := make(map[plumbing.ReferenceName]*plumbing.Reference, len(refs))
	for _, r := range refs {
		byName[r.Name()] = r
	}
	for _, r := range refs {
		if h, ok := resolve(r, byName); ok {
			out[r.Name().String()] = h
		}
	}
	return out, nil
}

// resolve follows symbolic refs in a listing to an object ID.
func resolve(r *plumbing.Reference, byName map[plumbing.ReferenceName]*plumbing.Reference) (string, bool) {
	for range 5 {
		if r.Type() == plumbing.HashReference {
			return r.Hash().String(), true
		}
		next := byName[r.Target()]
		if next == nil {
			return "", false
		}
		r = next
	}
	return "", false
}

// openLocal opens the local repository at target: the folder itself (a
// work tree or a bare repository), else the work tree around it.
func openLocal(target string) (*git.Repository, error) {
	if _, err := os.Stat(target); err != nil {
		return nil, fmt.Errorf("open repository %s: %w", target, err)
	}
	repo, err := git.PlainOpenWithOptions(target, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		repo, err = git.PlainOpenWithOptions(target, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	}
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("%s: %w", target, scanner.ErrNotRepository)
		}
		return nil, fmt.Errorf("open repository %s: %w", target, err)
	}
	return repo, nil
}

// ErrDamaged is returned by [CheckRefs] for a repository whose refs name
// objects it cannot read.
var ErrDamaged = errors.New("the repository is damaged")

// CheckRefs reads the object each ref of the local repository at target
// names, following annotated tags, and returns an error wrapping
// [ErrDamaged] for the first it cannot read. A history scan skips such
// refs as if they were not there, so that a damaged repository would look
// clean; a fleet run reports it instead.
func CheckRefs(target string) error {
	repo, err := openLocal(target)
	if err != nil {
		return err
	}
	iter, err := repo.References()
	if err != nil {
		return fmt.Errorf("list refs of %s: %w", target, err)
	}
	return iter.ForEach(func(r *plumbing.Reference) error {
		if r.Type() != plumbing.HashReference {
			return nil
		}
		h := r.Hash()
		for range 10 {
			obj, err := repo.Object(plumbing.AnyObject, h)
			if err != nil {
				return fmt.Errorf("%w: %s names object %s, which cannot be read: %v", ErrDamaged, r.Name(), h, err)
			}
			tag, ok := obj.(*object.Tag)
			if !ok {
				return nil
			}
			h = tag.Target
		}
		return nil
	})
}

func listLocal(target string) (map[string]string, error) {
	repo, err := openLocal(target)
	if err != nil {
		return nil, err
	}
	iter, err := repo.References()
	if err != nil {
		return nil, fmt.Errorf("list refs of %s: %w", target, err)
	}
	out := make(map[string]string)
	err = iter.ForEach(func(r *plumbing.Reference) error {
		if r.Type() == plumbing.HashReference {
			out[r.Name().String()] = r.Hash().String()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list refs of %s: %w", target, err)
	}
	if head, err := repo.Head(); err == nil {
		out[plumbing.HEAD.String()] = head.Hash().String()
	}
	return out, nil
}

// PrepareIncremental makes a scan of target that skips the history the
// tips since reach: it clones target (a remote, or a local repository,
// through git's upload-pack) bare into a temporary folder and adds one
// commit object, referenced by no ref, whose parents are those of the tips
// the clone holds (tags peeled; tips that are gone, such as a branch
// rewritten by a force push, are left out). A history scan of dir with
// that commit as its SinceCommit then scans exactly the commits that none
// of the tips reaches. exclude is "" when no tip is left: scan dir in
// full. cleanup removes the folder.
func PrepareIncremental(ctx context.Context, target string, since []string) (dir, exclude string, cleanup func(), err error) {
	src := target
	if !scanner.IsRemote(target) {
		if src, err = filepath.Abs(target); err != nil {
			return "", "", nil, err
		}
	}
	dir, err = os.MkdirTemp("", "leakcord-incremental-*")
	if err != nil {
		return "", "", nil, fmt.Errorf("clone %s: %w", Name(target), err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	repo, err := git.PlainCloneContext(ctx, dir, true, &git.CloneOptions{URL: src, Mirror: true, Tags: git.AllTags})
	if err != nil {
		cleanup()
		if ctx.Err() != nil {
			return "", "", nil, ctx.Err()
		}
		if errors.Is(err, transport.ErrEmptyRemoteRepository) {
			return "", "", func() {}, nil // nothing to skip: scan target itself
		}
		return "", "", nil, fmt.Errorf("clone %s: %w", Name(target), err)
	}
	var parents []plumbing.Hash
	for _, t := range since {
		if h, ok := peel(repo, plumbing.NewHash(t)); ok {
			parents = append(parents, h)
		}
	}
	slices.SortFunc(parents, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	parents = slices.Compact(parents)
	if len(parents) == 0 {
		return dir, "", cleanup, nil
	}
	first, err := repo.CommitObject(parents[0])
	if err != nil {
		cleanup()
		return "", "", nil, fmt.Errorf("read commit %s of %s: %w", parents[0], Name(target), err)
	}
	sig := object.Signature{Name: "leakcord", Email: "leakcord@localhost", When: time.Unix(0, 0).UTC()}
	c := &object.Commit{
		Author: sig, Committer: sig,
		Message:      "leakcord: the history scanned before\n",
		TreeHash:     first.TreeHash,
		ParentHashes: parents,
	}
	obj := repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		cleanup()
		return "", "", nil, err
	}
	h, err := repo.Storer.SetEncodedObject(obj)
	if err != nil {
		cleanup()
		return "", "", nil, fmt.Errorf("prepare incremental scan of %s: %w", Name(target), err)
	}
	return dir, h.String(), cleanup, nil
}

// peel returns the commit that h names, following annotated tags; false
// when the repository does not hold it.
func peel(repo *git.Repository, h plumbing.Hash) (plumbing.Hash, bool) {
	for range 10 {
		obj, err := repo.Object(plumbing.AnyObject, h)
		if err != nil {
			return h, false
		}
		switch o := obj.(type) {
		case *object.Commit:
			return h, true
		case *object.Tag:
			h = o.Target
		default:
			return h, false
		}
	}
	return h, false
}
