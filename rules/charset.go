package rules

import "bytes"

// b64url marks the bytes of the base64url alphabet [A-Za-z0-9_-].
var b64url = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['_'] = true, true
	return t
}()

func isB64(c byte) bool { return b64url[c] }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

// runBack returns the start of the run of base64url bytes that ends at end,
// looking back at most max bytes (so a result of end-max means "at least max").
func runBack(data []byte, end, max int) int {
	s := end
	for s > 0 && end-s < max && isB64(data[s-1]) {
		s--
	}
	return s
}

// runFwd returns the end of the run of base64url bytes that starts at start,
// looking ahead at most max bytes.
func runFwd(data []byte, start, max int) int {
	e := start
	for e < len(data) && e-start < max && isB64(data[e]) {
		e++
	}
	return e
}

// skipEscapePrefix returns how many bytes at data[s:] belong to an escape
// sequence that precedes a secret rather than to the secret: "n" of a JSON or
// C "\n", "u0022" of "\u0022", "x22" of "\x22", "22" of a percent-encoded
// "%22", "32m" of a terminal colour code ("\u001b[32m" in a notebook's
// output). A secret in a Jupyter notebook or a URL query often follows such
// an escape.
func skipEscapePrefix(data []byte, s, end int) int {
	if s == 0 {
		return 0
	}
	switch prev := data[s-1]; {
	case prev == '\\' && s+5 <= end && data[s] == 'u' &&
		isHex(data[s+1]) && isHex(data[s+2]) && isHex(data[s+3]) && isHex(data[s+4]):
		return 5
	case prev == '\\' && s+3 <= end && data[s] == 'x' && isHex(data[s+1]) && isHex(data[s+2]):
		return 3
	case prev == '\\' && s < end && isEscapeLetter(data[s]):
		return 1
	case prev == '%' && s+2 <= end && isHex(data[s]) && isHex(data[s+1]):
		return 2
	case prev == '[' || prev == ';':
		return skipColourCode(data, s, end)
	}
	return 0
}

// skipColourCode returns the length of the "NNm" that ends a terminal
// colour code (ESC [ N;N m) at data[s:], whose "[" or ";" is at s-1, or 0.
// The ESC may be the byte itself or written \u001b, \x1b, \033 or \e.
func skipColourCode(data []byte, s, end int) int {
	k := s
	for k < end && k-s < 3 && isDigit(data[k]) {
		k++
	}
	if k == s || k >= end || data[k] != 'm' {
		return 0
	}
	b := s - 1
	for b > 0 && b > s-16 && data[b] != '[' && (data[b] == ';' || isDigit(data[b])) {
		b--
	}
	if data[b] != '[' {
		return 0
	}
	pre := data[max(b-6, 0):b]
	for _, esc := range [...]string{`\x1b`, `\x1B`, `\u001b`, `\u001B`, `\033`, `\e`} {
		if bytes.HasSuffix(pre, []byte(esc)) {
			return k + 1 - s
		}
	}
	if len(pre) > 0 && pre[len(pre)-1] == 0x1b {
		return k + 1 - s
	}
	return 0
}

func isEscapeLetter(c byte) bool {
	switch c {
	case 'n', 'r', 't', 'f', 'b', 'v', '0':
		return true
	}
	return false
}

// startsClean reports whether position s starts a token-like run: it is at
// the start of data or follows a byte that cannot be part of a dotted
// base64url run.
func startsClean(data []byte, s int) bool {
	return s == 0 || (!isB64(data[s-1]) && data[s-1] != '.')
}

// startsAfterEscape reports whether a secret that begins with a fixed
// prefix (such as "mfa." or "https://") may start at s: at the start of
// data, after a byte that cannot continue a dotted base64url run, or right
// after an escape sequence whose tail is base64url, such as the "n" of "\n",
// the "u0022" of "\u0022" or the "22" of "%22".
func startsAfterEscape(data []byte, s int) bool {
	if startsClean(data, s) {
		return true
	}
	const longestEscapeTail = len("u0022")
	r := runBack(data, s, longestEscapeTail+1)
	return r < s && r+skipEscapePrefix(data, r, s) == s
}

// endsClean reports whether position e ends a token-like run: the next byte
// is not base64url, and not a dot that continues into another segment (as in
// a JWT or a longer dotted identifier).
func endsClean(data []byte, e int) bool {
	if e >= len(data) {
		return true
	}
	if isB64(data[e]) {
		return false
	}
	return !(data[e] == '.' && e+1 < len(data) && isB64(data[e+1]))
}
