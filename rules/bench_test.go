package rules

import (
	"testing"
	"time"
)

// corpusSize is the size of each benchmark corpus.
const corpusSize = 4 << 20

// BenchmarkMatcher runs all rules over a few MiB of generated source text
// per language, with and without the hidden-secret passes, and each rule
// alone (without them) over the mixed corpus. MB/s is the figure to watch:
// the target is 500 MB/s on one core
// (go test -run x -bench Matcher -cpu 1 ./rules).
func BenchmarkMatcher(b *testing.B) {
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	all := NewMatcher(now)
	plain := all.WithDecoding(false)
	for _, lang := range append([]string{"mixed"}, langNames()...) {
		data := makeCorpus(1, lang, corpusSize)
		b.Run(lang, func(b *testing.B) { benchFind(b, all, data) })
		b.Run(lang+"/no-decode", func(b *testing.B) { benchFind(b, plain, data) })
	}
	mixed := makeCorpus(1, "mixed", corpusSize)
	for _, r := range All() {
		m := NewMatcher(now, r).WithDecoding(false)
		b.Run("rule="+r.Info().ID, func(b *testing.B) { benchFind(b, m, mixed) })
	}
}

func benchFind(b *testing.B, m *Matcher, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	found := 0
	for b.Loop() {
		found = len(m.Find(data))
	}
	if found == 0 {
		b.Fatal("the corpus holds planted credentials, but none was found")
	}
}

func langNames() []string {
	var names []string
	for _, l := range corpusLangs {
		names = append(names, l.name)
	}
	return names
}
