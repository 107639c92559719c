package scanner

import (
	"testing"

	"github.com/leakcord/leakcord/internal/ignore"
)

// refLineCol is the obvious line and column of off in data: lines end at
// "\n", "\r\n" or a lone "\r"; an offset on the "\n" of a "\r\n" is still
// on the line the pair ends.
func refLineCol(data []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch data[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				if i+1 == off {
					return line, off - start + 1
				}
				i++
			}
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}

// FuzzLineTable checks the line/column mapper against refLineCol for
// increasing offsets (steps holds the gaps between queries).
func FuzzLineTable(f *testing.F) {
	f.Add([]byte("a\nb\r\nc\rd"), []byte{0, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Add([]byte("\r\n\r\n\r\r\n\n"), []byte{0, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Add([]byte("token on one line"), []byte{5, 0, 7})
	f.Add([]byte{}, []byte{0})
	f.Fuzz(func(t *testing.T, data, steps []byte) {
		lt := newLineTable(data)
		off := 0
		for _, s := range steps {
			if off += int(s); off > len(data) {
				break
			}
			line, col := lt.at(off)
			wl, wc := refLineCol(data, off)
			if line != wl || col != wc {
				t.Fatalf("at(%d) in %q = L%d:C%d, want L%d:C%d", off, data, line, col, wl, wc)
			}
			if bl, bc := lineBounds(data, off); bl > off || bc < off {
				t.Fatalf("lineBounds(%d) = %d, %d: does not hold the offset", off, bl, bc)
			}
		}
	})
}

// FuzzIgnoreStack builds a two-level ignore stack (a root file and one in
// "sub") from arbitrary bytes and queries it: it must not panic, must be
// deterministic, and a path outside "sub" must get the root file's answer.
func FuzzIgnoreStack(f *testing.F) {
	f.Add([]byte("*.log\n!keep.log\nbuild/\n"), []byte("!*.log\n/only-here\n"), "sub/a.log", false)
	f.Add([]byte("**/x/**\n\\#not-comment\n  \n"), []byte("*\n"), "sub/x/y", true)
	f.Add([]byte("[a-\n[!]]\n\\\n"), []byte("a/**/b\n"), "top/a/b", false)
	f.Fuzz(func(t *testing.T, top, sub []byte, rel string, isDir bool) {
		root := &ignoreStack{base: "", rules: ignore.ParseFile(top)}
		stack := &ignoreStack{parent: root, base: "sub", rules: ignore.ParseFile(sub)}
		got := stack.ignored(rel, isDir)
		if again := stack.ignored(rel, isDir); again != got {
			t.Fatalf("ignored(%q) is not deterministic", rel)
		}
		if rel != "sub" && !hasPrefix(rel, "sub/") {
			if want := root.ignored(rel, isDir); got != want {
				t.Fatalf("ignored(%q) = %v, but the root file alone says %v", rel, got, want)
			}
		}
	})
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
