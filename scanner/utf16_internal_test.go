package scanner

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

func le16(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

func be16(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xfe, 0xff)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.BigEndian.AppendUint16(out, u)
	}
	return out
}

func TestDetectUTF16(t *testing.T) {
	text := "token = abc\r\nname = bot\n"
	tests := []struct {
		name     string
		data     []byte
		ok, be   bool
		bomBytes int
	}{
		{"le bom", le16(text, true), true, false, 2},
		{"be bom", be16(text, true), true, true, 2},
		{"le", le16(text, false), true, false, 0},
		{"be", be16(text, false), true, true, 0},
		{"le bom cjk", le16("令牌：秘密的值，不要提交", true), true, false, 2},
		{"cjk without bom", le16("令牌：秘密的值，不要提交", false), false, false, 0},
		{"ascii", []byte(text), false, false, 0},
		{"short", le16("ab", false), false, false, 0},
		{"utf-32", []byte{0xff, 0xfe, 0, 0, 'a', 0, 0, 0}, false, false, 0},
		{"zeros", make([]byte, 64), false, false, 0},
		{"le with NUL characters", le16("a\x00b\x00c\x00d\x00e\x00f", false), false, false, 0},
		{"control characters", le16(strings.Repeat("\x01\x02", 50), false), false, false, 0},
	}
	for _, tt := range tests {
		be, bom, ok := detectUTF16(tt.data)
		if ok != tt.ok || ok && (be != tt.be || bom != tt.bomBytes) {
			t.Errorf("%s: detectUTF16 = %v, %d, %v; want %v, %d, %v", tt.name, be, bom, ok, tt.be, tt.bomBytes, tt.ok)
		}
	}
}

func TestTranscodeUTF16(t *testing.T) {
	text := "a😀b\r\nc—d"
	for _, be := range []bool{false, true} {
		data := le16(text, true)
		if be {
			data = be16(text, true)
		}
		u := transcodeUTF16(data, be, 2)
		if string(u.text) != text {
			t.Errorf("be=%v: text %q, want %q", be, u.text, text)
		}
		// Offsets of a, b, c, the dash, d and the end in the text and the file.
		offs := []int{0, 5, 8, 9, len(text) - 1, len(text)}
		want := []int{2, 8, 14, 16, 18, 20}
		u.offsets(offs)
		for i := range offs {
			if offs[i] != want[i] {
				t.Errorf("be=%v: offsets %v, want %v", be, offs, want)
				break
			}
		}
	}
	// An unpaired surrogate and an odd last byte.
	u := transcodeUTF16([]byte{0x00, 0xd8, 'x', 0, 'y'}, false, 0)
	if string(u.text) != "\uFFFDx" {
		t.Errorf("text %q", u.text)
	}
}
