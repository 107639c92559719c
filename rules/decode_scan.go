package rules

import "encoding/binary"

// Finding encoded regions. An encoded secret is a long run of a few kinds
// of bytes: the base64 alphabets, hex digits, and the characters escapes
// and entities are made of (\ u x % & # ;), with the dots, colons and
// slashes of a token or URL. (Base64 padding ends a run: with "=" in it,
// every key would join its value.) Source text breaks such runs every few
// bytes with a space, a newline, a quote or a bracket, so the scan looks at
// one 16-byte block every minRegion-15 bytes (every run of minRegion bytes
// holds one such block entirely) and dismisses most blocks with two
// word-wide range tests: all region bytes lie in 0x23..0x7a.

// Region byte classes: not in a region, a base64 character (either
// alphabet), a character that may start an escape, another region byte.
const (
	classNone = iota
	classB64
	classEscape
	classOther
)

var regionClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case b64val[c] != 0xff:
			t[c] = classB64
		case c == '\\' || c == '%' || c == '&':
			t[c] = classEscape
		case regionByte[c]:
			t[c] = classOther
		}
	}
	return t
}()

// regionByte marks the bytes an encoded region is made of.
var regionByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = b64url[c]
	}
	for _, c := range []byte("+/.:\\%&#;") {
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

// scanRegions finds the runs of region bytes of data that may be at least
// minRegion long: for each, it calls walk with the run's start, and walk
// returns where the run ends. Runs are passed in order.
//
// The scan keeps this invariant: every run of minRegion bytes or more that
// starts after the last byte known not to be a region byte holds one of
// the blocks still to be checked. So after a byte at J that is not a
// region byte, the next block may start as late as J+stride.
func scanRegions(data []byte, walk func(s int) (e int)) {
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
			i += j + stride
			continue
		}
		s := i
		for s > 0 && regionByte[data[s-1]] {
			s--
		}
		if s+minRegion > n {
			return
		}
		// Most runs are short (a dotted name, a path): look for a byte
		// that ends the run before minRegion, from the far end.
		j = s + minRegion - 1
		for j >= i+16 && regionByte[data[j]] {
			j--
		}
		if j >= i+16 {
			i = j + stride
			continue
		}
		i = walk(s) + stride
	}
}

// region walks the run of region bytes that starts at buf[s] in f's buffer,
// decodes what it encodes (its base64 and hex runs, and its escapes and
// entities when one of them stands for a character of a secret) and
// returns where the run ends.
func (x *hidden) region(f *frame, buf []byte, s, depth int) int {
	i, n := s, len(buf)
	escaped := false
	run := s // start of the current base64 run
	for ; i < n; i++ {
		switch regionClass[buf[i]] {
		case classB64:
			// Base64 blobs are long: skip eight characters at a time.
			for i+9 <= n && allB64(buf[i+1:i+9:i+9]) {
				i += 8
			}
			continue
		case classEscape:
			escaped = escaped || secretEscape(buf[i:])
		}
		if i-run >= minRegion && depth < maxDepth {
			x.encodedRun(f, buf, run, i, depth)
		}
		if regionClass[buf[i]] == classNone {
			break
		}
		if buf[i] == '\\' {
			if k := escapeLen(buf[i:]); allRegion(buf[i+1 : i+k]) {
				i += k - 1
			}
		}
		run = i + 1
	}
	if i == n && i-run >= minRegion && depth < maxDepth {
		x.encodedRun(f, buf, run, i, depth)
	}
	if escaped && i-s >= minRegion && depth < maxDepth {
		if g, out := decodeEscapes(f, buf, s, i); g != nil {
			x.decoded(g, out, depth+1)
		}
	}
	return i
}

// allB64 reports whether the 8 bytes of b are base64 characters.
func allB64(b []byte) bool {
	return b64val[b[0]]|b64val[b[1]]|b64val[b[2]]|b64val[b[3]]|b64val[b[4]]|b64val[b[5]]|b64val[b[6]]|b64val[b[7]] != 0xff
}

func allRegion(b []byte) bool {
	for _, c := range b {
		if !regionByte[c] {
			return false
		}
	}
	return true
}

// decoded matches a decoded buffer and looks for regions inside it.
func (x *hidden) decoded(f *frame, out []byte, depth int) {
	x.match(f, out, nil)
	if depth < maxDepth {
		scanRegions(out, func(s int) int { return x.region(f, out, s, depth) })
	}
}
