package fleet

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestParseShard(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"", Shard{}, true},
		{"1/1", Shard{1, 1}, true},
		{"2/4", Shard{2, 4}, true},
		{"4/4", Shard{4, 4}, true},
		{"0/4", Shard{}, false}, // 1-based
		{"5/4", Shard{}, false},
		{"1/0", Shard{}, false},
		{"-1/4", Shard{}, false},
		{"+1/4", Shard{}, false},
		{"1 /4", Shard{}, false},
		{"2", Shard{}, false},
		{"a/b", Shard{}, false},
		{"1/4/2", Shard{}, false},
		{"1/100001", Shard{}, false},
	} {
		got, err := ParseShard(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok=%v", c.in, got, err, c.want, c.ok)
		}
		if err == nil && got.String() != c.in {
			t.Errorf("Shard(%q).String() = %q", c.in, got.String())
		}
	}
}

// N shards of one list, in any order, cover every target exactly once,
// and each holds a fair share.
func TestShardPartition(t *testing.T) {
	var targets []string
	for i := range 1000 {
		targets = append(targets, fmt.Sprintf("https://git.example.com/org/repo-%04d.git", i))
	}
	for _, n := range []int{1, 2, 4, 7} {
		seen := make(map[string]int)
		for k := 1; k <= n; k++ {
			shuffled := slices.Clone(targets)
			rand.New(rand.NewPCG(uint64(k), 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			part := Shard{k, n}.Filter(shuffled)
			if share := float64(len(part)) / float64(len(targets)); share < 0.7/float64(n) || share > 1.3/float64(n) {
				t.Errorf("shard %d/%d holds %d of %d targets", k, n, len(part), len(targets))
			}
			for _, x := range part {
				seen[x]++
			}
		}
		for _, x := range targets {
			if seen[x] != 1 {
				t.Fatalf("%d shards: %s is in %d shards", n, x, seen[x])
			}
		}
	}
}

// The hash is part of the interface: jobs of different leakcord versions
// given the same list must agree. These values must never change.
func TestHashStable(t *testing.T) {
	// Credentials and trailing slashes do not move a target to another shard.
	if Hash("https://u:p@github.com/org/bot.git/") != Hash("https://github.com/org/bot.git") {
		t.Error("credentials or a trailing slash change the hash")
	}
	// SHA-256("../bot") starts with these 8 bytes.
	if got, want := fmt.Sprintf("%016x", Hash("../bot")), "504abccd02758c56"; got != want {
		t.Errorf(`Hash("../bot") = %s, want %s (the shard of every target would move)`, got, want)
	}
}
