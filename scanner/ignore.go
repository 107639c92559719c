package scanner

import (
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/leakcord/leakcord/internal/ignore"
)

// maxIgnoreFileSize is the largest ignore file read; git refuses larger ones
// too (dir.c, PATTERN_MAX_FILE_SIZE).
const maxIgnoreFileSize = 100 << 20

// ignoreStack is the chain of ignore files that apply in one directory: the
// directory's own .gitignore on top, its parents' below, and the repository's
// .git/info/exclude at the bottom. Git's precedence follows: the deepest file
// that has a pattern matching a path decides, and within a file the last
// matching pattern wins. A stack is immutable once built, so a child shares
// its parent's nodes.
//
// Patterns are parsed as gitignore(5) describes and matched through
// [globRegexp], so that a scan reads what
// `git ls-files --others --exclude-standard` lists (tests compare the two).
type ignoreStack struct {
	parent *ignoreStack
	base   string // directory of the ignore file, relative to the ignore root, "" for the root
	rules  ignore.List
}

// push returns the stack for a directory whose ignore file at name (if any)
// adds rules; base is the directory relative to the ignore root. It returns s
// unchanged when the file does not exist or holds no patterns. A .gitignore
// that is a symbolic link, a FIFO or anything but a regular file is not
// read: git does not follow symbolic links to in-tree ignore files either,
// and opening a FIFO would block.
func (s *ignoreStack) push(name, base string) (*ignoreStack, error) {
	return s.pushFile(name, base, false)
}

// pushFile is push; follow allows name to be a symbolic link (git follows
// one for .git/info/exclude).
func (s *ignoreStack) pushFile(name, base string, follow bool) (*ignoreStack, error) {
	stat := os.Lstat
	if follow {
		stat = os.Stat
	}
	fi, err := stat(name)
	if err != nil {
		if os.IsNotExist(err) || isNotDir(err) {
			return s, nil
		}
		return s, err
	}
	if !fi.Mode().IsRegular() {
		return s, nil
	}
	data, err := readIgnoreFile(name)
	if err != nil {
		return s, err
	}
	r := ignore.ParseFile(data)
	if len(r) == 0 {
		return s, nil
	}
	return &ignoreStack{parent: s, base: base, rules: r}, nil
}

func readIgnoreFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(f, maxIgnoreFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxIgnoreFileSize {
		return nil, fmt.Errorf("%s: ignore file larger than %d bytes", name, maxIgnoreFileSize)
	}
	return data, nil
}

// ignored reports whether rel (relative to the ignore root, "/"-separated)
// is ignored.
func (s *ignoreStack) ignored(rel string, isDir bool) bool {
	name := path.Base(rel)
	for n := s; n != nil; n = n.parent {
		sub := rel
		if n.base != "" {
			if !strings.HasPrefix(rel, n.base+"/") {
				continue
			}
			sub = rel[len(n.base)+1:]
		}
		if matched, ignored := n.rules.Match(sub, name, isDir); matched {
			return ignored
		}
	}
	return false
}
