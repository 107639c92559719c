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
// maxChainLines lines and uses one kind of joint throughout. Chains are
// found from every '+' that follows a closing quote and precedes an opening
// quote, and from the rules' hints (a token-like run, an mfa. prefix or a
// webhook path inside a literal). The rules then run on the joined text of
// every run of two or more of the chain's literals (a neighbouring literal
// glued to a secret would hide it); a secret is kept only when it spans
// two literals (otherwise the plain rules see it).

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
	r := 0 // the next region
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '+')
		if j < 0 {
			return
		}
		p := i + j
		i = p + 1
		for r < len(x.regions) && x.regions[r][1] <= p {
			r++
		}
		if r < len(x.regions) && x.regions[r][0] <= p {
			i = x.regions[r][1] // a '+' of base64 text: skip the region
			continue
		}
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

// Joint operators, the kinds of joints; a chain uses one kind throughout,
// so that "f('id', 'MTk' || 'x')" joins the SQL pieces and not the
// arguments.
const (
	jointBlank  = iota // implicit concatenation
	jointPlus          // +
	jointDot           // .
	jointDotDot        // ..
	jointComma         // ,
	jointAmp           // &
	jointPipes         // ||
	jointInterp        // }{ or }${
)

// joint checks that the text between the closing quote at c and the
// opening quote at o joins two literals. It returns the joint's kind, the
// span of literal text that belongs to the joined string (f-string text
// between two interpolations; empty otherwise) and how many line breaks the
// joint holds.
func joint(data []byte, c, o int) (kind, a, b, lines int, ok bool) {
	i := c + 1
	if i < o && data[i] == '}' {
		a = i + 1
		k := a
		for k < o && data[k] != '{' && data[k] != '$' {
			if isBlank(data[k]) || isQuote(data[k]) || data[k] == '\\' || data[k] == '}' || k-a >= maxJointText {
				return 0, 0, 0, 0, false
			}
			k++
		}
		b = k
		if k < o && data[k] == '$' {
			k++
		}
		return jointInterp, a, b, 0, k < o && data[k] == '{' && k+1 == o
	}
	i, lines = skipGap(data, i, o)
	kind = jointBlank
	switch {
	case i+1 < o && data[i] == '.' && data[i+1] == '.':
		kind, i = jointDotDot, i+2
	case i+1 < o && data[i] == '|' && data[i+1] == '|':
		kind, i = jointPipes, i+2
	case i < o && data[i] == '+':
		kind, i = jointPlus, i+1
	case i < o && data[i] == '.':
		kind, i = jointDot, i+1
	case i < o && data[i] == ',':
		kind, i = jointComma, i+1
	case i < o && data[i] == '&':
		kind, i = jointAmp, i+1
	}
	i, n := skipGap(data, i, o)
	lines += n
	return kind, 0, 0, lines, skipPrefix(data, i) == o
}

// mayJoin reports whether the literal between the quotes at open and close
// may be joined to another one: the first byte after it or the last byte
// before it (past blanks and a string prefix) can start or end a joint.
func mayJoin(data []byte, open, close int) bool {
	i := close + 1
	for i < len(data) && i <= close+maxGap && (isBlank(data[i]) || data[i] == '\\') {
		i++
	}
	if i < len(data) && isJointByte(data[skipPrefix(data, i)]) { // an operator, or a (prefixed) literal
		return true
	}
	i = skipPrefixBack(data, open)
	for i >= 0 && i >= open-maxGap && (isBlank(data[i]) || data[i] == '\\') {
		i--
	}
	return i >= 0 && (isJointByte(data[i]) || data[i] == '{' || data[i] == '$')
}

// skipPrefixBack returns the offset of the byte before the string prefix
// (see skipPrefix) of the literal whose opening quote is at o.
func skipPrefixBack(data []byte, o int) int {
	i := o - 1
	for i >= 0 && i >= o-2 {
		switch data[i] {
		case 'f', 'F', 'r', 'R', 'b', 'B', 'u', 'U', '@', '$':
			i--
			continue
		}
		break
	}
	if i >= 0 && i < o-1 && isB64(data[i]) {
		return o - 1 // letters of a word, not a prefix
	}
	return i
}

func isJointByte(c byte) bool {
	switch c {
	case '+', '.', ',', '&', '|', '}', '"', '\'', '`':
		return true
	}
	return false
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

// Limits of matching a chain: sub-chains are matched when they are no
// longer than maxSubChain bytes, at most maxSubChains of them.
const (
	maxSubChain  = 400
	maxSubChains = 64
)

// chain reassembles the chain of literals that holds the literal between
// the quotes at open and close, and matches the joined text of each run of
// two or more of its literals.
func (x *hidden) chain(open, close int) {
	for k := len(x.done) - 1; k >= 0 && k >= len(x.done)-8; k-- {
		if d := x.done[k]; d[0] <= open && close <= d[1] {
			return
		}
	}
	data := x.data
	if !mayJoin(data, open, close) {
		return
	}
	// Literals are quote pairs; joint text (f-string text between two
	// interpolations) belongs to the literal after it.
	type lit struct{ o, c, js, je int }
	var store [maxPieces]lit
	lits := store[maxPieces/2 : maxPieces/2+1]
	lits[0] = lit{o: open, c: close}
	kind, lines := -1, 0
	for len(lits) < maxPieces/2 { // rightwards
		c := lits[len(lits)-1].c
		o := c + 1
		for o < len(data) && o < c+maxGap && !isQuote(data[o]) {
			o++
		}
		if o >= len(data) {
			break
		}
		k, a, b, n, ok := joint(data, c, o)
		if !ok || kind >= 0 && k != kind || lines+n >= maxChainLines {
			break
		}
		cc := quoteFwd(data, o)
		if cc < 0 {
			break
		}
		kind, lines = k, lines+n
		lits = lits[:len(lits)+1]
		lits[len(lits)-1] = lit{o: o, c: cc, js: a, je: b}
	}
	first := maxPieces / 2
	for first > 0 { // leftwards
		o := store[first].o
		c := o - 1
		for c >= 0 && c > o-maxGap && !isQuote(data[c]) {
			c--
		}
		if c < 0 || !isQuote(data[c]) {
			break
		}
		k, a, b, n, ok := joint(data, c, o)
		if !ok || kind >= 0 && k != kind || lines+n >= maxChainLines {
			break
		}
		oo := quoteBack(data, c)
		if oo < 0 {
			break
		}
		kind, lines = k, lines+n
		store[first].js, store[first].je = a, b
		first--
		store[first] = lit{o: oo, c: c}
	}
	lits = store[first : maxPieces/2+len(lits)]
	if len(lits) < 2 {
		return
	}
	x.done = append(x.done, [2]int{lits[0].o, lits[len(lits)-1].c})
	total := 0
	for _, l := range lits {
		total += l.je - l.js + l.c - l.o - 1
	}
	if total < minSecretLen || total > maxJoined {
		return
	}
	buf := make([]byte, 0, total)
	st := make([]int32, 0, total)
	starts := make([]int, len(lits)+1)
	for i, l := range lits {
		starts[i] = len(buf)
		for _, sp := range [2][2]int{{l.js, l.je}, {l.o + 1, l.c}} {
			for k := sp[0]; k < sp[1]; k++ {
				buf = append(buf, data[k])
				st = append(st, int32(k))
			}
		}
	}
	starts[len(lits)] = len(buf)
	en := make([]int32, len(st))
	for k, v := range st {
		en[k] = v + 1
	}
	runs := 0
	for i := 0; i+1 < len(lits); i++ {
		for j := i + 1; j < len(lits) && runs < maxSubChains; j++ {
			a, b := starts[i], starts[j+1]
			if b-a > maxSubChain {
				break
			}
			if b-a < minSecretLen {
				continue
			}
			runs++
			sub, sst := buf[a:b], st[a:b]
			f := &frame{parent: &x.root, st: sst, en: en[a:b], label: EncConcat}
			x.match(f, sub, func(s, e int) bool {
				for k := s + 1; k < e; k++ {
					if sst[k] != sst[k-1]+1 {
						return true
					}
				}
				return false
			})
		}
	}
}
