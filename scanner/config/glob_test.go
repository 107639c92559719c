package config

import (
	"strings"
	"testing"
)

// excluder returns a configuration with the given exclude patterns.
func excluder(t *testing.T, patterns ...string) *Config {
	t.Helper()
	text := "[scan]\nexclude = ["
	for _, p := range patterns {
		text += "'" + p + "',"
	}
	c, err := parse("test.toml", text+"]\n")
	if err != nil {
		t.Fatalf("patterns %q: %v", patterns, err)
	}
	return c
}

func TestExcluded(t *testing.T) {
	type probe struct {
		rel   string
		isDir bool
		want  bool
	}
	tests := []struct {
		patterns []string
		probes   []probe
	}{
		{[]string{"vendor/**"}, []probe{
			{"vendor", true, false}, // "a/**" is what is inside a
			{"vendor/x.go", false, true},
			{"vendor/a/b/c.go", false, true},
			{"src/vendor/x.go", false, false}, // anchored
			{"vendor.go", false, false},
		}},
		{[]string{"**/*.min.js"}, []probe{
			{"app.min.js", false, true},
			{"static/js/app.min.js", false, true},
			{"static/js/app.js", false, false},
			{"static/app.min.js/x", false, true}, // a folder named like that: inside it
		}},
		{[]string{"*.min.js"}, []probe{ // no "/": any depth
			{"a/b/c.min.js", false, true},
			{"c.min.js", false, true},
		}},
		{[]string{"node_modules/"}, []probe{
			{"node_modules", true, true},
			{"node_modules", false, false}, // a file of that name
			{"web/node_modules", true, true},
			{"web/node_modules/pkg/index.js", false, true}, // inside an excluded folder
		}},
		{[]string{"/build"}, []probe{
			{"build", true, true},
			{"build/out.js", false, true},
			{"src/build", true, false},
		}},
		{[]string{"docs/*.md"}, []probe{
			{"docs/a.md", false, true},
			{"docs/sub/a.md", false, false}, // "*" does not cross "/"
		}},
		{[]string{"a/**/b"}, []probe{
			{"a/b", false, true}, // zero folders
			{"a/x/b", false, true},
			{"a/x/y/b", false, true},
			{"a/x/y/c", false, false},
			{"z/a/b", false, false},
		}},
		{[]string{"**/**/deep/**/**"}, []probe{
			{"deep/x", false, true},
			{"1/2/3/deep/4/5/x", false, true},
			{"1/2/3/deep", true, false},
		}},
		{[]string{"fixtures/**", "!fixtures/keep.txt"}, []probe{
			{"fixtures/drop.txt", false, true},
			{"fixtures/keep.txt", false, false}, // the last match wins
		}},
		{[]string{"fixtures/", "!fixtures/keep.txt"}, []probe{
			{"fixtures/keep.txt", false, true}, // its folder is excluded: as in git
		}},
		{[]string{"!keep.txt", "*.txt"}, []probe{
			{"keep.txt", false, true}, // order matters
		}},
		{[]string{"file[0-9].txt", "[!a-m]*.log", `lit\*.go`, "?.cfg"}, []probe{
			{"file7.txt", false, true},
			{"filex.txt", false, false},
			{"zeta.log", false, true},
			{"alpha.log", false, false},
			{"lit*.go", false, true},
			{"litx.go", false, false},
			{"a.cfg", false, true},
			{"ab.cfg", false, false},
		}},
		{[]string{"**"}, []probe{
			{"anything", false, true},
			{"a/b", false, true},
		}},
		{[]string{"secrets.txt"}, []probe{
			{"", true, false}, // the root is never excluded
			{".", true, false},
			{"./secrets.txt", false, true}, // cleaned
			{"a/../secrets.txt", false, true},
			{"/secrets.txt", false, true},
		}},
	}
	for _, tt := range tests {
		c := excluder(t, tt.patterns...)
		for _, p := range tt.probes {
			if got := c.Excluded(p.rel, p.isDir); got != p.want {
				t.Errorf("patterns %q: Excluded(%q, dir=%v) = %v, want %v", tt.patterns, p.rel, p.isDir, got, p.want)
			}
		}
	}
}

// TestExcludedManyStars checks that matching stays fast on patterns with
// many "**" against deep paths (the matcher backtracks only to the last one).
func TestExcludedManyStars(t *testing.T) {
	c := excluder(t, strings.Repeat("**/a/", 30)+"b")
	deep := strings.Repeat("a/", 200) + "c"
	if c.Excluded(deep, false) {
		t.Error("matched")
	}
}

func TestExcludedNilAndEmpty(t *testing.T) {
	var c *Config
	if c.Excluded("a", false) {
		t.Error("nil config excludes")
	}
	if (&Config{}).Excluded("a", false) {
		t.Error("empty config excludes")
	}
}
