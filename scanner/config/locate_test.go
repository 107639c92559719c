package config

import (
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestKeyLines(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []int // per key of MetaData.Keys
	}{
		{"tables", "[scan]\nexclude = []\n\n[verify]\nenabled = true\n", []int{1, 2, 4, 5}},
		{"repeated array tables", "[[allow]]\nreason = 'a'\n[[allow]]\n\nreason = 'b'\n", []int{1, 2, 3, 5}},
		{"dotted", "verify.enabled = true\n  verify . user_tokens = false\n", []int{1, 2}},
		{"quoted keys", "[\"scan\"]\n'exclude' = []\n\"max_file_size\" = 1\n", []int{1, 2, 3}},
		{"inline table", "scan = { exclude = [\"a\"],\n  max_file_size = 1 }\n", []int{1, 1, 2}},
		{"key-like text in values", "[[allow]]\nreason = \"\"\"\nreason = x\n\"\"\"\nsecret_sha256 = 'x'\n", []int{1, 2, 5}},
		{"arrays across lines", "[rules]\ndisable = [\n  \"reason\",\n  # enabled = 1\n]\n[verify]\nenabled = true\n", []int{1, 2, 6, 7}},
		{"array of inline tables", "allow = [\n {reason = 'a'},\n {reason = 'b'},\n]\n", []int{1, 2, 3}},
		{"comments and escapes", "# [scan]\n[verify] # enabled = 1\nenabled = \"a\\\"b = c\"\nmax_requests = 1\n", []int{2, 3, 4}},
		{"literal multi-line", "[verify]\nenabled = '''\nuser_tokens = 1'''\nuser_tokens = 2\n", []int{1, 2, 4}},
		{"dates and floats", "[a]\nd = 1979-05-27T07:32:00.5Z\nf = 1.5\ng = 2\n", []int{1, 2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m map[string]any
			md, err := toml.Decode(tt.text, &m)
			if err != nil {
				t.Fatal(err)
			}
			var keys [][]string
			for _, k := range md.Keys() {
				keys = append(keys, k)
			}
			if got := keyLines(tt.text, keys); !slices.Equal(got, tt.want) {
				t.Errorf("keys %q: lines %v, want %v", keys, got, tt.want)
			}
		})
	}
}

// TestKeyLinesUnknown checks that a key the scan cannot find gets line 0
// and does not disturb the lines of the others.
func TestKeyLinesUnknown(t *testing.T) {
	got := keyLines("a = 1\nb = 2\n", [][]string{{"a"}, {"zz"}, {"b"}})
	if !slices.Equal(got, []int{1, 0, 2}) {
		t.Errorf("lines = %v", got)
	}
}

func TestQuoted(t *testing.T) {
	tests := []struct {
		in         string
		want       string
		n, newline int
	}{
		{`"abc" = 1`, "abc", 5, 0},
		{`"a\"b" = 1`, `a\"b`, 6, 0},
		{`'a\' = 1`, `a\`, 4, 0},
		{"\"\"\"a\nb\"\"\" x", "a\nb", 9, 1},
		{"'''a\n\n'''''", "a\n\n", 11, 2}, // contents are not needed exactly
		{"\"open\nx", "open", 5, 0},
		{"\"\"\"never closed", "never closed", 15, 0},
	}
	for _, tt := range tests {
		s, n, nl := quoted(tt.in)
		if s != tt.want || n != tt.n || nl != tt.newline {
			t.Errorf("quoted(%q) = %q, %d, %d; want %q, %d, %d", tt.in, s, n, nl, tt.want, tt.n, tt.newline)
		}
	}
}
