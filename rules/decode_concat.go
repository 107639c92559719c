package rules

import "bytes"

// Split literals. A secret split into string literals is reassembled from a
// chain of literals, each pair joined by:
//
//   - an operator between blanks: + (Python, JS/TS, Java, C#, Go), .. (Lua),
//     . (PHP), & (VB), || (SQL), or a comma (array elements, arguments of
//     concat, join or String.join; they are joined with nothing);
//   - blanks alone: implicit concatenation (Python, C), also across lines
//     and after a line-continuation backslash;
//   - the end of one interpolation and the start of the next in an f-string
//     or template literal ("}{", "}${", with literal text between them).
//
// A literal may carry a prefix (f, r, b, u, @, $). A chain spans at most
// maxChainLines lines. Chains are found from every '+' that follows a
// closing quote and precedes an opening quote, and from the rules' hints
// (a token-like run, an mfa. prefix or a webhook path inside a literal).
// The rules then run on the joined text; a secret is kept only when it
// spans two literals (otherwise the plain rules see it).

const (
	maxChainLines  = 5
	maxPieces      = 32
	maxPieceLen    = 512
	maxJoined      = 2048
	maxJointText   = 32
	maxGap         = 256
	maxChainLookup = 512 // how far a literal's quotes are looked for around a hint
)

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// concatPlus looks at every '+' that may join two string literals.
func (x *hidden) concatPlus() {
	data := x.data
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '+')
		if j < 0 {
			return
		}
		p := i + j
		i = p + 1
		if n := len(x.done); n > 0 && p < x.done[n-1][1] {
			continue // inside the chain just reassembled
		}
		c := p - 1
		for c >= 0 && c > p-maxGap && isBlank(data[c]) {
			c--
		}
		if c < 0 || !isQuote(data[c]) {
			continue
		}
		o := p + 1
		for o < len(data) && o < p+maxGap && isBlank(data[o]) {
			o++
		}
		o = skipPrefix(data, o)
		if o >= len(data) || !isQuote(data[o]) {
			continue
		}
		if open := quoteBack(data, c); open >= 0 {
			x.chain(open, c)
		}
	}
}

// concatAt reassembles the chain around the literal holding offset p.
func (x *hidden) concatAt(p int) {
	data := x.data
	open := -1
	for k := p - 1; k >= 0 && k > p-maxChainLookup && data[k] != '\n'; k-- {
		if isQuote(data[k]) {
			open = k
			break
		}
	}
	if open < 0 {
		return
	}
	q := data[open]
	for k := p; k < len(data) && k < p+maxChainLookup && data[k] != '\n'; k++ {
		if data[k] == q {
			x.chain(open, k)
			return
		}
	}
}

// quoteBack returns the opening quote of the literal whose closing quote is
// at c, on the same line, or -1.
func quoteBack(data []byte, c int) int {
	for k := c - 1; k >= 0 && k >= c-maxPieceLen && data[k] != '\n'; k-- {
		if data[k] == data[c] {
			return k
		}
	}
	return -1
}

// quoteFwd returns the closing quote of the literal whose opening quote is
// at o, on the same line, or -1.
func quoteFwd(data []byte, o int) int {
	for k := o + 1; k < len(data) && k <= o+maxPieceLen && data[k] != '\n'; k++ {
		if data[k] == data[o] {
			return k
		}
	}
	return -1
}

// skipPrefix skips a string prefix (Python f, r, b, u and pairs of them;
// C# @ and $) before an opening quote at data[o:].
func skipPrefix(data []byte, o int) int {
	for k := o; k < len(data) && k < o+2; k++ {
		switch data[k] {
		case 'f', 'F', 'r', 'R', 'b', 'B', 'u', 'U', '@', '$':
			if k+1 < len(data) && isQuote(data[k+1]) {
				return k + 1
			}
		default:
			return o
		}
	}
	return o
}

// joint checks that the text between the closing quote at c and the
// opening quote at o joins two literals. It returns the span of literal
// text that belongs to the joined string (f-string text between two
// interpolations; empty otherwise) and how many line breaks the joint
// holds.
func joint(data []byte, c, o int) (a, b, lines int, ok bool) {
	i := c + 1
	if i < o && data[i] == '}' {
		a = i + 1
		k := a
		for k < o && data[k] != '{' && data[k] != '$' {
			if isBlank(data[k]) || isQuote(data[k]) || data[k] == '\\' || data[k] == '}' || k-a >= maxJointText {
				return 0, 0, 0, false
			}
			k++
		}
		b = k
		if k < o && data[k] == '$' {
			k++
		}
		return a, b, 0, k < o && data[k] == '{' && k+1 == o
	}
	i, lines = skipGap(data, i, o)
	switch {
	case i+1 < o && (data[i] == '.' && data[i+1] == '.' || data[i] == '|' && data[i+1] == '|'):
		i += 2
	case i < o && (data[i] == '+' || data[i] == '.' || data[i] == ',' || data[i] == '&'):
		i++
	}
	i, n := skipGap(data, i, o)
	lines += n
	return 0, 0, lines, skipPrefix(data, i) == o
}

// skipGap skips blanks and line continuations from i up to end and counts
// the line breaks.
func skipGap(data []byte, i, end int) (int, int) {
	lines := 0
	for i < end {
		switch c := data[i]; {
		case c == '\n':
			lines++
		case isBlank(c):
		case c == '\\' && i+1 < end && (data[i+1] == '\n' || data[i+1] == '\r'):
		default:
			return i, lines
		}
		i++
	}
	return i, lines
}

// piece is a part of a joined string: data[s:e].
type piece struct{ s, e int }

// chain reassembles the chain of literals that holds the literal between
// the quotes at open and close, and matches the joined text.
func (x *hidden) chain(open, close int) {
	for k := len(x.done) - 1; k >= 0 && k >= len(x.done)-8; k-- {
		if d := x.done[k]; d[0] <= open && close <= d[1] {
			return
		}
	}
	data := x.data
	// Literals are quote pairs; parts are their contents and joint text.
	type lit struct{ o, c int }
	lits := []lit{{open, close}}
	var joints []piece
	lines := 0
	// Leftwards.
	for len(lits) < maxPieces {
		o := lits[0].o
		c := o - 1
		for c >= 0 && c > o-maxGap && !isQuote(data[c]) {
			c--
		}
		if c < 0 || !isQuote(data[c]) {
			break
		}
		a, b, n, ok := joint(data, c, o)
		if !ok || lines+n >= maxChainLines {
			break
		}
		oo := quoteBack(data, c)
		if oo < 0 {
			break
		}
		lines += n
		lits = append([]lit{{oo, c}}, lits...)
		joints = append([]piece{{a, b}}, joints...)
	}
	// Rightwards.
	for len(lits) < maxPieces {
		c := lits[len(lits)-1].c
		o := c + 1
		for o < len(data) && o < c+maxGap && !isQuote(data[o]) {
			o++
		}
		if o >= len(data) || !isQuote(data[o]) {
			break
		}
		a, b, n, ok := joint(data, c, o)
		if !ok || lines+n >= maxChainLines {
			break
		}
		cc := quoteFwd(data, o)
		if cc < 0 {
			break
		}
		lines += n
		lits = append(lits, lit{o, cc})
		joints = append(joints, piece{a, b})
	}
	if len(lits) < 2 {
		return
	}
	x.done = append(x.done, [2]int{lits[0].o, lits[len(lits)-1].c})
	var buf []byte
	var st []int32
	add := func(s, e int) {
		for k := s; k < e; k++ {
			buf = append(buf, data[k])
			st = append(st, int32(k))
		}
	}
	for i, l := range lits {
		if i > 0 {
			add(joints[i-1].s, joints[i-1].e)
		}
		add(l.o+1, l.c)
		if len(buf) > maxJoined {
			return
		}
	}
	if len(buf) < minSecretLen {
		return
	}
	en := make([]int32, len(st))
	for k, v := range st {
		en[k] = v + 1
	}
	f := &frame{parent: &x.root, st: st, en: en, label: EncConcat}
	x.match(f, buf, func(s, e int) bool {
		for k := s + 1; k < e; k++ {
			if st[k] != st[k-1]+1 {
				return true
			}
		}
		return false
	})
}
