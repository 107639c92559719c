package rules

import "unicode/utf8"

// Escapes and entities: \uXXXX (with surrogate pairs), \xNN, other
// backslash escapes (\/ \\ \n ...), %XX and %uXXXX, &#NN; &#xHH; and a few
// named HTML entities. A region is decoded in one pass into segments: a
// stretch of bytes copied as is, or one escape with its kind, so that a
// secret maps back to its span and its encoding lists only the escapes
// inside the secret.

// Escape kinds, bits of segment.kind; escapeNames names them by bit.
const (
	escUnicode uint8 = 1 << iota
	escHex
	escBackslash
	escPercent
	escEntity
)

var escapeNames = [...]string{EncUnicodeEscape, EncHexEscape, EncBackslash, EncPercent, EncHTMLEntity}

// namedEntities are the HTML entities of characters that occur in secrets
// and URLs, and of the quotes and brackets around them.
var namedEntities = map[string]rune{
	"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "sol": '/', "bsol": '\\',
	"period": '.', "colon": ':', "semi": ';', "comma": ',', "lowbar": '_', "UnderBar": '_',
	"hyphen": '-', "dash": '-', "equals": '=', "num": '#', "plus": '+', "percnt": '%',
	"quest": '?', "excl": '!', "commat": '@', "lsqb": '[', "rsqb": ']', "lpar": '(',
	"rpar": ')', "lcub": '{', "rcub": '}', "nbsp": ' ', "Tab": '\t', "NewLine": '\n',
}

// controlEscapes maps the letter of a C-style escape to its byte.
var controlEscapes = map[byte]byte{
	'n': '\n', 'r': '\r', 't': '\t', 'f': '\f', 'v': '\v', 'b': '\b', 'a': '\a', '0': 0, 'e': 0x1b,
}

// segment is a stretch of a decoded region: out[out:out+outLen] was
// decoded from in[in:in+inLen] by an escape of kind (0: copied as is).
type segment struct {
	out, in, outLen, inLen int32
	kind                   uint8
}

// escDecoder accumulates a decoded region.
type escDecoder struct {
	out  []byte
	segs []segment
	lit  int // start of the pending stretch of copied bytes
}

// flush copies the pending literal bytes buf[d.lit:i].
func (d *escDecoder) flush(buf []byte, i int) {
	if i > d.lit {
		d.segs = append(d.segs, segment{out: int32(len(d.out)), in: int32(d.lit), outLen: int32(i - d.lit), inLen: int32(i - d.lit)})
		d.out = append(d.out, buf[d.lit:i]...)
	}
}

func (d *escDecoder) put(b []byte, s, e int, kind uint8) {
	d.segs = append(d.segs, segment{out: int32(len(d.out)), in: int32(s), outLen: int32(len(b)), inLen: int32(e - s), kind: kind})
	d.out = append(d.out, b...)
}

func (d *escDecoder) putRune(r rune, s, e int, kind uint8) {
	var b [utf8.UTFMax]byte
	d.put(b[:utf8.EncodeRune(b[:], r)], s, e, kind)
}

// isSecretByte reports whether c can be part of a secret or of a webhook URL.
func isSecretByte(c byte) bool { return isB64(c) || c == '.' || c == '/' || c == ':' }

// decodeEscapes decodes the escapes and entities of buf[s:e], a region of
// f's buffer that holds an escape of a character of a secret (see
// secretEscape). It returns nil when the result is too short to hold a
// secret.
func decodeEscapes(f *frame, buf []byte, s, e int) (*frame, []byte) {
	d := &escDecoder{out: make([]byte, 0, e-s), lit: s}
	for i := s; i < e; {
		c := buf[i]
		if c != '\\' && c != '%' && c != '&' {
			i++
			continue
		}
		r, n, kind := unescape(buf[i:e])
		if n == 0 {
			i++
			continue
		}
		d.flush(buf, i)
		if kind == escHex || kind == escPercent && n == 3 {
			d.put([]byte{byte(r)}, i, i+n, kind) // a byte, maybe of a UTF-8 sequence
		} else {
			d.putRune(r, i, i+n, kind)
		}
		i += n
		d.lit = i
	}
	d.flush(buf, e)
	if len(d.out) < minSecretLen {
		return nil, nil
	}
	return &frame{parent: f, mode: mapSegments, segs: d.segs}, d.out
}

// secretEscape reports whether b starts with an escape of a character that
// can be part of a secret (not of a line break or a quote), or of one that
// starts another escape (\\/ in JSON inside JSON, %252F).
func secretEscape(b []byte) bool {
	r, n, _ := unescape(b)
	return n > 0 && r < utf8.RuneSelf && (isSecretByte(byte(r)) || r == '\\' || r == '%' || r == '&')
}

// unescape decodes the escape or entity at the start of b, if there is
// one, and returns the character, the escape's length (0 when there is no
// escape) and its kind.
func unescape(b []byte) (rune, int, uint8) {
	switch b[0] {
	case '\\':
		if len(b) < 2 {
			return 0, 0, 0
		}
		switch c := b[1]; {
		case c == 'u' && len(b) >= 6 && allHex(b[2:6]):
			r := rune(hex16(b[2:6]))
			if 0xd800 <= r && r < 0xdc00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' && allHex(b[8:12]) {
				if lo := rune(hex16(b[8:12])); 0xdc00 <= lo && lo < 0xe000 {
					return 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00), 12, escUnicode
				}
			}
			return r, 6, escUnicode
		case c == 'x' && len(b) >= 4 && allHex(b[2:4]):
			return rune(hexVal(b[2])<<4 | hexVal(b[3])), 4, escHex
		case controlEscapes[c] != 0 || c == '0':
			return rune(controlEscapes[c]), 2, escBackslash
		case c < utf8.RuneSelf && !isLetter(c) && !isDigit(c):
			return rune(c), 2, escBackslash // \/ \\ \. \- \: ...
		}
	case '%':
		switch {
		case len(b) >= 3 && isHex(b[1]) && isHex(b[2]):
			return rune(hexVal(b[1])<<4 | hexVal(b[2])), 3, escPercent
		case len(b) >= 6 && (b[1] == 'u' || b[1] == 'U') && allHex(b[2:6]):
			return rune(hex16(b[2:6])), 6, escPercent
		}
	case '&':
		if r, n := entity(b); n > 0 {
			return r, n, escEntity
		}
	}
	return 0, 0, 0
}

// entity decodes the HTML character reference at the start of b ("&#77;",
// "&#x4d;", "&sol;") and returns its length, or 0.
func entity(b []byte) (rune, int) {
	const maxName = 10
	semi := -1
	for k := 1; k < len(b) && k <= maxName+2; k++ {
		if b[k] == ';' {
			semi = k
			break
		}
	}
	if semi < 3 {
		return 0, 0
	}
	name := b[1:semi]
	if name[0] != '#' {
		r, ok := namedEntities[string(name)]
		if !ok {
			return 0, 0
		}
		return r, semi + 1
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 7 {
		return 0, 0
	}
	var r rune
	for _, c := range digits {
		v := rune(hexVal(c))
		if v >= base {
			return 0, 0
		}
		r = r*base + v
	}
	if r > utf8.MaxRune {
		r = utf8.RuneError
	}
	return r, semi + 1
}

func hex16(b []byte) uint16 {
	return uint16(hexVal(b[0]))<<12 | uint16(hexVal(b[1]))<<8 | uint16(hexVal(b[2]))<<4 | uint16(hexVal(b[3]))
}
