package fleet

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is shard K of N (1 ≤ K ≤ N): the targets whose hash modulo N is
// K-1. The zero Shard holds every target.
type Shard struct {
	K, N int
}

// ParseShard parses "K/N", 1 ≤ K ≤ N ≤ 100000; "" is the zero Shard.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || strings.ContainsAny(s, "+ ") {
		return Shard{}, fmt.Errorf("invalid shard %q (want K/N, e.g. 2/4)", s)
	}
	if n < 1 || n > 100000 || k < 1 || k > n {
		return Shard{}, fmt.Errorf("invalid shard %q: K must be between 1 and N, and N between 1 and 100000", s)
	}
	return Shard{K: k, N: n}, nil
}

// String returns "K/N", or "" for the zero Shard.
func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Has reports whether target belongs to the shard.
func (s Shard) Has(target string) bool {
	if s.N <= 1 {
		return true
	}
	return int(Hash(target)%uint64(s.N)) == s.K-1
}

// Filter returns the targets of the shard, in order.
func (s Shard) Filter(targets []string) []string {
	var out []string
	for _, t := range targets {
		if s.Has(t) {
			out = append(out, t)
		}
	}
	return out
}

// Hash is the stable hash of a target: the first 8 bytes of the SHA-256 of
// its [Name], big-endian. It depends on nothing but the name, so every
// job, machine and version agrees on it.
func Hash(target string) uint64 {
	sum := sha256.Sum256([]byte(Name(target)))
	return binary.BigEndian.Uint64(sum[:8])
}
