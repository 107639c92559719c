package rules

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Fuzz tests, seeded from the vector files. Run one with, for example,
// go test -run x -fuzz FuzzMatcher -fuzztime 1m ./rules

// FuzzMatcher checks what must hold for any input: no panic, spans inside
// the input, Secret == input[Start:End] for a plain candidate, results
// sorted, each rule's spans in increasing order and disjoint, and every
// secret found again when its rule runs on the secret alone (for a client
// secret, which needs context, on the secret in a minimal Discord
// assignment).
//
// Hidden candidates (Encoding set) carry the decoded secret, which need not
// be the text of their span; they too must be found again alone.
func FuzzMatcher(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(v.data)
		f.Add(v.tmpl)
	}
	for _, v := range loadHiddenVectors(f) {
		f.Add(v.data)
	}
	m := NewMatcher(testNow)
	f.Fuzz(func(t *testing.T, data []byte) {
		cands := m.Find(data)
		for i, c := range cands {
			checkHidden(t, data, c)
			if i > 0 {
				p := cands[i-1]
				if c.Start < p.Start || c.Start == p.Start && (c.End < p.End || c.End == p.End && c.RuleID < p.RuleID) {
					t.Errorf("candidates %d and %d out of order: %+v, %+v", i-1, i, p, c)
				}
			}
			checkRematch(t, c)
		}
		for _, r := range All() {
			end := 0
			r.Find(data, testNow, func(c Candidate) {
				if c.Start < end {
					t.Errorf("%s: span [%d,%d) starts before the previous one ends (%d)", c.RuleID, c.Start, c.End, end)
				}
				end = c.End
			})
		}
	})
}

// checkRematch runs c's rule on c's secret alone and expects it back.
func checkRematch(t *testing.T, c Candidate) {
	t.Helper()
	r, ok := Lookup(c.RuleID)
	if !ok {
		t.Fatalf("unknown rule %q", c.RuleID)
	}
	prefix := ""
	if c.RuleID == IDClientSecret {
		prefix = "discord client_secret = "
	}
	input := []byte(prefix + c.Secret)
	var again []Candidate
	r.Find(input, testNow, func(c Candidate) { again = append(again, c) })
	if len(again) != 1 || again[0].Secret != c.Secret || again[0].Start != len(prefix) {
		t.Errorf("%s: %q alone yields %+v", c.RuleID, c.Secret, again)
		return
	}
	if a, b := c.Token, again[0].Token; (a == nil) != (b == nil) || a != nil && *a != *b {
		t.Errorf("%s: %q alone decodes to %+v, in context to %+v", c.RuleID, c.Secret, b, a)
	}
}

// decoderSeeds returns the token segments and snowflakes of the vectors.
func decoderSeeds(tb testing.TB) (seg1s, seg2s [][]byte, ids []string) {
	for _, v := range loadVectors(tb) {
		for _, secret := range v.planted[IDBotToken] {
			parts := strings.Split(secret, ".")
			seg1s = append(seg1s, []byte(parts[0]))
			seg2s = append(seg2s, []byte(parts[1]))
		}
		for _, url := range v.planted[IDWebhookURL] {
			parts := strings.Split(url, "/")
			ids = append(ids, parts[len(parts)-2])
		}
	}
	return seg1s, seg2s, ids
}

func FuzzDecodeTokenID(f *testing.F) {
	seg1s, _, _ := decoderSeeds(f)
	for _, s := range seg1s {
		f.Add(s)
	}
	f.Add([]byte("MTk4NjIyNDgzNDcxOTI1MjQ4"))
	f.Add(b64("10000000000000000000"))
	f.Fuzz(func(t *testing.T, seg1 []byte) {
		uid, id, ok := DecodeTokenID(seg1, testNow)
		if !ok {
			if uid != "" || id != 0 {
				t.Errorf("rejected %q but returned %q, %d", seg1, uid, id)
			}
			return
		}
		if !validSeg1Len(len(seg1)) || len(uid) < 17 || len(uid) > 20 || uid[0] == '0' || strconv.FormatUint(id, 10) != uid {
			t.Errorf("DecodeTokenID(%q) = %q, %d", seg1, uid, id)
		}
		if ts := SnowflakeTime(id); ts.Before(DiscordEpoch) || ts.After(testNow.Add(24*time.Hour)) {
			t.Errorf("DecodeTokenID(%q): implausible time %v", seg1, ts)
		}
		canon := b64(uid)
		if again, _, ok := DecodeTokenID(canon, testNow); !ok || again != uid {
			t.Errorf("re-encoded %q decodes to %q, %v", canon, again, ok)
		}
	})
}

func FuzzDecodeLegacyIssuedAt(f *testing.F) {
	_, seg2s, _ := decoderSeeds(f)
	created := testNow.AddDate(-5, 0, 0).UnixMilli()
	for _, s := range seg2s {
		f.Add(s, created)
	}
	f.Add([]byte("Cl2FMQ"), SnowflakeTime(198622483471925248).UnixMilli())
	f.Fuzz(func(t *testing.T, seg2 []byte, createdMs int64) {
		created := time.UnixMilli(createdMs).UTC()
		got, ok := DecodeLegacyIssuedAt(seg2, created, testNow)
		if !ok {
			if !got.IsZero() {
				t.Errorf("rejected %q but returned %v", seg2, got)
			}
			return
		}
		if len(seg2) != 6 || got.Before(created.Add(-24*time.Hour)) || got.After(testNow.Add(24*time.Hour)) {
			t.Errorf("DecodeLegacyIssuedAt(%q, %v) = %v", seg2, created, got)
		}
		raw, err := base64.RawURLEncoding.DecodeString(string(seg2))
		if err != nil || len(raw) != 4 {
			t.Fatalf("accepted %q, which does not decode to 4 bytes", seg2)
		}
		v := int64(raw[0])<<24 | int64(raw[1])<<16 | int64(raw[2])<<8 | int64(raw[3])
		if s := got.Unix(); s != v && s != v+tokenEpoch2011 {
			t.Errorf("DecodeLegacyIssuedAt(%q) = %v, neither reading of %d", seg2, got, v)
		}
	})
}

func FuzzParseSnowflake(f *testing.F) {
	_, _, ids := decoderSeeds(f)
	for _, id := range ids {
		f.Add(id)
	}
	f.Add("99999999999999999999")
	f.Add("0123456789012345678")
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := ParseSnowflake(s, testNow)
		if !ok {
			return
		}
		if strconv.FormatUint(id, 10) != s {
			t.Errorf("ParseSnowflake(%q) = %d", s, id)
		}
		if ts := SnowflakeTime(id); ts.Before(DiscordEpoch) || ts.After(testNow.Add(24*time.Hour)) {
			t.Errorf("ParseSnowflake(%q): implausible time %v", s, ts)
		}
	})
}

// FuzzIndexPair compares the SWAR prefilter with the naive loop.
func FuzzIndexPair(f *testing.F) {
	f.Add([]byte("a.bcdefg.h mfa. clientSecret"), 0, uint8(7))
	f.Fuzz(func(t *testing.T, data []byte, from int, dist uint8) {
		d := int(dist % 16)
		for _, p := range []struct {
			a, b byte
			fold bool
		}{{'.', '.', false}, {'m', '.', false}, {'s', 't', true}} {
			if got, want := indexPair(data, from, d, p.a, p.b, p.fold), naivePair(data, from, d, p.a, p.b, p.fold); got != want {
				t.Errorf("indexPair(%q, %d, %d, %q, %q) = %d, want %d", data, from, d, p.a, p.b, got, want)
			}
		}
	})
}

// FuzzDecodeEscapes checks the escape decoder's map: every decoded byte
// comes from a span of the input, spans do not go backwards, and a byte
// copied as is is the input's byte.
func FuzzDecodeEscapes(f *testing.F) {
	for _, s := range []string{`\u004d\x54%41&#52;&sol;\/\\n`, `https:\/\/discord.com\/api`, `%u004D%2f&#x4d;&amp;`, `\ud83d\ude00\ud83d`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, out := decodeEscapes(&frame{}, data, 0, len(data))
		if g == nil {
			return
		}
		prev := 0
		for k := range out {
			s, e := g.span(k, k+1)
			if s < prev || s >= e || e > len(data) {
				t.Fatalf("byte %d of %q maps to [%d,%d) after %d", k, out, s, e, prev)
			}
			prev = s
			if seg := g.segs[g.segment(k)]; seg.kind == 0 && out[k] != data[s] {
				t.Fatalf("copied byte %d is %q, input has %q", k, out[k], data[s])
			}
		}
	})
}

// FuzzBase64Decode checks the base64 decoder of the decoding passes
// against encoding/base64: any bytes, both alphabets, any length; the
// input is kept to the characters of the alphabets, as the scanner hands
// it only runs of them.
func FuzzBase64Decode(f *testing.F) {
	for _, s := range []string{"", "TQ", "TWE", "TWFu", "TWFuIGlzIGRpc3Rpbmd1aXNoZWQ", "-_-_", "+/+/", "a"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_"
		src := make([]byte, len(raw))
		for i, c := range raw {
			src[i] = alphabet[int(c)%len(alphabet)]
		}
		got := base64Decode(nil, src)
		// The reference: the URL alphabet, the last single character
		// dropped, no padding, non-canonical trailing bits allowed.
		norm := strings.NewReplacer("+", "-", "/", "_").Replace(string(src))
		if len(norm)%4 == 1 {
			norm = norm[:len(norm)-1]
		}
		want, err := base64.RawURLEncoding.Strict().DecodeString(norm)
		if err != nil {
			// Strict rejects non-zero trailing bits; the decoder keeps the
			// whole bytes, which are the same as the lenient decoding's.
			want, err = base64.RawURLEncoding.DecodeString(norm)
			if err != nil {
				t.Fatalf("reference decoder: %v", err)
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("base64Decode(%q) = %x, want %x", src, got, want)
		}
	})
}
