package scanner

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNotFolder is returned when a local repository named to [ScanHistory],
// [ScanStaged] or [RepoRoot] is not a folder (a file, say): a repository
// is a work tree or a folder inside one, a git folder, or a URL.
var ErrNotFolder = errors.New("not a folder")

// checkRepoArg checks that repoArg, a local repository argument, names a
// folder. git itself would find the repository around a file; leakcord
// refuses it, as a file given where a repository is expected is a mistake.
func checkRepoArg(repoArg string) error {
	fi, err := os.Stat(repoArg)
	if err != nil {
		return fmt.Errorf("open repository %s: %w", repoArg, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is %w: a repository is a git work tree (or a folder inside one), a git folder or a URL", repoArg, ErrNotFolder)
	}
	return nil
}

// RepoRoot returns the folder of the repository that [ScanHistory] and
// [ScanStaged] open for repoArg, where its .leakcord.toml lives: the root
// of its work tree, wherever in the work tree (or its .git folder) repoArg
// points, or the git folder of a bare repository. A remote URL has none:
// RepoRoot returns "". The result is relative to the current folder when
// repoArg is relative.
//
// A repoArg that does not exist is an error wrapping [os.ErrNotExist], a
// file one wrapping [ErrNotFolder], and a folder that holds no repository
// one wrapping [ErrNotRepository], as the scans report them.
func RepoRoot(repoArg string) (string, error) {
	if IsRemote(repoArg) {
		return "", nil
	}
	if err := checkRepoArg(repoArg); err != nil {
		return "", err
	}
	dir, err := discoverRepo(repoArg)
	if err != nil {
		return "", fmt.Errorf("%s: %w", repoArg, err)
	}
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err != nil && filepath.Base(dir) == ".git" {
		// The .git folder of a work tree, named directly.
		dir = filepath.Dir(dir)
	}
	if !filepath.IsAbs(repoArg) {
		if cwd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(cwd, dir); err == nil {
				dir = rel
			}
		}
	}
	return dir, nil
}
