package scanner_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// TestDeterminismStress scans a generated 10,000-file tree with 16 jobs
// three times: the findings, their order and their fingerprints are the
// same every run, and the same as with one job.
func TestDeterminismStress(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 files scanned four times; skipped with -short")
	}
	root := t.TempDir()
	r := testtoken.New(90)
	for i := range 10_000 {
		rel := fmt.Sprintf("p%02d/q%d/f%04d.txt", i%37, i%5, i)
		switch {
		case i%7 == 0:
			// Two secrets, and the same one twice in another file.
			tok := testtoken.BotToken(r)
			writeFile(t, root, rel, "a = "+tok+"\nb = "+testtoken.WebhookURL(r, "discord.com", "")+"\n")
			writeFile(t, root, rel+".copy", "again = "+tok+"\n")
		case i%3 == 0:
			plant(t, r, root, rel)
		default:
			writeFile(t, root, rel, "nothing here\n")
		}
	}
	type key struct {
		file, rule, fingerprint string
		line, col               int
	}
	keys := func(res *scanner.Result) []key {
		var out []key
		for _, f := range res.Findings {
			out = append(out, key{f.File, f.RuleID, f.Fingerprint, f.Line, f.Column})
		}
		return out
	}
	want := keys(scan(t, []string{root}, scanner.Options{Jobs: 1}))
	if len(want) < 5000 {
		t.Fatalf("only %d findings: the tree was not planted as intended", len(want))
	}
	for run := range 3 {
		got := keys(scan(t, []string{root}, scanner.Options{Jobs: 16}))
		if !slices.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Fatalf("run %d with 16 jobs: %d findings, want %d; first difference at %d", run+1, len(got), len(want), i)
		}
	}
}
