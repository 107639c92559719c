package scanner

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"
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
	rules  []ignoreRule
}

// ignoreRule is one pattern line of an ignore file.
type ignoreRule struct {
	// pattern without the leading "!", the trailing "/" and, for anchored
	// patterns, the leading "/".
	pattern  string
	negate   bool
	dirOnly  bool // the line ended with "/"
	baseName bool // no "/" in the pattern: matched against the base name at any depth
	endsWith bool // "*literal": a suffix test on the base name
	prefix   int  // length of pattern's leading part without glob characters
	// re matches the pattern (after prefix, for path patterns); nil when
	// the pattern never matches or a fast path applies.
	re *regexp.Regexp
	// never is set for patterns git cannot match (an unclosed bracket).
	never bool
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
	r := parseIgnore(data)
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

// parseIgnore parses an ignore file as git's add_patterns_from_buffer does:
// an optional UTF-8 byte order mark, lines ending in "\n" or "\r\n", "#"
// comments, and unescaped trailing spaces trimmed.
func parseIgnore(data []byte) []ignoreRule {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out []ignoreRule
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if r, ok := parseIgnoreLine(trimTrailingSpaces(string(line))); ok {
			out = append(out, r)
		}
	}
	return out
}

// parseIgnoreLine parses one pattern as git's parse_path_pattern does.
func parseIgnoreLine(line string) (ignoreRule, bool) {
	var r ignoreRule
	if strings.HasPrefix(line, "!") {
		r.negate = true
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		r.dirOnly = true
		line = line[:len(line)-1]
	}
	r.baseName = !strings.Contains(line, "/")
	r.endsWith = strings.HasPrefix(line, "*") && !hasGlob(line[1:])
	// A slash at the start or in the middle anchors the pattern to the
	// directory of the ignore file; the leading one is not part of the path.
	line = strings.TrimPrefix(line, "/")
	if line == "" {
		return ignoreRule{}, false // matches nothing
	}
	r.pattern = line
	r.prefix = simpleLength(line)
	switch {
	case r.baseName && (r.prefix == len(line) || r.endsWith):
		// Fast paths in matches.
	case r.baseName:
		r.re = globRegexp(line, false)
	default:
		r.re = globRegexp(line[r.prefix:], true)
	}
	r.never = r.re == nil && hasGlob(line) && !(r.baseName && r.endsWith)
	return r, true
}

// trimTrailingSpaces removes trailing spaces that are not escaped with a
// backslash, as git's trim_trailing_spaces does.
func trimTrailingSpaces(s string) string {
	lastSpace := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			if lastSpace < 0 {
				lastSpace = i
			}
		case '\\':
			i++
			if i == len(s) {
				return s
			}
			lastSpace = -1
		default:
			lastSpace = -1
		}
	}
	if lastSpace >= 0 {
		return s[:lastSpace]
	}
	return s
}

func isGlobSpecial(c byte) bool { return c == '*' || c == '?' || c == '[' || c == '\\' }

func hasGlob(s string) bool { return strings.ContainsAny(s, `*?[\`) }

// simpleLength is the length of s's leading part without glob characters.
func simpleLength(s string) int {
	for i := 0; i < len(s); i++ {
		if isGlobSpecial(s[i]) {
			return i
		}
	}
	return len(s)
}

// matches reports whether the rule matches rel (relative to the ignore
// file's directory, "/"-separated) with base name name, as git's
// match_basename and match_pathname do.
func (r *ignoreRule) matches(rel, name string, isDir bool) bool {
	if r.dirOnly && !isDir {
		return false
	}
	p := r.pattern
	if r.baseName {
		switch {
		case r.prefix == len(p):
			return name == p
		case r.endsWith:
			return strings.HasSuffix(name, p[1:])
		}
		return !r.never && r.re.MatchString(name)
	}
	if r.prefix > 0 {
		if r.prefix > len(rel) || rel[:r.prefix] != p[:r.prefix] {
			return false
		}
		p, rel = p[r.prefix:], rel[r.prefix:]
		if p == "" && rel == "" {
			return true
		}
	}
	if r.re == nil {
		return !r.never && p == rel
	}
	return r.re.MatchString(rel)
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
		for i := len(n.rules) - 1; i >= 0; i-- {
			if n.rules[i].matches(sub, name, isDir) {
				return !n.rules[i].negate
			}
		}
	}
	return false
}
