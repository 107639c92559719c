package ignore

import (
	"regexp"
	"strings"
)

// globRegexp translates a gitignore glob into an anchored regular
// expression with git's meaning (gitignore(5), "PATTERN FORMAT"):
//
//   - "*" matches anything but "/", "?" one character but "/";
//   - "[...]" is a bracket expression ("[a-z]", "[!x]" or "[^x]",
//     "[[:alpha:]]"); a negated one never matches "/" (a positive class
//     that lists "/" itself, which git would not let match, is the one
//     difference from git);
//   - with pathname set, "**/" at the start, "/**/" inside and "/**" at the
//     end match any number of folders (including none for the first two);
//     any other "**" is a "*";
//   - a backslash makes the next character literal.
//
// It returns nil for a pattern git would never match (an unclosed bracket
// or a trailing backslash). Go's RE2 engine matches in linear time, so a
// hostile ignore file cannot stall a scan.
func globRegexp(pattern string, pathname bool) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch c {
		case '\\':
			if i+1 == len(pattern) {
				return nil
			}
			i++
			b.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
		case '?':
			b.WriteString(`[^/]`)
		case '*':
			j := i
			for j < len(pattern) && pattern[j] == '*' {
				j++
			}
			stars := j - i
			atStart := i == 0 || pattern[i-1] == '/'
			atEnd := j == len(pattern) || pattern[j] == '/'
			switch {
			case pathname && stars >= 2 && atStart && atEnd && j == len(pattern):
				b.WriteString(`.*`) // "a/**": everything inside a
			case pathname && stars >= 2 && atStart && atEnd:
				b.WriteString(`(?:.*/)?`) // "**/b", "a/**/b": zero or more folders
				j++                       // the "/" is part of the group
			default:
				b.WriteString(`[^/]*`)
			}
			i = j - 1
		case '[':
			cls, n, ok := bracket(pattern[i:])
			if !ok {
				return nil
			}
			b.WriteString(cls)
			i += n - 1
		default:
			b.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
		}
	}
	b.WriteString(`$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil
	}
	return re
}

// bracket translates the bracket expression at the start of p and returns
// it, the number of pattern bytes it used, and whether it was closed.
func bracket(p string) (string, int, bool) {
	var b strings.Builder
	i := 1
	negate := i < len(p) && (p[i] == '!' || p[i] == '^')
	if negate {
		i++
		b.WriteString(`[^/`)
	} else {
		b.WriteString(`[`)
	}
	first := true
	for ; i < len(p); i++ {
		c := p[i]
		switch {
		case c == ']' && !first:
			b.WriteString(`]`)
			return b.String(), i + 1, true
		case c == '[' && i+1 < len(p) && p[i+1] == ':':
			end := strings.Index(p[i+2:], ":]")
			if end < 0 {
				b.WriteString(`\[`)
				break
			}
			name := p[i+2 : i+2+end]
			if !posixClass(name) {
				return "", 0, false
			}
			b.WriteString("[:" + name + ":]")
			i += 2 + end + 1
		case c == '\\' && i+1 < len(p):
			i++
			b.WriteString(classLiteral(p[i]))
		default:
			if c == '-' && !first && i+1 < len(p) && p[i+1] != ']' {
				b.WriteString(`-`)
			} else {
				b.WriteString(classLiteral(c))
			}
		}
		first = false
	}
	return "", 0, false
}

func classLiteral(c byte) string {
	switch c {
	case '\\', ']', '[', '^', '-':
		return `\` + string(c)
	}
	return string(c)
}

func posixClass(name string) bool {
	switch name {
	case "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit":
		return true
	}
	return false
}
