package config

import (
	"errors"
	"path"
	"strings"
)

// pattern is one compiled scan.exclude glob (see the package doc).
type pattern struct {
	negate   bool     // "!pattern": re-include
	dirOnly  bool     // "pattern/": folders only
	baseName bool     // no inner "/": match the last path segment at any depth
	segs     []string // path.Match patterns per segment; "**" for any number of segments
}

// compilePattern parses a gitignore-style glob.
func compilePattern(s string) (pattern, error) {
	var p pattern
	if strings.HasPrefix(s, "!") {
		p.negate = true
		s = s[1:]
	}
	if strings.HasSuffix(s, "/") {
		p.dirOnly = true
		s = s[:len(s)-1]
	}
	p.baseName = !strings.Contains(s, "/")
	s = strings.TrimPrefix(s, "/")
	if s == "" {
		return pattern{}, errors.New("empty pattern")
	}
	for _, seg := range strings.Split(s, "/") {
		switch {
		case seg == "":
			return pattern{}, errors.New(`empty path segment ("//")`)
		case seg == "**" && !p.baseName:
			// Collapse "**/**": it means the same as "**".
			if len(p.segs) > 0 && p.segs[len(p.segs)-1] == "**" {
				continue
			}
		default:
			seg = gitBrackets(seg)
			if _, err := path.Match(seg, ""); err != nil {
				return pattern{}, errors.New("malformed glob (check brackets and backslashes)")
			}
		}
		p.segs = append(p.segs, seg)
	}
	// A trailing "**" matches everything inside, not the folder itself:
	// one segment, then any number.
	if n := len(p.segs); n > 1 && p.segs[n-1] == "**" {
		p.segs = append(p.segs[:n-1], "*", "**")
	}
	return p, nil
}

// gitBrackets rewrites gitignore's negated class "[!...]" to path.Match's
// "[^...]".
func gitBrackets(seg string) string {
	if !strings.Contains(seg, "[!") {
		return seg
	}
	b := []byte(seg)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '[':
			if i+1 < len(b) && b[i+1] == '!' {
				b[i+1] = '^'
			}
		}
	}
	return string(b)
}

// match reports whether p matches the path with segments segs.
func (p *pattern) match(segs []string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	if p.baseName {
		return segMatch(p.segs[0], segs[len(segs)-1])
	}
	return matchSegs(p.segs, segs)
}

// matchSegs matches pattern segments against path segments, "**" matching
// any number of them. It backtracks only to the last "**", so it runs in
// O(len(pat)·len(segs)).
func matchSegs(pat, segs []string) bool {
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(segs) {
		switch {
		case pi < len(pat) && pat[pi] == "**":
			starP, starS = pi, si
			pi++
		case pi < len(pat) && segMatch(pat[pi], segs[si]):
			pi++
			si++
		case starP >= 0:
			starS++
			pi, si = starP+1, starS
		default:
			return false
		}
	}
	for pi < len(pat) && pat[pi] == "**" {
		pi++
	}
	return pi == len(pat)
}

func segMatch(pat, seg string) bool {
	ok, _ := path.Match(pat, seg) // patterns are checked when compiled
	return ok
}
