package scanner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// root is one path given to Scan.
type root struct {
	arg    string // as given
	abs    string
	real   string // abs with symbolic links resolved: what identifies the root
	isDir  bool
	stdin  bool
	prefix string // prepended to relative paths in reports ("" for a single folder)
	// skip holds the paths, relative to this folder root and
	// "/"-separated, of other roots inside it: their files are read
	// when those roots are walked, and this walk leaves them out.
	skip map[string]bool
}

// resolveRoots checks the paths given to Scan and returns the roots to
// walk, so that each file is read once however the paths overlap: a path
// that names the same file or folder as an earlier one (cleaned, made
// absolute, symbolic links resolved) is dropped, "-" is kept once (stdin
// can be read only once), and a folder root leaves out the other roots
// inside it, which are walked on their own. An inner root is kept, not
// the outer one's walk of it, because a path given explicitly is scanned
// even where the outer walk would skip it (a file .gitignore excludes, say).
// How reports name files depends on how many paths were given, not on how
// many roots are left (see [Scan]).
func (s *scan) resolveRoots(paths []string) ([]root, error) {
	var out []root
	seen := make(map[string]int) // real path → index in out ("-" for stdin)
	for _, p := range paths {
		if p == "-" {
			if s.opts.Stdin == nil {
				return nil, fmt.Errorf("stdin requested with \"-\" but none is available")
			}
			if _, ok := seen["-"]; !ok {
				seen["-"] = len(out)
				out = append(out, root{arg: p, stdin: true})
			}
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot scan %s: %w", p, err)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("cannot scan %s: %w", p, err)
		}
		r := root{arg: p, abs: abs, real: abs, isDir: fi.IsDir()}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			r.real = real
		}
		switch {
		case r.isDir:
			if len(paths) > 1 {
				r.prefix = toSlash(p)
			}
			if err := canList(p); err != nil {
				return nil, fmt.Errorf("cannot scan %s: %w", p, err)
			}
		case fi.Mode().IsRegular():
			// A root that cannot be read makes the scan incomplete: an
			// error now, not a warning later.
			f, err := os.Open(p)
			if err != nil {
				return nil, fmt.Errorf("cannot scan %s: %w", p, err)
			}
			f.Close()
		default:
			// Opening a FIFO without a writer blocks; devices and sockets
			// are no source files either.
			return nil, fmt.Errorf("cannot scan %s: %w (%s)", p, ErrNotRegular, kind(fi.Mode()))
		}
		if _, ok := seen[r.real]; ok {
			continue // the same file or folder again
		}
		seen[r.real] = len(out)
		out = append(out, r)
	}
	// Each root's folders, up to the file system's root, that are roots
	// too (by index, so that a long list of paths costs no more than
	// their depth each).
	for j := range out {
		if out[j].stdin {
			continue
		}
		for p := out[j].real; ; {
			up := filepath.Dir(p)
			if up == p {
				break
			}
			p = up
			i, ok := seen[up]
			if !ok || !out[i].isDir {
				continue
			}
			if rel, ok := inside(up, out[j].real); ok {
				if out[i].skip == nil {
					out[i].skip = make(map[string]bool)
				}
				out[i].skip[rel] = true
			}
		}
	}
	return out, nil
}

// kind names the type of a file that is neither regular nor a folder.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.Type().String()
}

// inside returns the "/"-separated path of p relative to the folder dir
// when p is strictly inside it.
func inside(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// canList checks that the folder dir can be listed, without reading all of it.
func canList(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.ReadDir(1); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// walkRoot sends the files of one root to jobs.
func (s *scan) walkRoot(ctx context.Context, r root, jobs chan<- fileJob) error {
	send := func(j fileJob) error {
		select {
		case jobs <- j:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	switch {
	case r.stdin:
		return send(fileJob{rel: "-", stdin: true})
	case !r.isDir:
		return send(fileJob{abs: r.abs, rel: toSlash(r.arg)})
	}
	var ign *ignoreStack
	ignRel := "" // the root relative to the ignore root
	if !s.opts.NoIgnore {
		var err error
		ign, ignRel, err = s.parentIgnores(r.abs)
		if err != nil {
			s.warn(err)
		}
	}
	w := walker{s: s, root: r, send: send, ctx: ctx}
	return w.dir(r.abs, "", ignRel, ign)
}

// walker walks one folder root.
type walker struct {
	s    *scan
	root root
	send func(fileJob) error
	ctx  context.Context
}

// dir walks the folder abs, whose path is rel relative to the scan root and
// ignRel relative to the ignore root, under the ignore stack of its parent.
func (w *walker) dir(abs, rel, ignRel string, ign *ignoreStack) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.s.warn(fmt.Errorf("read folder %s: %w", abs, err))
		if len(entries) == 0 {
			return nil
		}
	}
	if !w.s.opts.NoIgnore {
		if rel != "" && slices.ContainsFunc(entries, func(e os.DirEntry) bool { return e.Name() == ".git" }) {
			// A nested repository (or submodule) has its own ignore
			// rules; its parents' .gitignore files do not apply in it.
			ign, ignRel = nil, ""
			var err error
			if ign, err = repoExcludes(abs); err != nil {
				w.s.warn(err)
			}
		}
		var err error
		ign, err = ign.push(filepath.Join(abs, ".gitignore"), ignRel)
		if err != nil {
			w.s.warn(fmt.Errorf("read %s: %w", filepath.Join(abs, ".gitignore"), err))
		}
	}
	for _, e := range entries {
		name := e.Name()
		typ := e.Type()
		if name == ".git" {
			continue
		}
		childRel := path.Join(rel, name)
		if w.root.skip[childRel] {
			continue // another root given inside this one: walked on its own
		}
		childIgn := path.Join(ignRel, name)
		isDir := typ.IsDir()
		if !w.s.opts.NoIgnore && ign.ignored(childIgn, isDir) {
			continue
		}
		if w.s.opts.Exclude != nil && w.s.opts.Exclude(w.reportPath(childRel), isDir) {
			continue
		}
		childAbs := filepath.Join(abs, name)
		switch {
		case isDir:
			if err := w.dir(childAbs, childRel, childIgn, ign); err != nil {
				return err
			}
		case typ.IsRegular():
			if err := w.send(fileJob{abs: childAbs, rel: w.reportPath(childRel)}); err != nil {
				return err
			}
		default:
			// Symbolic links are not followed; FIFOs, sockets and devices
			// are never opened.
		}
	}
	return nil
}

func (w *walker) reportPath(rel string) string {
	if w.root.prefix == "" || w.root.prefix == "." {
		return rel
	}
	return path.Join(w.root.prefix, rel)
}

// WorkTreeRoot returns the nearest folder at or above dir (an absolute
// path) that has a .git entry: the root of the git work tree holding dir.
func WorkTreeRoot(dir string) (string, bool) {
	for top := dir; ; {
		if _, err := os.Lstat(filepath.Join(top, ".git")); err == nil {
			return top, true
		}
		up := filepath.Dir(top)
		if up == top {
			return "", false
		}
		top = up
	}
}

// parentIgnores finds the git repository that holds dir (a folder with a
// .git entry at or above it) and returns the ignore stack of dir's parents
// inside it, with .git/info/exclude at the bottom, and dir's path relative
// to the repository root. Outside a repository, dir is the ignore root.
func (s *scan) parentIgnores(dir string) (*ignoreStack, string, error) {
	top, ok := WorkTreeRoot(dir)
	if !ok {
		top = dir
	}
	ign, err := repoExcludes(top)
	rel, e := filepath.Rel(top, dir)
	if e != nil || rel == "." {
		return ign, "", err
	}
	rel = filepath.ToSlash(rel)
	// Every folder from the repository root down to dir's parent.
	parts := strings.Split(rel, "/")
	for i := range parts {
		base := strings.Join(parts[:i], "/")
		name := filepath.Join(top, filepath.FromSlash(base), ".gitignore")
		var e error
		ign, e = ign.push(name, base)
		if e != nil && err == nil {
			err = fmt.Errorf("read %s: %w", name, e)
		}
	}
	return ign, rel, err
}

// repoExcludes returns the stack holding the info/exclude file of the
// repository whose work tree is top, or nil when top has no .git entry. A
// .git file ("gitdir: …", as in linked worktrees and submodules) is
// followed, and so is the commondir of a linked worktree, where git keeps
// info/exclude.
func repoExcludes(top string) (*ignoreStack, error) {
	gitDir := filepath.Join(top, ".git")
	fi, err := os.Lstat(gitDir)
	if err != nil {
		return nil, nil
	}
	if fi.Mode().IsRegular() {
		data, err := os.ReadFile(gitDir)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", gitDir, err)
		}
		line, _, _ := strings.Cut(string(data), "\n")
		d, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
		if !ok {
			return nil, nil // not a gitfile
		}
		gitDir = resolveFrom(top, strings.TrimSpace(d))
	}
	if data, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		gitDir = resolveFrom(gitDir, strings.TrimSpace(string(data)))
	}
	name := filepath.Join(gitDir, "info", "exclude")
	ign, err := (*ignoreStack)(nil).pushFile(name, "", true)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return ign, nil
}

// resolveFrom returns p, taken relative to dir unless absolute.
func resolveFrom(dir, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }
