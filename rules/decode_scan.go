package rules

import "encoding/binary"

// Finding encoded regions. An encoded secret is a long run of a few kinds
// of bytes: the base64 alphabets and padding, hex digits, and the
// characters escapes and entities are made of (\ u x % & # ;), with the
// dots, colons and slashes of a token or URL. Source text breaks such runs
// every few bytes with a space, a newline, a quote or a bracket, so the
// scan looks at one 16-byte block every minRegion-15 bytes (every run of
// minRegion bytes holds one such block entirely) and dismisses most blocks
// with two word-wide range tests: all region bytes lie in 0x23..0x7a.

// regionByte marks the bytes an encoded region is made of.
var regionByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = b64url[c]
	}
	for _, c := range []byte("+/=.:\\%&#;") {
		t[c] = true
	}
	return t
}()

// outsideRegionRange returns non-zero when some byte of the little-endian
// word x lies outside 0x23..0x7a, so that x cannot lie inside a region.
func outsideRegionRange(x uint64) uint64 {
	below := (x - 0x23*lsbs) &^ x          // some byte < 0x23 (exact for the word as a whole)
	above := ((x &^ msbs) + 0x05*lsbs) | x // some byte > 0x7a
	return (below | above) & msbs
}

// scanRegions calls fn(s, e) for every maximal run data[s:e] of region
// bytes at least minRegion long, in order.
func scanRegions(data []byte, fn func(s, e int)) {
	const stride = minRegion - 15
	n := len(data)
	for i := 0; i+16 <= n; {
		w := data[i : i+16 : i+16]
		if outsideRegionRange(binary.LittleEndian.Uint64(w))|outsideRegionRange(binary.LittleEndian.Uint64(w[8:])) != 0 {
			i += stride
			continue
		}
		// Every byte is in range; a byte in range that is not a region
		// byte (a parenthesis, a comma) means no long run holds the block.
		j := 15
		for j >= 0 && regionByte[w[j]] {
			j--
		}
		if j >= 0 {
			i += j + 1
			continue
		}
		s := i
		for s > 0 && regionByte[data[s-1]] {
			s--
		}
		e := i + 16
		for e < n && regionByte[data[e]] {
			e++
		}
		if e-s >= minRegion {
			fn(s, e)
		}
		i = e + 1
	}
}

// region decodes what the run buf[s:e] of f's buffer encodes: its base64
// and hex runs, and its escapes and entities when one of them stands for a
// character of a secret.
func (x *hidden) region(f *frame, buf []byte, s, e, depth int) {
	if depth >= maxDepth {
		return
	}
	if x.encodedRuns(f, buf, s, e, depth) {
		if g, out := decodeEscapes(f, buf, s, e); g != nil {
			x.decoded(g, out, depth+1)
		}
	}
}

// decoded matches a decoded buffer and looks for regions inside it.
func (x *hidden) decoded(f *frame, out []byte, depth int) {
	x.match(f, out, nil)
	if depth < maxDepth {
		scanRegions(out, func(s, e int) { x.region(f, out, s, e, depth) })
	}
}
