// Package ignore parses and matches gitignore patterns (gitignore(5),
// "PATTERN FORMAT"). It is the one implementation behind both the
// scanner's .gitignore handling and the scan.exclude globs of
// .leakcord.toml; tests in package scanner compare it with git itself.
//
// A [Pattern] matches a path relative to the folder of the file it came
// from. Precedence across files (the deepest file decides) is the caller's;
// within one list the last matching pattern wins ([List.Match]).
package ignore

import (
	"bytes"
	"regexp"
	"strings"
)

// Pattern is one parsed gitignore line.
type Pattern struct {
	// pattern without the leading "!", the trailing "/" and, for anchored
	// patterns, the leading "/".
	pattern  string
	negate   bool
	dirOnly  bool // the line ended with "/"
	baseName bool // no "/" in the pattern: matched against the base name at any depth
	endsWith bool // "*literal": a suffix test on the base name
	prefix   int  // length of pattern's leading part without glob characters
	// re matches the pattern (after prefix, for path patterns); nil when
	// a fast path applies or the pattern never matches.
	re *regexp.Regexp
	// never is set for patterns git cannot match (an unclosed bracket).
	never bool
}

// ParseLine parses one line of an ignore file. It returns false for blank
// lines and comments. Unescaped trailing spaces are trimmed, "\#" and "\!"
// start literal patterns, a leading "!" negates, a trailing "/" restricts
// the pattern to folders, and a "/" at the start or in the middle anchors
// it to the ignore file's folder.
func ParseLine(line string) (Pattern, bool) {
	line = trimTrailingSpaces(strings.TrimSuffix(line, "\r"))
	if line == "" || line[0] == '#' {
		return Pattern{}, false
	}
	var p Pattern
	if strings.HasPrefix(line, "!") {
		p.negate = true
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly = true
		line = line[:len(line)-1]
	}
	p.baseName = !strings.Contains(line, "/")
	p.endsWith = strings.HasPrefix(line, "*") && !hasGlob(line[1:])
	line = strings.TrimPrefix(line, "/")
	if line == "" {
		return Pattern{}, false // matches nothing
	}
	p.pattern = line
	p.prefix = simpleLength(line)
	switch {
	case p.baseName && (p.prefix == len(line) || p.endsWith):
		// Fast paths in Match.
	case p.baseName:
		p.re = globRegexp(line, false)
	default:
		p.re = globRegexp(line[p.prefix:], true)
	}
	p.never = p.re == nil && hasGlob(line) && !(p.baseName && p.endsWith)
	return p, true
}

// ParseFile parses an ignore file as git does: an optional UTF-8 byte order
// mark, lines ending in "\n" or "\r\n", comments and blank lines skipped.
func ParseFile(data []byte) List {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out List
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if p, ok := ParseLine(string(line)); ok {
			out = append(out, p)
		}
	}
	return out
}

// Negated reports whether the pattern re-includes ("!pattern").
func (p *Pattern) Negated() bool { return p.negate }

// Valid reports whether the pattern can match anything: false for a glob
// git cannot match, such as an unclosed bracket.
func (p *Pattern) Valid() bool { return !p.never }

// Match reports whether the pattern matches rel ("/"-separated, relative to
// the ignore file's folder) whose base name is name; isDir tells whether rel
// is a folder.
func (p *Pattern) Match(rel, name string, isDir bool) bool {
	if p.dirOnly && !isDir || p.never {
		return false
	}
	pat := p.pattern
	if p.baseName {
		switch {
		case p.prefix == len(pat):
			return name == pat
		case p.endsWith:
			return strings.HasSuffix(name, pat[1:])
		}
		return p.re.MatchString(name)
	}
	if p.prefix > 0 {
		if p.prefix > len(rel) || rel[:p.prefix] != pat[:p.prefix] {
			return false
		}
		pat, rel = pat[p.prefix:], rel[p.prefix:]
		if pat == "" && rel == "" {
			return true
		}
	}
	if p.re == nil {
		return pat == rel
	}
	return p.re.MatchString(rel)
}

// List is the patterns of one file, in order.
type List []Pattern

// Match applies the list to rel: matched reports whether any pattern
// matches, and ignored what the last matching one says (true unless it is
// negated).
func (l List) Match(rel, name string, isDir bool) (matched, ignored bool) {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Match(rel, name, isDir) {
			return true, !l[i].negate
		}
	}
	return false, false
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
