package ignore

import (
	"path"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern string
		rel     string
		isDir   bool
		want    bool
	}{
		{"node_modules", "a/node_modules", true, true},
		{"node_modules/", "a/node_modules", false, false},
		{"*.log", "x/y/debug.log", false, true},
		{"*.log", "x/y/debug.logs", false, false},
		{"/build", "build", true, true},
		{"/build", "src/build", true, false},
		{"doc/*.txt", "doc/a.txt", false, true},
		{"doc/*.txt", "doc/sub/a.txt", false, false},
		{"a/**/b", "a/b", false, true},
		{"a/**/b", "a/x/y/b", false, true},
		{"**/b", "x/b", false, true},
		{"a/**", "a", true, false},
		{"a/**", "a/x/y", false, true},
		{"file?.go", "file1.go", false, true},
		{"file?.go", "file/.go", false, false},
		{"[!a]x", "bx", false, true},
		{"[!a]x", "ax", false, false},
		{"[[:upper:]]*", "Readme", false, true},
		{`\#hash`, "#hash", false, true},
		{"a+(b)$", "a+(b)$", false, true},
		{"trailing  ", "trailing", false, true},
		{`trailing\ `, "trailing ", false, true},
		{"[unclosed", "[unclosed", false, false},
	}
	for _, tt := range tests {
		p, ok := ParseLine(tt.pattern)
		if !ok {
			t.Errorf("ParseLine(%q) = not a pattern", tt.pattern)
			continue
		}
		if got := p.Match(tt.rel, path.Base(tt.rel), tt.isDir); got != tt.want {
			t.Errorf("%q matches %q (dir %v) = %v, want %v", tt.pattern, tt.rel, tt.isDir, got, tt.want)
		}
	}
}

func TestParseFileAndListPrecedence(t *testing.T) {
	l := ParseFile([]byte("\xef\xbb\xbf# comment\r\n*.env\r\n\r\n!keep.env\n"))
	if len(l) != 2 {
		t.Fatalf("%d patterns, want 2", len(l))
	}
	for rel, want := range map[string][2]bool{
		"prod.env": {true, true}, "keep.env": {true, false}, "main.go": {false, false},
	} {
		m, ign := l.Match(rel, rel, false)
		if m != want[0] || ign != want[1] {
			t.Errorf("Match(%q) = %v, %v, want %v, %v", rel, m, ign, want[0], want[1])
		}
	}
}

func FuzzPattern(f *testing.F) {
	for _, s := range []string{"*.go", "a/**/b", "[!x]y", `\!z`, "[[:alpha:]]", "**", "/x/"} {
		f.Add(s, "a/b/c.go")
	}
	f.Fuzz(func(t *testing.T, pattern, rel string) {
		if p, ok := ParseLine(pattern); ok {
			p.Match(rel, path.Base(rel), false)
			p.Match(rel, path.Base(rel), true)
		}
	})
}
