package rules

import (
	"bytes"
	"unicode/utf8"
)

// Base64 and hex runs inside a region. A run is split from its region at
// any byte outside the base64 alphabets, and backslash escapes are skipped,
// so that "\nTVRr..." in a JSON string yields the run "TVRr...". A run of hex
// digits is decoded as hex, any other as base64 (both alphabets, padded or
// not). Only runs whose decoded start is text are decoded in full: base64
// images and hashes are dismissed after a few bytes.

// b64val maps both base64 alphabets to their values; 0xff marks other bytes.
var b64val = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range len(std) {
		t[std[i]] = byte(i)
	}
	t['-'], t['_'] = 62, 63
	return t
}()

func hexVal(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 0xff
}

const (
	// textProbe is how many decoded bytes must be text before a run is
	// decoded in full.
	textProbe = 24
	// maxWindow bounds how much of a run is decoded at once; windows
	// overlap by windowOverlap characters, more than any encoded secret.
	maxWindow     = 64 << 10
	windowOverlap = 512
)

// encodedRun decodes buf[a:b], a run of base64 characters at least
// minRegion long: as hex when it is all hex digits (after an optional 0x)
// and long enough, else as base64.
func (x *hidden) encodedRun(f *frame, buf []byte, a, b, depth int) {
	h := a
	if buf[a] == '0' && (buf[a+1] == 'x' || buf[a+1] == 'X') {
		h += 2
	}
	if b-h >= 2*minSecretLen && allHex(buf[h:b]) {
		x.decodeHex(f, buf, h, b, depth)
	} else {
		x.decodeBase64(f, buf, a, b, depth)
	}
}

// escapeLen returns how many bytes the backslash escape at the start of b
// takes: 6 for \uXXXX, 4 for \xNN, else 2 (1 for a lone backslash).
func escapeLen(b []byte) int {
	switch {
	case len(b) >= 6 && b[1] == 'u' && isHex(b[2]) && isHex(b[3]) && isHex(b[4]) && isHex(b[5]):
		return 6
	case len(b) >= 4 && b[1] == 'x' && isHex(b[2]) && isHex(b[3]):
		return 4
	case len(b) >= 2:
		return 2
	}
	return 1
}

// decodeBase64 decodes the run buf[a:b], in windows, starting at the first
// of its four alignments whose decoded start is text (the run may begin
// with a stray character, such as the tail of an escape).
func (x *hidden) decodeBase64(f *frame, buf []byte, a, b, depth int) {
	for off := range 4 {
		if b-a-off < minRegion {
			return
		}
		var probe [textProbe]byte
		head := base64Decode(probe[:0], buf[a+off:min(b, a+off+textProbe/3*4)])
		if !isText(head) {
			continue
		}
		label := EncBase64
		if bytes.IndexByte(buf[a:b], '-') >= 0 || bytes.IndexByte(buf[a:b], '_') >= 0 {
			label = EncBase64URL
		}
		for w := a + off; w < b; w += maxWindow - windowOverlap {
			end := min(b, w+maxWindow)
			out := base64Decode(make([]byte, 0, (end-w)/4*3+2), buf[w:end])
			if !isText(out[:min(len(out), textProbe)]) {
				return
			}
			x.decoded(&frame{parent: f, mode: mapBase64, base: w, label: label}, out, depth+1)
			if end == b {
				break
			}
		}
		return
	}
}

// decodeHex decodes the hex run buf[a:b] (its first two alignments).
func (x *hidden) decodeHex(f *frame, buf []byte, a, b, depth int) {
	for off := range 2 {
		w := a + off
		end := w + (b-w)&^1
		if end-w < 2*minSecretLen {
			return
		}
		end = min(end, w+maxWindow)
		out := make([]byte, (end-w)/2)
		for i := range out {
			out[i] = hexVal(buf[w+2*i])<<4 | hexVal(buf[w+2*i+1])
		}
		if isText(out[:textProbe]) {
			x.decoded(&frame{parent: f, mode: mapHex, base: w, label: EncHex}, out, depth+1)
			return
		}
	}
}

// base64Decode appends the decoding of src (characters of either base64
// alphabet, no padding) to dst. A trailing single character is dropped.
func base64Decode(dst, src []byte) []byte {
	i := 0
	for ; i+4 <= len(src); i += 4 {
		v := uint32(b64val[src[i]])<<18 | uint32(b64val[src[i+1]])<<12 | uint32(b64val[src[i+2]])<<6 | uint32(b64val[src[i+3]])
		dst = append(dst, byte(v>>16), byte(v>>8), byte(v))
	}
	switch len(src) - i {
	case 2:
		v := uint32(b64val[src[i]])<<18 | uint32(b64val[src[i+1]])<<12
		dst = append(dst, byte(v>>16))
	case 3:
		v := uint32(b64val[src[i]])<<18 | uint32(b64val[src[i+1]])<<12 | uint32(b64val[src[i+2]])<<6
		dst = append(dst, byte(v>>16), byte(v>>8))
	}
	return dst
}

// isText reports whether b looks like the start of text: UTF-8 (a rune cut
// at the end is fine) without control characters other than whitespace.
func isText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return !utf8.FullRune(b[i:])
		}
		i += size
	}
	return true
}
