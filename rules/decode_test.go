package rules

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

func TestWithDecoding(t *testing.T) {
	m := NewMatcher(testNow)
	off := m.WithDecoding(false)
	if !m.Decoding() || off.Decoding() || !off.WithDecoding(true).Decoding() {
		t.Fatal("WithDecoding does not switch decoding, or changes its receiver")
	}
	text, planted := testtoken.ExpandPlanted(testtoken.New(9), "blob: {{b64:bot}}\n")
	if got := m.Find([]byte(text)); len(got) != 1 || got[0].Secret != planted[0].Secret {
		t.Errorf("decoding matcher found %+v", got)
	}
	if got := off.Find([]byte(text)); len(got) != 0 {
		t.Errorf("matcher without decoding found %+v", got)
	}
}

// TestHiddenSpans checks where a hidden secret is reported: its span covers
// the encoded text and nothing around it.
func TestHiddenSpans(t *testing.T) {
	tests := []struct {
		tmpl string
		// written returns the text the span must cover, from the planted
		// secret.
		written func(secret string) string
	}{
		{"x = '{{b64:bot}}';", func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }},
		{"x = '{{hex:bot}}';", func(s string) string { return testtoken.Transforms["hex"](s) }},
		{"x = '{{pct:bot}}';", func(s string) string { return testtoken.Transforms["pct"](s) }},
		{"x = '{{uesc:bot}}';", func(s string) string { return testtoken.Transforms["uesc"](s) }},
		{"x = '{{html:bot}}';", func(s string) string { return testtoken.Transforms["html"](s) }},
		{"x = '{{rev:bot}}';", func(s string) string { return testtoken.Transforms["rev"](s) }},
		// The token, not the URL's encoded prefix up to the host.
		{"u={{slash:webhook}}&x=1", func(s string) string { return strings.ReplaceAll(s, "/", `\/`) }},
	}
	for _, tt := range tests {
		text, planted := testtoken.ExpandPlanted(testtoken.New(3), tt.tmpl)
		got := NewMatcher(testNow).Find([]byte(text))
		if len(got) != 1 {
			t.Errorf("%s: %d candidates", tt.tmpl, len(got))
			continue
		}
		if span, want := text[got[0].Start:got[0].End], tt.written(planted[0].Secret); span != want {
			t.Errorf("%s: span %q, want %q", tt.tmpl, span, want)
		}
	}
	// Base64 of text around a secret: the span covers the characters that
	// encode the secret, at most two more on each side.
	text, planted := testtoken.ExpandPlanted(testtoken.New(4), "{{b64:json:bot}}")
	c := NewMatcher(testNow).Find([]byte(text))[0]
	raw, _ := base64.StdEncoding.DecodeString(text)
	k := bytes.Index(raw, []byte(planted[0].Secret))
	lo, hi := k*4/3, (k+len(planted[0].Secret))*4/3
	if c.Start < lo-2 || c.Start > lo+1 || c.End < hi || c.End > hi+3 {
		t.Errorf("base64 span [%d,%d), secret encoded around [%d,%d)", c.Start, c.End, lo, hi)
	}
	// A split secret: from its first to its last character.
	text, planted = testtoken.ExpandPlanted(testtoken.New(5), `t = "Bot {{bot@t[0:30]}}" + "{{@t[30:]}}" + "\n"`)
	c = NewMatcher(testNow).Find([]byte(text))[0]
	secret := planted[0].Secret
	if want := secret[:30] + `" + "` + secret[30:]; text[c.Start:c.End] != want || !slices.Equal(c.Encoding, []string{EncConcat}) {
		t.Errorf("concat span %q %q, want %q", text[c.Start:c.End], c.Encoding, want)
	}
}

// TestDecodingDepth checks that decoding stops after maxDepth encodings.
func TestDecodingDepth(t *testing.T) {
	m := NewMatcher(testNow)
	for tmpl, want := range map[string]int{
		"{{b64:bot}}":             1,
		"{{b64:b64:bot}}":         1,
		"{{b64:b64:b64:bot}}":     0,
		"{{uesc:b64:bot}}":        1,
		"{{pct:uesc:b64:bot}}":    0,
		"{{slash:slash:webhook}}": 1,
	} {
		text, _ := testtoken.Expand(testtoken.New(6), tmpl)
		if got := m.Find([]byte(text)); len(got) != want {
			t.Errorf("%s: %d candidates, want %d", tmpl, len(got), want)
		}
	}
}

// TestConcatLimits checks that a chain spans at most maxChainLines lines
// and that literals joined by different operators are different chains.
func TestConcatLimits(t *testing.T) {
	m := NewMatcher(testNow)
	for tmpl, want := range map[string]int{
		"t = (\"{{bot@t[0:10]}}\"\n\"{{@t[10:20]}}\"\n\"{{@t[20:45]}}\"\n\"{{@t[45:60]}}\"\n\"{{@t[60:]}}\")":                    1,
		"t = (\"{{bot@t[0:10]}}\"\n\"{{@t[10:20]}}\"\n\"{{@t[20:45]}}\"\n\"{{@t[45:60]}}\"\n\"{{@t[60:65]}}\"\n\"{{@t[65:]}}\")": 0,
		"t = (\"{{bot@t[0:40]}}\"\n\n\n\n\"{{@t[40:]}}\")":                                                                       1,
		"t = (\"{{bot@t[0:40]}}\"\n\n\n\n\n\"{{@t[40:]}}\")":                                                                     0,
		"f('x', '{{bot@t[0:40]}}' || '{{@t[40:]}}')":                                                                             1,
		"f('x', '{{bot@t[0:40]}}' + y + '{{@t[40:]}}')":                                                                          0,
		"t = '{{bot@t[0:40]}}' /* split */ + '{{@t[40:]}}'":                                                                      0,
		"t = '{{bot@t[0:40]}}' + '{{@t[40:]}}' + 'trailing text'":                                                                1,
		"t = 'prefix' + '{{bot@t[0:40]}}' + '{{@t[40:]}}'":                                                                       1,
		"t = '{{bot@t[0:40]}}' += '{{@t[40:]}}'":                                                                                 0,
	} {
		text, _ := testtoken.Expand(testtoken.New(7), tmpl)
		if got := m.Find([]byte(text)); len(got) != want {
			t.Errorf("%q: %d candidates, want %d", tmpl, len(got), want)
		}
	}
}

func TestJoint(t *testing.T) {
	tests := []struct {
		text  string // a closing quote, the joint, an opening quote
		kind  int
		lines int
		ok    bool
		text2 string // joint text that belongs to the string
	}{
		{`" + "`, jointPlus, 0, true, ""},
		{`"+"`, jointPlus, 0, true, ""},
		{"\"\n    + \"", jointPlus, 1, true, ""},
		{`' . '`, jointDot, 0, true, ""},
		{`" .. "`, jointDotDot, 0, true, ""},
		{`", "`, jointComma, 0, true, ""},
		{`" & "`, jointAmp, 0, true, ""},
		{`' || '`, jointPipes, 0, true, ""},
		{`" "`, jointBlank, 0, true, ""},
		{`""`, jointBlank, 0, true, ""},
		{"\" \\\n \"", jointBlank, 1, true, ""},
		{`" + f"`, jointPlus, 0, true, ""},
		{`" + @"`, jointPlus, 0, true, ""},
		{`'}{'`, jointInterp, 0, true, ""},
		{`"}${"`, jointInterp, 0, true, ""},
		{`'}.{'`, jointInterp, 0, true, "."},
		{`" + x + "`, 0, 0, false, ""},
		{`": "`, 0, 0, false, ""},
		{`" += "`, 0, 0, false, ""},
		{`"} {"`, 0, 0, false, ""},
		{`" + + "`, 0, 0, false, ""},
	}
	for _, tt := range tests {
		data := []byte(tt.text)
		kind, a, b, lines, ok := joint(data, 0, len(data)-1)
		if ok != tt.ok || ok && (kind != tt.kind || lines != tt.lines || string(data[a:b]) != tt.text2) {
			t.Errorf("joint(%q) = %d, %q, %d, %v; want %d, %q, %d, %v", tt.text, kind, data[a:b], lines, ok, tt.kind, tt.text2, tt.lines, tt.ok)
		}
	}
}

func TestUnescape(t *testing.T) {
	tests := []struct {
		in   string
		r    rune
		n    int
		kind uint8
	}{
		{`\u004d`, 'M', 6, escUnicode},
		{`\u004D rest`, 'M', 6, escUnicode},
		{`\ud83d\ude00`, 0x1f600, 12, escUnicode},
		{`\ud83d`, 0xd83d, 6, escUnicode},
		{`\x4d`, 'M', 4, escHex},
		{`\/`, '/', 2, escBackslash},
		{`\\`, '\\', 2, escBackslash},
		{`\n`, '\n', 2, escBackslash},
		{`\0`, 0, 2, escBackslash},
		{`\d`, 0, 0, 0},
		{`\u12`, 0, 0, 0},
		{`\`, 0, 0, 0},
		{`%4D`, 'M', 3, escPercent},
		{`%2f`, '/', 3, escPercent},
		{`%u004D`, 'M', 6, escPercent},
		{`%zz`, 0, 0, 0},
		{`&#77;`, 'M', 5, escEntity},
		{`&#x4d;`, 'M', 6, escEntity},
		{`&#X4D;`, 'M', 6, escEntity},
		{`&sol;`, '/', 5, escEntity},
		{`&period;`, '.', 8, escEntity},
		{`&amp;`, '&', 5, escEntity},
		{`&#77`, 0, 0, 0},
		{`&nosuch;`, 0, 0, 0},
		{`&#;`, 0, 0, 0},
		{`&#x;`, 0, 0, 0},
		{`&#99999999;`, 0, 0, 0},
		{`&`, 0, 0, 0},
	}
	for _, tt := range tests {
		r, n, kind := unescape([]byte(tt.in))
		if n != tt.n || n > 0 && (r != tt.r || kind != tt.kind) {
			t.Errorf("unescape(%q) = %q, %d, %d; want %q, %d, %d", tt.in, r, n, kind, tt.r, tt.n, tt.kind)
		}
	}
}

func TestIsText(t *testing.T) {
	for in, want := range map[string]bool{
		"":                      true,
		"plain ascii, text.\n":  true,
		"tab\tand\r\nbreaks\f":  true,
		"caf\xc3\xa9":           true,
		"cut rune \xe2\x82":     true,
		"bad \xff byte":         false,
		"nul \x00":              false,
		"bell \x07":             false,
		"del \x7f":              false,
		"\x89PNG\r\n\x1a\n\x00": false,
	} {
		if got := isText([]byte(in)); got != want {
			t.Errorf("isText(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestBase64Decode compares base64Decode with encoding/base64 on both
// alphabets, padded or not.
func TestBase64Decode(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		raw := make([]byte, r.IntN(40))
		for i := range raw {
			raw[i] = byte(r.UintN(256))
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			s := strings.TrimRight(enc.EncodeToString(raw), "=")
			if got := base64Decode(nil, []byte(s)); !bytes.Equal(got, raw) {
				t.Fatalf("base64Decode(%q) = %x, want %x", s, got, raw)
			}
		}
	}
}

// TestFrameBase64Span checks the byte-to-character mapping of base64.
func TestFrameBase64Span(t *testing.T) {
	raw := []byte("0123456789abcdefghij")
	enc := base64.StdEncoding.EncodeToString(raw)
	f := &frame{parent: &frame{}, mode: mapBase64, base: 10}
	for s := 0; s < len(raw); s++ {
		for e := s + 1; e <= len(raw); e++ {
			ps, pe := f.span(s, e)
			ps, pe = ps-10, pe-10
			// The characters must hold every bit of raw[s:e] and no
			// character that holds none of them.
			if ps != s*8/6 || pe != (e*8+5)/6 || pe > len(enc) {
				t.Fatalf("span(%d, %d) = [%d, %d), want [%d, %d)", s, e, ps, pe, s*8/6, (e*8+5)/6)
			}
		}
	}
}

// TestScanRegions compares the region scan with a plain loop: every run
// of region bytes at least minRegion long is walked.
func TestScanRegions(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("ab+/=.:\\%&#;  (,\n\"")
	for range 300 {
		data := make([]byte, r.IntN(2000))
		for i := range data {
			// Long runs of region bytes, broken now and then.
			if r.IntN(90) == 0 {
				data[i] = alphabet[12+r.IntN(len(alphabet)-12)]
			} else {
				data[i] = alphabet[r.IntN(12)]
			}
		}
		var want, got [][2]int
		for i := 0; i < len(data); {
			if !regionByte[data[i]] {
				i++
				continue
			}
			s := i
			for i < len(data) && regionByte[data[i]] {
				i++
			}
			if i-s >= minRegion {
				want = append(want, [2]int{s, i})
			}
		}
		scanRegions(data, func(s int) int {
			e := s
			for e < len(data) && regionByte[data[e]] {
				e++
			}
			if e-s >= minRegion {
				got = append(got, [2]int{s, e})
			}
			return e
		})
		if !slices.Equal(got, want) {
			t.Fatalf("scanRegions found %v, want %v in %q", got, want, data)
		}
	}
}

func TestSkipColourCode(t *testing.T) {
	tests := []struct {
		data string
		want int
	}{
		{"\x1b[32mMT", 3},
		{`\u001b[32mMT`, 3},
		{`\u001B[1;33mMT`, 3},
		{`\x1b[0mMT`, 2},
		{`\033[31mMT`, 3},
		{`\e[1mMT`, 2},
		{`[32mMT`, 0},
		{`x[32mMT`, 0},
		{`\u001b[32nMT`, 0},
		{`\u001b[1234mMT`, 0},
	}
	for _, tt := range tests {
		data := []byte(tt.data)
		s := strings.LastIndexAny(tt.data, "[;") + 1
		if got := skipEscapePrefix(data, s, len(data)); got != tt.want {
			t.Errorf("skipEscapePrefix(%q, %d) = %d, want %d", tt.data, s, got, tt.want)
		}
	}
}

// TestPlainEscapePrefixes checks the escapes before a plain token that the
// token rule skips: \x22 and terminal colours, as in a notebook's output.
func TestPlainEscapePrefixes(t *testing.T) {
	for _, tmpl := range []string{`"\x22{{bot}}\x22"`, `"\u001b[32m{{bot}}\u001b[0m"`, "\x1b[1;31m{{bot.legacy}}\x1b[0m"} {
		text, planted := testtoken.ExpandPlanted(testtoken.New(8), tmpl)
		var got []Candidate
		BotTokenRule{}.Find([]byte(text), testNow, func(c Candidate) { got = append(got, c) })
		if len(got) != 1 || got[0].Secret != planted[0].Secret {
			t.Errorf("%q: found %+v", tmpl, got)
		}
	}
}

// TestDecodeEscapesBytes checks that \xNN and %XX decode to bytes, so that
// escaped UTF-8 decodes to its characters.
func TestDecodeEscapesBytes(t *testing.T) {
	in := []byte(`caf\xc3\xa9 caf%C3%A9 caf\u00e9 caf&#233; ` + strings.Repeat(`\x41`, 40))
	_, out := decodeEscapes(&frame{}, in, 0, len(in))
	if want := "café café café café " + strings.Repeat("A", 40); string(out) != want {
		t.Errorf("decoded %q, want %q", out, want)
	}
}
