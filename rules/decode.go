package rules

import (
	"slices"
	"strings"
	"time"
)

// Hidden secrets. Besides the plain rules, a matcher with decoding on looks
// for secrets that were encoded, escaped, split or reversed, decodes or
// reassembles them and runs its rules on the result, so that they pass
// exactly the structural checks a plain secret passes. The passes:
//
//   - Encoded regions (decode_scan.go, decode_base64.go, decode_escape.go):
//     a run of at least minRegion bytes of base64, hex, or text with
//     \uXXXX, \xNN, \/, %XX or &#NN; escapes is decoded, up to maxDepth
//     times (base64 of base64, escaped base64, ...).
//   - Split literals (decode_concat.go): string literals joined by an
//     operator or by juxtaposition, found from a '+' between two quotes or
//     from a rule's hint that a token-like run ends at a quote.
//   - Reversed tokens (decode_reverse.go): a run that reads as a token
//     backwards, hinted by the token rule.
//
// A hidden candidate's Secret is the decoded secret and its span covers the
// encoded or split text, mapped back through every layer with a frame.

// Encodings, the values of [Candidate.Encoding].
const (
	EncBase64        = "base64"           // standard alphabet, padded or not
	EncBase64URL     = "base64url"        // URL-safe alphabet, padded or not
	EncHex           = "hex"              // hexadecimal digits
	EncPercent       = "percent"          // %XX (and %uXXXX)
	EncUnicodeEscape = "unicode-escape"   // \uXXXX
	EncHexEscape     = "hex-escape"       // \xNN
	EncBackslash     = "backslash-escape" // \/ and other backslash escapes
	EncHTMLEntity    = "html-entity"      // &#NN;, &#xHH; and named entities
	EncConcat        = "concat"           // string literals joined together
	EncReverse       = "reverse"          // written backwards
)

// Limits of the hidden-secret passes.
const (
	// maxDepth is how many encodings deep decoding goes.
	maxDepth = 2
	// minSecretLen is the length of the shortest secret a rule reports
	// when decoding is worth it: a legacy token of a 17-digit ID.
	minSecretLen = 58
	// minRegion is the shortest run of encoded text that is decoded: the
	// unpadded base64 of the shortest secret. Escaped secrets are longer
	// (each escaped character takes 3 to 6 bytes), as are escaped webhook
	// URLs.
	minRegion = (minSecretLen*4 + 2) / 3
)

// minBlob is the length from which a region is a blob whose '+' bytes are
// base64 characters, not operators.
const minBlob = 256

// hinter is implemented by rules that point the hidden-secret passes at
// places worth a second look while they search: a token-like run that ends
// at a quote (perhaps one piece of a split literal) or that reads as a
// token backwards. findHinted is Find that also records hints in h.
type hinter interface {
	findHinted(data []byte, now time.Time, emit func(Candidate), h *hints)
}

// hints are what the rules noticed for the hidden-secret passes.
type hints struct {
	// concat are offsets inside string literals that may be pieces of a
	// split secret.
	concat []int
	// reverse are spans that may be tokens written backwards.
	reverse [][2]int
}

func (h *hints) addConcat(p int) {
	if n := len(h.concat); n == 0 || h.concat[n-1] != p {
		h.concat = append(h.concat, p)
	}
}

// frame maps a decoded buffer back to the input and says how it was
// encoded. The input itself is the frame with no parent.
type frame struct {
	parent *frame
	// mode says how a byte of the buffer maps to the parent's bytes: by
	// the tables st and en (the span each byte was decoded from), or by
	// arithmetic from base for base64, hex and reversed text (n is then the
	// length of the reversed run).
	mode    uint8
	base, n int
	st, en  []int32
	// segs map an escape-decoded buffer, stretch by stretch.
	segs []segment
	// label is the encoding of the whole buffer (base64, hex, concat,
	// reverse); for an escape-decoded buffer, the kinds of the segments a
	// secret spans name its encodings.
	label string
}

// resolve maps the span [s, e) of f's buffer to the input and appends the
// encodings it passes through, outermost first, to enc.
func (f *frame) resolve(s, e int, enc []string) (int, int, []string) {
	if f.parent == nil {
		return s, e, enc
	}
	ps, pe := f.span(s, e)
	ps, pe, enc = f.parent.resolve(ps, pe, enc)
	if f.label != "" {
		return ps, pe, append(enc, f.label)
	}
	var seen uint8
	for k := f.segment(s); k < len(f.segs) && int(f.segs[k].out) < e; k++ {
		seen |= f.segs[k].kind
	}
	for i, name := range escapeNames {
		if seen&(1<<i) != 0 {
			enc = append(enc, name)
		}
	}
	return ps, pe, enc
}

// Frame modes.
const (
	mapTables  = iota
	mapBase64  // byte k comes from characters 4(k/3)+k%3 and the next
	mapHex     // byte k comes from characters 2k and 2k+1
	mapReverse // byte k is byte n-1-k
	mapSegments
)

// span maps [s, e) of f's buffer to its parent's buffer.
func (f *frame) span(s, e int) (int, int) {
	switch f.mode {
	case mapBase64:
		return f.base + 4*(s/3) + s%3, f.base + 4*((e-1)/3) + (e-1)%3 + 2
	case mapHex:
		return f.base + 2*s, f.base + 2*e
	case mapReverse:
		return f.base + f.n - e, f.base + f.n - s
	case mapSegments:
		a, b := f.segs[f.segment(s)], f.segs[f.segment(e-1)]
		ps, pe := int(a.in), int(b.in+b.inLen)
		if a.kind == 0 {
			ps += s - int(a.out)
		}
		if b.kind == 0 {
			pe = int(b.in) + e - int(b.out)
		}
		return ps, pe
	}
	return int(f.st[s]), int(f.en[e-1])
}

// segment returns the index of the segment that holds byte k.
func (f *frame) segment(k int) int {
	i, j := 0, len(f.segs)
	for i+1 < j {
		h := (i + j) / 2
		if int(f.segs[h].out) <= k {
			i = h
		} else {
			j = h
		}
	}
	return i
}

// hidden is the state of one search for hidden secrets.
type hidden struct {
	m     *Matcher
	data  []byte
	root  frame
	found []Candidate
	// regions are the spans of the long encoded regions of data (base64
	// blobs), in order, which the search for '+' skips.
	regions [][2]int
	// done are the spans of literal chains already reassembled.
	done [][2]int
}

// findHidden appends the hidden secrets of data to plain (the plain
// candidates) and removes duplicates.
func (m *Matcher) findHidden(data []byte, plain []Candidate, h *hints) []Candidate {
	x := &hidden{m: m, data: data}
	scanRegions(data, func(s int) int {
		e := x.region(&x.root, data, s, 0)
		if e-s >= minBlob {
			x.regions = append(x.regions, [2]int{s, e})
		}
		return e
	})
	x.concatPlus()
	for _, p := range h.concat {
		x.concatAt(p)
	}
	for _, sp := range h.reverse {
		x.reversed(sp[0], sp[1])
	}
	if len(x.found) == 0 {
		return plain
	}
	return mergeHidden(plain, x.found)
}

// match runs the rules on buf, a buffer decoded through f, and records
// what they find, mapped to the input. keep, when set, decides whether a
// candidate at [s, e) of buf counts (concatenation requires that it spans
// two pieces).
func (x *hidden) match(f *frame, buf []byte, keep func(s, e int) bool) {
	for _, r := range x.m.rules {
		r.Find(buf, x.m.now, func(c Candidate) {
			if keep != nil && !keep(c.Start, c.End) {
				return
			}
			c.Start, c.End, c.Encoding = f.resolve(c.Start, c.End, nil)
			if len(c.Encoding) == 0 && c.Secret != string(x.data[c.Start:c.End]) {
				return // cannot happen: an unencoded span maps to itself
			}
			x.found = append(x.found, c)
		})
	}
}

// mergeHidden adds the hidden candidates to the plain ones. A hidden
// candidate is dropped when a candidate of the same rule with the same
// secret overlaps it (the secret is found plain, or by two passes); a plain
// candidate is dropped when it lies inside a concatenation of the same rule
// whose secret contains it (it was a truncated piece).
func mergeHidden(plain, found []Candidate) []Candidate {
	slices.SortStableFunc(found, func(a, b Candidate) int { return a.Start - b.Start })
	out := plain
	for _, c := range found {
		dup := false
		for _, o := range out {
			if o.RuleID == c.RuleID && o.Secret == c.Secret && o.Start < c.End && c.Start < o.End {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	n := len(plain)
	kept := out[:0]
	for i, c := range out {
		if i < n && truncatedPiece(c, out[n:]) {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

func truncatedPiece(c Candidate, hidden []Candidate) bool {
	for _, h := range hidden {
		if h.RuleID == c.RuleID && len(h.Encoding) == 1 && h.Encoding[0] == EncConcat &&
			h.Start <= c.Start && c.End <= h.End && len(h.Secret) > len(c.Secret) &&
			strings.Contains(h.Secret, c.Secret) {
			return true
		}
	}
	return false
}
