package scanner

import (
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/leakcord/leakcord/rules"
)

// UTF-16 text. Windows tools (PowerShell's Out-File and ">" before version
// 6, regedit exports, some .NET and Visual Studio files) write UTF-16, whose
// ASCII characters carry a NUL byte each, so the binary gate would skip
// them. A file that starts with a UTF-16 byte-order mark, or whose first
// bytes have a NUL in every other position and printable characters in the
// others, is transcoded to UTF-8 and matched as text. Lines are the same in
// both (line breaks map one to one), so a finding's line and column are
// those of the text as an editor shows it (columns count UTF-8 bytes of the
// line); its Offset is the byte offset in the file, and its Encoding starts
// with "utf-16le" or "utf-16be".

// Encodings of UTF-16 files, the first element of [Finding.Encoding].
const (
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
)

// utf16Sniff is how much of a file decides whether it is UTF-16 without a
// byte-order mark.
const utf16Sniff = 1024

// detectUTF16 reports whether data is UTF-16 text, in which byte order, and
// how long its byte-order mark is.
func detectUTF16(data []byte) (bigEndian bool, bom int, ok bool) {
	switch {
	case len(data) >= 4 && data[0] == 0xff && data[1] == 0xfe && data[2] == 0 && data[3] == 0:
		return false, 0, false // UTF-32LE
	case len(data) >= 2 && data[0] == 0xff && data[1] == 0xfe:
		return false, 2, plausibleUTF16(data[2:], false)
	case len(data) >= 2 && data[0] == 0xfe && data[1] == 0xff:
		return true, 2, plausibleUTF16(data[2:], true)
	}
	// No mark: mostly ASCII text has a NUL in every high byte.
	n := min(len(data), utf16Sniff) &^ 1
	if n < 8 {
		return false, 0, false
	}
	var zeros [2]int
	for i := 0; i < n; i++ {
		if data[i] == 0 {
			zeros[i&1]++
		}
	}
	pairs := n / 2
	switch {
	case zeros[1]*10 >= pairs*9 && zeros[0]*20 <= pairs:
		return false, 0, plausibleUTF16(data, false)
	case zeros[0]*10 >= pairs*9 && zeros[1]*20 <= pairs:
		return true, 0, plausibleUTF16(data, true)
	}
	return false, 0, false
}

// plausibleUTF16 reports whether the start of data reads as text in UTF-16:
// few control characters other than whitespace and no NUL characters.
func plausibleUTF16(data []byte, bigEndian bool) bool {
	n := min(len(data), utf16Sniff) &^ 1
	bad := 0
	for i := 0; i < n; i += 2 {
		u := unit(data[i:], bigEndian)
		if u == 0 {
			return false
		}
		if u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' {
			bad++
		}
	}
	return bad*50 <= n/2
}

func unit(b []byte, bigEndian bool) uint16 {
	if bigEndian {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

// utf16Text is a UTF-16 file transcoded to UTF-8.
type utf16Text struct {
	text      []byte // the UTF-8 text
	orig      []byte // the file
	bigEndian bool
	bom       int
}

// transcodeUTF16 decodes data, UTF-16 in the given byte order after a
// byte-order mark of bom bytes. Unpaired surrogates become U+FFFD; an odd
// last byte is dropped.
func transcodeUTF16(data []byte, bigEndian bool, bom int) *utf16Text {
	t := &utf16Text{orig: data, bigEndian: bigEndian, bom: bom}
	t.text = make([]byte, 0, len(data)/2+16)
	for i := bom; i+1 < len(data); {
		r, n := t.runeAt(i)
		t.text = utf8.AppendRune(t.text, r)
		i += n
	}
	return t
}

// runeAt decodes the character at byte i of the file and returns it and
// its length in bytes (2 or 4).
func (t *utf16Text) runeAt(i int) (rune, int) {
	u := unit(t.orig[i:], t.bigEndian)
	if utf16.IsSurrogate(rune(u)) && i+3 < len(t.orig) {
		if r := utf16.DecodeRune(rune(u), rune(unit(t.orig[i+2:], t.bigEndian))); r != utf8.RuneError {
			return r, 4
		}
	}
	if utf16.IsSurrogate(rune(u)) {
		return utf8.RuneError, 2
	}
	return rune(u), 2
}

// offsets maps ascending offsets of the UTF-8 text (offs, modified in
// place) to offsets in the file.
func (t *utf16Text) offsets(offs []int) {
	i, o := t.bom, 0 // file offset, text offset of the same character
	for k, want := range offs {
		for o < want && i+1 < len(t.orig) {
			r, n := t.runeAt(i)
			i += n
			o += utf8.RuneLen(r)
		}
		offs[k] = i
	}
}

func (t *utf16Text) encoding() string {
	if t.bigEndian {
		return EncUTF16BE
	}
	return EncUTF16LE
}

// asUTF16 returns data, which has NUL bytes, transcoded to UTF-8 when it
// is UTF-16 text and m decodes, else nil (binary).
func asUTF16(m *rules.Matcher, data []byte) *utf16Text {
	if !m.Decoding() {
		return nil
	}
	be, bom, ok := detectUTF16(data)
	if !ok {
		return nil
	}
	return transcodeUTF16(data, be, bom)
}

// matchContent finds the secrets of a file's content data: of its text
// transcoded when it is UTF-16 (u16 not nil), else of data itself.
func matchContent(m *rules.Matcher, file string, data []byte, u16 *utf16Text) []Finding {
	if u16 != nil {
		return matchUTF16(m, file, u16)
	}
	return assemble(file, data, m.Find(data))
}

// matchUTF16 finds the secrets of a UTF-16 file: it matches the text and
// maps the findings' offsets to the file.
func matchUTF16(m *rules.Matcher, file string, t *utf16Text) []Finding {
	return t.toFile(assemble(file, t.text, m.Find(t.text)))
}

// toFile maps findings of the transcoded text, in the order of their
// offsets, to the file: their offsets, and the encoding first in
// Encoding.
func (t *utf16Text) toFile(found []Finding) []Finding {
	offs := make([]int, len(found))
	for i, f := range found {
		offs[i] = f.Offset
	}
	// assemble reports findings in the order of their offsets.
	t.offsets(offs)
	for i := range found {
		found[i].Offset = offs[i]
		found[i].Encoding = append([]string{t.encoding()}, found[i].Encoding...)
	}
	return found
}
