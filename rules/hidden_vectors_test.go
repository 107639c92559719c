package rules

import (
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// Hidden-secret vectors live in testdata/hidden/<form>/tp and fp, one case
// per file, like the rules' vectors: templates whose credentials are
// generated at test time, here mostly encoded by transforms such as
// {{b64:bot}} or split with labels such as {{bot@t[0:20]}} (see
// testtoken.ExpandPlanted). In a tp file, a matcher finds each planted
// secret once, with the encoding its transforms (or, for split and
// notebook files, the folder) say, and finds nothing without decoding; in
// an fp file it finds nothing. The utf16 folder is read by the scanner's
// tests, which write the files in UTF-16.

// minHiddenVectors is the least number of files each folder must hold.
const minHiddenVectors = 10

// hiddenForms are the folders of testdata/hidden and the encoding their
// secrets report when no transform says (nil: any, including none).
var hiddenForms = map[string][]string{
	"base64":   nil,
	"hex":      nil,
	"percent":  nil,
	"escape":   nil,
	"html":     nil,
	"nested":   nil,
	"concat":   {EncConcat},
	"reverse":  nil,
	"notebook": nil,
	"utf16":    nil,
}

type hiddenVector struct {
	path, form string
	tp         bool
	tmpl       []byte
	data       []byte
	planted    []testtoken.Planted
}

func loadHiddenVectors(tb testing.TB) []hiddenVector {
	tb.Helper()
	var out []hiddenVector
	for _, form := range slices.Sorted(func(yield func(string) bool) {
		for k := range hiddenForms {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, class := range []string{"tp", "fp"} {
			dir := filepath.Join("testdata", "hidden", form, class)
			entries, err := os.ReadDir(dir)
			if err != nil {
				tb.Fatal(err)
			}
			for _, e := range entries {
				p := filepath.ToSlash(filepath.Join(dir, e.Name()))
				tmpl, err := os.ReadFile(p)
				if err != nil {
					tb.Fatal(err)
				}
				h := fnv.New64a()
				h.Write([]byte(p))
				text, planted := testtoken.ExpandPlanted(testtoken.New(h.Sum64()), string(tmpl))
				out = append(out, hiddenVector{path: p, form: form, tp: class == "tp", tmpl: tmpl, data: []byte(text), planted: planted})
			}
		}
	}
	return out
}

func TestHiddenVectorCounts(t *testing.T) {
	counts := map[string]int{}
	for _, v := range loadHiddenVectors(t) {
		counts[filepath.Dir(v.path)]++
	}
	for form := range hiddenForms {
		for _, class := range []string{"tp", "fp"} {
			dir := filepath.ToSlash(filepath.Join("testdata", "hidden", form, class))
			if n := counts[dir]; n < minHiddenVectors {
				t.Errorf("%s holds %d vector files, want at least %d", dir, n, minHiddenVectors)
			}
		}
	}
}

// wantEncoding returns the encoding a planted secret must report, or nil
// when any will do.
func wantEncoding(form string, p testtoken.Planted) []string {
	var enc []string
	for _, tr := range p.Transforms {
		if e := testtoken.EncodingOf(tr); e != "" {
			enc = append(enc, e)
		}
	}
	if len(enc) == 0 {
		return hiddenForms[form]
	}
	return enc
}

// sameEncoding compares encodings, taking base64url for base64: a URL-safe
// encoding without - or _ is standard base64 too.
func sameEncoding(got, want []string) bool {
	norm := func(s []string) []string {
		out := slices.Clone(s)
		for i, e := range out {
			if e == EncBase64URL {
				out[i] = EncBase64
			}
		}
		return out
	}
	return slices.Equal(norm(got), norm(want))
}

func TestHiddenVectors(t *testing.T) {
	now := time.Now()
	on, off := NewMatcher(now), NewMatcher(now).WithDecoding(false)
	for _, v := range loadHiddenVectors(t) {
		if v.form == "utf16" {
			continue // the scanner's tests
		}
		t.Run(strings.TrimPrefix(v.path, "testdata/hidden/"), func(t *testing.T) {
			if v.tp != (len(v.planted) > 0) {
				t.Fatalf("a %s file plants %d secrets", map[bool]string{true: "tp", false: "fp"}[v.tp], len(v.planted))
			}
			got := on.Find(v.data)
			for _, c := range got {
				checkHidden(t, v.data, c)
			}
			for _, p := range v.planted {
				var hits []Candidate
				for _, c := range got {
					if c.Secret == p.Secret {
						hits = append(hits, c)
					}
				}
				if len(hits) != 1 {
					t.Errorf("%s found %d times, want once (all: %+v)", p.Kind, len(hits), got)
					continue
				}
				if want := wantEncoding(v.form, p); want != nil && !sameEncoding(hits[0].Encoding, want) {
					t.Errorf("%s: encoding %q, want %q", p.Kind, hits[0].Encoding, want)
				}
			}
			for _, c := range got {
				if !slices.ContainsFunc(v.planted, func(p testtoken.Planted) bool { return p.Secret == c.Secret }) {
					t.Errorf("found %s %q (encoding %q) at [%d,%d), which is not planted", c.RuleID, c.Secret, c.Encoding, c.Start, c.End)
				}
			}
			if v.form == "notebook" {
				return // notebook outputs may hold plain secrets
			}
			for _, c := range off.Find(v.data) {
				t.Errorf("without decoding, found %s %q: the vector does not hide it", c.RuleID, c.Secret)
			}
		})
	}
}

// checkHidden checks what a candidate of a matcher must satisfy: its span
// lies in the input; a plain candidate's secret is the span's text; a hidden
// one names known encodings.
func checkHidden(t testing.TB, data []byte, c Candidate) {
	t.Helper()
	if c.Start < 0 || c.End > len(data) || c.Start >= c.End {
		t.Fatalf("%s: span [%d,%d) outside input of %d bytes", c.RuleID, c.Start, c.End, len(data))
	}
	if len(c.Encoding) == 0 {
		if c.Secret != string(data[c.Start:c.End]) {
			t.Errorf("%s: plain Secret %q != data[%d:%d] %q", c.RuleID, c.Secret, c.Start, c.End, data[c.Start:c.End])
		}
		return
	}
	for _, e := range c.Encoding {
		if !slices.Contains(allEncodings, e) {
			t.Errorf("%s: unknown encoding %q", c.RuleID, e)
		}
	}
	if len(c.Encoding) > maxDepth && !slices.Contains(c.Encoding, EncConcat) && !slices.Contains(c.Encoding, EncReverse) {
		t.Errorf("%s: %d encodings, more than the depth %d", c.RuleID, len(c.Encoding), maxDepth)
	}
}

var allEncodings = []string{EncBase64, EncBase64URL, EncHex, EncPercent, EncUnicodeEscape, EncHexEscape,
	EncBackslash, EncHTMLEntity, EncConcat, EncReverse}

// TestHiddenVectorsHoldNoLiterals checks that the stored templates hold
// nothing a decoding matcher reports, encoded or not.
func TestHiddenVectorsHoldNoLiterals(t *testing.T) {
	m := NewMatcher(time.Now())
	for _, v := range loadHiddenVectors(t) {
		for _, c := range m.Find(v.tmpl) {
			t.Errorf("%s: stored file holds a %s (encoding %q) at byte %d", v.path, c.RuleID, c.Encoding, c.Start)
		}
	}
}

// TestVectorsDecoded runs a decoding matcher over the rules' vectors: it
// must find exactly what the plain rules find there, so that decoding adds
// no false positive and no duplicate.
func TestVectorsDecoded(t *testing.T) {
	m := NewMatcher(time.Now())
	for _, v := range loadVectors(t) {
		var want, got []string
		for _, secrets := range v.planted {
			want = append(want, secrets...)
		}
		for _, c := range m.Find(v.data) {
			checkHidden(t, v.data, c)
			got = append(got, c.Secret)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: decoding matcher found %q, want %q", v.path, got, want)
		}
	}
}
