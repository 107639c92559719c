package scanner

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// rangeMax agrees with a plain scan on every range of random values.
func TestRangeMax(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 7, 16, 33} {
		vals := make([]int, n)
		for i := range vals {
			vals[i] = r.IntN(100)
		}
		m := newRangeMax(vals)
		for l := 0; l <= n; l++ {
			for h := l; h <= n; h++ {
				want := -1
				if l < h {
					want = slices.Max(vals[l:h])
				}
				if got := m.query(l, h); got != want {
					t.Errorf("n=%d: max of [%d:%d] = %d, want %d", n, l, h, got, want)
				}
			}
		}
	}
}

// chainOrder visits every selected commit once, each after its parent
// where it can: a fork's first line to its end, then the second.
func TestChainOrder(t *testing.T) {
	// a - b - c - e (merge of c and d)
	//      \- d -/
	//  f (a second root)
	g := &commitGraph{byHash: make(map[plumbing.Hash]*commitNode)}
	hash := func(name string) plumbing.Hash { return plumbing.Hash{name[0]} }
	node := func(name string, parents ...string) {
		n := &commitNode{hash: hash(name), order: len(g.nodes), selected: name != "c"}
		for _, p := range parents {
			n.parents = append(n.parents, hash(p))
		}
		g.nodes = append(g.nodes, n)
		g.byHash[n.hash] = n
	}
	node("a")
	node("f")
	node("b", "a")
	node("c", "b")
	node("d", "b")
	node("e", "c", "d")
	var got []int
	for _, n := range chainOrder(g) {
		got = append(got, n.order)
	}
	// a b (c unselected) e d f
	if want := []int{0, 2, 5, 4, 1}; !slices.Equal(got, want) {
		t.Errorf("chainOrder = %v, want %v", got, want)
	}
}
