package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/leakcord/leakcord/rules"
)

const (
	hash1 = "1cb07d4b25414766ec59a0f6b577c74c9225aa60dd5c112469a7fb567ff9578d"
	hash2 = "fe4ce6f4870590a4fa22d39d8ffa9831ce0f2b3f38fdffff78916d29d4200541"
)

// TestExample checks the annotated example: it loads, sets every key of the
// schema, and matches the package documentation's description.
func TestExample(t *testing.T) {
	const file = "testdata/example.leakcord.toml"
	c, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	md, err := toml.Decode(string(text), &m)
	if err != nil {
		t.Fatal(err)
	}
	defined := make(map[string]bool)
	for _, k := range md.Keys() {
		defined[strings.Join(k, ".")] = true
	}
	for k := range schema {
		if !defined[k] {
			t.Errorf("the example does not show %s", k)
		}
	}
	if c.MaxFileSize != 10<<20 || c.RuleEnabled(rules.IDClientSecret) || !c.RuleEnabled(rules.IDBotToken) {
		t.Errorf("example: %+v", c)
	}
	if !c.Excluded("vendor/github.com/x/y.go", false) || !c.Excluded("web/app.min.js", false) ||
		c.Excluded("testdata/fixtures/live-1.txt", false) || !c.Excluded("testdata/fixtures/dead.txt", false) {
		t.Error("example excludes")
	}
}

func TestAllowed(t *testing.T) {
	c, err := parse("t.toml", "[[allow]]\nsecret_sha256 = '"+strings.ToUpper(hash1)+"'\nreason = 'revoked'\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{hash1, strings.ToUpper(hash1)} {
		if reason, ok := c.Allowed(h); !ok || reason != "revoked" {
			t.Errorf("Allowed(%s) = %q, %v", h, reason, ok)
		}
	}
	if _, ok := c.Allowed(hash2); ok {
		t.Error("an unlisted hash is allowed")
	}
	if _, ok := c.Allowed(""); ok {
		t.Error("the empty hash is allowed")
	}
	var nilc *Config
	if _, ok := nilc.Allowed(hash1); ok {
		t.Error("nil config allows")
	}
}

func TestRuleEnabled(t *testing.T) {
	c, err := parse("t.toml", "[rules]\ndisable = ['discord-mfa-token', 'discord-mfa-token']\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		id := r.Info().ID
		if got, want := c.RuleEnabled(id), id != rules.IDMFAToken; got != want {
			t.Errorf("RuleEnabled(%s) = %v", id, got)
		}
	}
	var nilc *Config
	if !nilc.RuleEnabled(rules.IDMFAToken) {
		t.Error("nil config disables")
	}
}

// TestErrorList checks that every problem of a file is reported, in line
// order, and that the error text gives the first and counts the others.
func TestErrorList(t *testing.T) {
	text := strings.Join([]string{
		"[[allow]]", // 1: missing reason
		"secret_sha256 = '" + hash1 + "'",
		"[verify]",             // 3
		"enabled = 'yes'",      // 4
		"max_requests = -1",    // 5
		"[rules]",              // 6
		"disable = ['x', 'y']", // 7: two unknown IDs
		"[scan]",               // 8
		"exclud = []",          // 9
		"",
	}, "\n")
	_, err := parse("bad.toml", text)
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v is not an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	want := []string{
		"bad.toml:1: allow: missing reason",
		"bad.toml:4: verify.enabled: must be true or false, not a string",
		"bad.toml:5: verify.max_requests: must be a positive integer, not -1",
		`bad.toml:7: rules.disable: unknown rule ID "x"`,
		`bad.toml:7: rules.disable: unknown rule ID "y"`,
		"bad.toml:9: scan.exclud: unknown key",
	}
	if len(got) != len(want) {
		t.Fatalf("errors:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d = %q, want %q…", i, got[i], want[i])
		}
	}
	if s := err.Error(); !strings.HasPrefix(s, want[0]) || !strings.HasSuffix(s, " (and 5 more errors)") {
		t.Errorf("Error() = %q", s)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&Error{File: "f.toml", Line: 3, Key: "scan.exclude", Msg: "bad"}, "f.toml:3: scan.exclude: bad"},
		{&Error{File: "f.toml", Msg: "bad"}, "f.toml: bad"},
		{ErrorList{{File: "f", Line: 1, Msg: "a"}, {File: "f", Line: 2, Msg: "b"}}, "f:1: a (and 1 more error)"},
		{ErrorList{}, "no errors"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	_, err := Load(path)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("Load(missing) = %v", err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	if name, ok := Find(root); ok || name != filepath.Join(root, FileName) {
		t.Errorf("Find(empty) = %q, %v", name, ok)
	}
	if err := os.WriteFile(filepath.Join(root, FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if name, ok := Find(root); !ok || name != filepath.Join(root, FileName) {
		t.Errorf("Find = %q, %v", name, ok)
	}
	dirRoot := t.TempDir()
	if err := os.Mkdir(filepath.Join(dirRoot, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, ok := Find(dirRoot); ok {
		t.Error("Find accepted a folder")
	}
	// Only the scan root counts, not its parents or children.
	sub := filepath.Join(root, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, ok := Find(sub); ok {
		t.Error("Find looked in the parent")
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"1", 1}, {"1048576", 1 << 20}, {"512KiB", 512 << 10}, {"10MiB", 10 << 20}, {"10 mib", 10 << 20},
		{"1GiB", 1 << 30}, {"2G", 2 << 30}, {"3MB", 3 << 20}, {"4k", 4 << 10}, {"100B", 100},
		{"", 0}, {"MiB", 0}, {"0", 0}, {"-5", 0}, {"1.5MiB", 0}, {"10 parsecs", 0}, {"9999999999GiB", 0},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("parseSize(%q) = %d, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

// TestAllowLines checks that each [[allow]] table records its own line.
func TestAllowLines(t *testing.T) {
	c, err := parse("t.toml", "\n[[allow]]\nsecret_sha256 = '"+hash1+"'\nreason = 'a'\n\n[[allow]]\nsecret_sha256 = '"+hash2+"'\nreason = 'b'\n")
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, a := range c.Allow {
		lines = append(lines, a.Line)
	}
	if !slices.Equal(lines, []int{2, 6}) {
		t.Errorf("lines = %v", lines)
	}
}

// TestDocExample checks that the package documentation shows the example
// file as it is (after its three header lines).
func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("testdata/example.leakcord.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.SplitN(strings.TrimRight(string(example), "\n"), "\n", 4)[3]
	var lines []string
	in := false
	for _, l := range strings.Split(string(doc), "\n") {
		switch {
		case strings.HasPrefix(l, "//\t[scan]"):
			in = true
		case strings.HasPrefix(l, "// # "):
			in = false
		}
		if in {
			lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, "//"), "\t"))
		}
	}
	if got := strings.TrimRight(strings.Join(lines, "\n"), "\n"); got != want {
		t.Errorf("doc.go's example differs from testdata/example.leakcord.toml:\n%s\n---\n%s", got, want)
	}
}
