package rules

import "encoding/binary"

// Prefilter. Each rule anchors on two bytes a fixed distance apart: the
// dots around a token's second segment (".XXXXXX."), the "m" and "." of
// "mfa.", the "s" and "t" of "secret". Looking for the pair 8 positions at
// a time (SWAR: two 64-bit loads, XOR against the broadcast bytes, and the
// classic has-a-zero-byte test on their OR) skips text far faster than
// stopping at every occurrence of a frequent byte such as '.' or 'e'.

const (
	lsbs = 0x0101010101010101
	msbs = 0x8080808080808080
)

// indexPair returns the first i >= from such that data[i] == a and
// data[i+dist] == b, or -1. With fold, both bytes are compared ASCII
// case-insensitively; a and b must then be lower-case letters.
func indexPair(data []byte, from, dist int, a, b byte, fold bool) int {
	var set uint64
	if fold {
		set = lsbs * 0x20
	}
	ma, mb := lsbs*uint64(a), lsbs*uint64(b)
	f := byte(set)
	i := max(from, 0)
	for ; i+dist+16 <= len(data); i += 16 {
		p, q := data[i:i+16], data[i+dist:i+dist+16]
		x0 := (binary.LittleEndian.Uint64(p) | set) ^ ma
		y0 := (binary.LittleEndian.Uint64(q) | set) ^ mb
		x1 := (binary.LittleEndian.Uint64(p[8:]) | set) ^ ma
		y1 := (binary.LittleEndian.Uint64(q[8:]) | set) ^ mb
		v0, v1 := x0|y0, x1|y1
		if (v0-lsbs)&^v0&msbs|(v1-lsbs)&^v1&msbs != 0 {
			// The test is exact: some pair starts in data[i:i+16].
			for j := i; ; j++ {
				if data[j]|f == a && data[j+dist]|f == b {
					return j
				}
			}
		}
	}
	for ; i+dist < len(data); i++ {
		if data[i]|f == a && data[i+dist]|f == b {
			return i
		}
	}
	return -1
}
