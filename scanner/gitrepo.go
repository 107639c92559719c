package scanner

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// IsRemote reports whether arg names a remote repository (a URL with a
// scheme git understands, or user@host:path) rather than a local path.
func IsRemote(arg string) bool {
	for _, s := range []string{"https://", "http://", "ssh://", "git://", "file://"} {
		if strings.HasPrefix(arg, s) {
			return true
		}
	}
	return scpLike(arg)
}

// scpLike reports whether arg has git's scp-like remote syntax, user@host:path.
func scpLike(arg string) bool {
	colon := strings.IndexByte(arg, ':')
	at := strings.IndexByte(arg, '@')
	return at > 0 && colon > at+1 && !strings.ContainsAny(arg[:colon], "/\\") &&
		colon+1 < len(arg) && arg[colon+1] != '/'
}

// ErrNotRepository is returned when a path holds no git repository.
var ErrNotRepository = errors.New("not a git repository")

// openRepo opens the repository at arg: a work tree (or any folder inside
// one), a bare repository, or a remote, which is cloned bare (every ref)
// into a temporary folder. The returned cleanup closes the repository's
// files and removes that folder. Objects over DefaultMaxFileSize are read
// only when their reader is (a size check does not load them); a larger
// limit still reads them whole, streamed.
func openRepo(ctx context.Context, arg string) (*git.Repository, func(), error) {
	return openRepoWith(ctx, arg, DefaultMaxFileSize)
}

// openRepoWith is openRepo for a reader that skips objects larger than
// largeObject bytes (0: no limit): go-git then does not load them into
// memory to report their size.
func openRepoWith(ctx context.Context, arg string, largeObject int64) (*git.Repository, func(), error) {
	if IsRemote(arg) {
		name := RedactURL(arg)
		if name != arg && strings.Contains(arg, "://") {
			// Credentials in the URL: an unescaped '/', '#', '?' or blank in
			// them makes go-git's parse error quote part of them.
			if _, err := url.Parse(arg); err != nil {
				return nil, nil, fmt.Errorf("clone %s: the URL cannot be parsed: percent-encode the special characters of its user name and password (/ is %%2F, # is %%23, ? is %%3F, a space %%20)", name)
			}
		}
		dir, err := os.MkdirTemp("", "leakcord-clone-*")
		if err != nil {
			return nil, nil, fmt.Errorf("clone %s: %w", name, err)
		}
		removeDir := func() { os.RemoveAll(dir) }
		_, err = git.PlainCloneContext(ctx, dir, true, &git.CloneOptions{URL: arg, Mirror: true, Tags: git.AllTags})
		if err != nil {
			removeDir()
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			return nil, nil, fmt.Errorf("clone %s: %w", name, redactedError{err})
		}
		repo, closeRepo, err := openLocal(dir, largeObject)
		if err != nil {
			removeDir()
			return nil, nil, fmt.Errorf("clone %s: %w", name, err)
		}
		return repo, func() { closeRepo(); removeDir() }, nil
	}
	if _, err := os.Stat(arg); err != nil {
		return nil, nil, fmt.Errorf("open repository %s: %w", arg, err)
	}
	dir, err := discoverRepo(arg)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", arg, err)
	}
	repo, closeRepo, err := openLocalEnv(dir, largeObject)
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, nil, fmt.Errorf("%s: %w", arg, ErrNotRepository)
		}
		return nil, nil, fmt.Errorf("open repository %s: %w", arg, err)
	}
	return repo, closeRepo, nil
}

// openLocal opens the repository in dir (a work tree or a git folder) on a
// storage that keeps its pack files open (go-git otherwise opens a pack for
// every object it reads) and streams objects over largeObject bytes.
func openLocal(dir string, largeObject int64) (*git.Repository, func(), error) {
	plain, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		return nil, nil, err
	}
	fsStore, ok := plain.Storer.(*filesystem.Storage)
	if !ok {
		return plain, func() {}, nil
	}
	// Alternates (a clone made with --shared) name absolute paths: resolve
	// them from the file system's root, not from the git folder.
	st := filesystem.NewStorageWithOptions(fsStore.Filesystem(), cache.NewObjectLRUDefault(),
		filesystem.Options{KeepDescriptors: true, LargeObjectThreshold: largeObject, AlternatesFS: osfs.New("/")})
	repo, err := git.Open(st, nil) // objects, refs and the index; no work tree needed
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return repo, func() { st.Close() }, nil
}

// openLocalEnv is openLocal for a repository named on the command line: it
// honours GIT_INDEX_FILE, which git sets for its hooks (a pre-commit hook
// of `git commit -a` or `git commit PATH` sees a temporary index, not the
// index file), when the environment is about this repository: GIT_DIR names
// its git folder, or GIT_DIR is unset and the current folder is in it.
// GIT_DIR never chooses the repository; dir does.
func openLocalEnv(dir string, largeObject int64) (*git.Repository, func(), error) {
	repo, closeRepo, err := openLocal(dir, largeObject)
	if err != nil {
		return nil, nil, err
	}
	st, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return repo, closeRepo, nil
	}
	name := envIndexFile(dir, st.Filesystem().Root())
	if name == "" {
		return repo, closeRepo, nil
	}
	withIndex, err := git.Open(&indexFileStorage{Storage: st, name: name}, nil)
	if err != nil {
		closeRepo()
		return nil, nil, err
	}
	return withIndex, closeRepo, nil
}

// envIndexFile returns the index file that GIT_INDEX_FILE names for the
// repository found at dir whose git folder is gitDir, or "" when the
// variable is unset or about another repository. A relative name is
// relative to the current folder, as for git.
func envIndexFile(dir, gitDir string) string {
	name := os.Getenv("GIT_INDEX_FILE")
	if name == "" {
		return ""
	}
	if d := os.Getenv("GIT_DIR"); d != "" {
		if !sameFile(d, gitDir) {
			return ""
		}
	} else if cwd, err := discoverRepo("."); err != nil || !sameFile(cwd, dir) {
		return ""
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return ""
	}
	return abs
}

// sameFile reports whether a and b name the same existing file or folder.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// fsStorage returns the folder storage of repo, also through the index
// wrapper of a hook environment (indexFileStorage); false for any other
// storage.
func fsStorage(repo *git.Repository) (*filesystem.Storage, bool) {
	switch st := repo.Storer.(type) {
	case *filesystem.Storage:
		return st, true
	case *indexFileStorage:
		return st.Storage, true
	}
	return nil, false
}

// indexFileStorage is a repository storage whose index is read from the
// file name instead of the git folder's index file.
type indexFileStorage struct {
	*filesystem.Storage
	name string
}

// Index reads the index file; a missing file is an empty index, as in git.
func (s *indexFileStorage) Index() (*index.Index, error) {
	idx := &index.Index{Version: 2}
	f, err := os.Open(s.name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return idx, nil
		}
		return nil, fmt.Errorf("read the index %s (GIT_INDEX_FILE): %w", s.name, err)
	}
	defer f.Close()
	if err := index.NewDecoder(f).Decode(idx); err != nil {
		return nil, fmt.Errorf("read the index %s (GIT_INDEX_FILE): %w", s.name, err)
	}
	return idx, nil
}

// discoverRepo finds the repository that holds path as git does: in path
// and then in each parent folder, a ".git" folder or file (a work tree) or
// the folder itself when it is a git folder (a bare repository, or a .git
// folder named directly). go-git's own detection misses bare
// repositories, and finds a work tree around one instead.
func discoverRepo(path string) (string, error) {
	dir, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir, nil
		}
		if isGitDir(dir) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNotRepository
		}
		dir = parent
	}
}

// isGitDir reports whether dir looks like a git folder: a HEAD file, and
// objects and refs folders (or, for a linked work tree's folder, a
// commondir file).
func isGitDir(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	if _, err := os.Stat(filepath.Join(dir, "commondir")); err == nil {
		return true
	}
	for _, sub := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}
