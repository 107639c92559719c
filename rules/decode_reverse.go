package rules

// Reversed tokens. A token written backwards ("…"[::-1] in Python,
// .split('').reverse().join('') in JavaScript, strrev in PHP) still has its
// dots around a 6-character segment, so the token rule sees it while it
// searches (see tokenHints): a 27- or 38-character run before the first
// dot and a 23-, 24-, 26- or 27-character run ending in M, N or O after the
// second. Such a run is
// reversed and matched; the structural checks (the ID decodes to a
// plausible snowflake) decide, as for any token.

// reverseHint records the run data[s:e] around a token's dots when it
// reads as a token backwards: a clean start, a clean end after a first
// segment that ends in M, N or O.
func reverseHint(data []byte, s, e int, h *hints) {
	if !startsClean(data, s) || !endsClean(data, e) {
		return
	}
	if c := data[e-1]; c == 'M' || c == 'N' || c == 'O' {
		h.reverse = append(h.reverse, [2]int{s, e})
	}
}

// reversed matches the run data[s:e] read backwards.
func (x *hidden) reversed(s, e int) {
	buf := make([]byte, e-s)
	for i := range buf {
		buf[i] = x.data[e-1-i]
	}
	x.match(&frame{parent: &x.root, mode: mapReverse, base: s, n: e - s, label: EncReverse}, buf, nil)
}
