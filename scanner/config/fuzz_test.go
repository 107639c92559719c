package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary text to the .leakcord.toml parser, seeded with
// the valid and invalid corpus: it returns a config or an error, never
// panics, and a config it returns answers every question.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/valid", "testdata/invalid", "testdata"} {
		names, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
		for _, name := range names {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(string(data))
			}
		}
	}
	f.Add("[rules]\ndisable = ['discord-mfa-token']\n[scan]\nmax_file_size = '1KiB'\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := parse("fuzz.toml", text)
		switch {
		case err != nil && c != nil:
			t.Fatalf("parse returned both a config and %v", err)
		case err != nil:
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		case c == nil:
			t.Fatal("parse returned neither a config nor an error")
		}
		c.Excluded("a/b.txt", false)
		c.Excluded("vendor", true)
		c.Allowed("0000000000000000000000000000000000000000000000000000000000000000")
		c.RuleEnabled("discord-bot-token")
	})
}
