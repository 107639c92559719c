package rules

import (
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// naivePair is the reference for indexPair.
func naivePair(data []byte, from, dist int, a, b byte, fold bool) int {
	var f byte
	if fold {
		f = 0x20
	}
	for i := max(from, 0); i+dist < len(data); i++ {
		if data[i]|f == a && data[i+dist]|f == b {
			return i
		}
	}
	return -1
}

func TestIndexPair(t *testing.T) {
	tests := []struct {
		data       string
		from, dist int
		a, b       byte
		fold       bool
		want       int
	}{
		{"", 0, 7, '.', '.', false, -1},
		{".", 0, 0, '.', '.', false, 0},
		{"x.abcdef.y", 0, 7, '.', '.', false, 1},
		{"x.abcdef.y", 2, 7, '.', '.', false, -1},
		{"x.abcde.y", 0, 7, '.', '.', false, -1},
		{"0123456789abcdef0123456789.abcdef.", 0, 7, '.', '.', false, 26},
		{"some mfa. text", 0, 3, 'm', '.', false, 5},
		{"CLIENT_SECRET=", 0, 5, 's', 't', true, 7},
		{"clientSecret=", 0, 5, 's', 't', true, 6},
		{"clientSecret=", 0, 5, 's', 't', false, -1},
		{"s....t", -3, 5, 's', 't', false, 0},
	}
	for _, tt := range tests {
		if got := indexPair([]byte(tt.data), tt.from, tt.dist, tt.a, tt.b, tt.fold); got != tt.want {
			t.Errorf("indexPair(%q, %d, %d, %q, %q, %v) = %d, want %d", tt.data, tt.from, tt.dist, tt.a, tt.b, tt.fold, got, tt.want)
		}
	}
}

// TestIndexPairRandom compares indexPair with the naive loop on random
// text dense in the searched bytes, from every start and at every length,
// so that block edges and tails are covered.
func TestIndexPairRandom(t *testing.T) {
	r := testtoken.New(21)
	const alphabet = "..sStTmM.ab"
	for round := 0; round < 200; round++ {
		data := make([]byte, r.IntN(80))
		for i := range data {
			data[i] = alphabet[r.IntN(len(alphabet))]
		}
		for _, p := range []struct {
			dist int
			a, b byte
			fold bool
		}{{7, '.', '.', false}, {3, 'm', '.', false}, {5, 's', 't', true}, {1, 's', 't', false}} {
			for from := 0; from <= len(data); from++ {
				got := indexPair(data, from, p.dist, p.a, p.b, p.fold)
				if want := naivePair(data, from, p.dist, p.a, p.b, p.fold); got != want {
					t.Fatalf("indexPair(%q, %d, %d, %q, %q) = %d, want %d", data, from, p.dist, p.a, p.b, got, want)
				}
			}
		}
	}
}
