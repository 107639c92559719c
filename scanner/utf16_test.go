package scanner_test

import (
	"encoding/binary"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// The UTF-16 vectors are the templates of ../rules/testdata/hidden/utf16
// (UTF-8 there); the tests write each in three UTF-16 forms and compare
// the findings with those of the same text in UTF-8.

// utf16Vector is one expanded template.
type utf16Vector struct {
	name    string
	tp      bool
	text    string
	planted []testtoken.Planted
}

func loadUTF16Vectors(t *testing.T) []utf16Vector {
	t.Helper()
	var out []utf16Vector
	for _, class := range []string{"tp", "fp"} {
		dir := filepath.Join("..", "rules", "testdata", "hidden", "utf16", class)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			tmpl, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			h := fnv.New64a()
			h.Write([]byte(class + "/" + e.Name()))
			text, planted := testtoken.ExpandPlanted(testtoken.New(h.Sum64()), string(tmpl))
			out = append(out, utf16Vector{name: class + "/" + e.Name(), tp: class == "tp", text: text, planted: planted})
		}
	}
	if len(out) < 20 {
		t.Fatalf("%d UTF-16 vectors, want at least 10 tp and 10 fp", len(out))
	}
	return out
}

// encodeUTF16 writes text in UTF-16 with or without a byte-order mark.
func encodeUTF16(text string, bigEndian, bom bool) []byte {
	var order binary.AppendByteOrder = binary.LittleEndian
	if bigEndian {
		order = binary.BigEndian
	}
	var out []byte
	if bom {
		out = order.AppendUint16(out, 0xfeff)
	}
	for _, u := range utf16.Encode([]rune(text)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

var utf16Forms = []struct {
	name           string
	bigEndian, bom bool
	encoding       string
}{
	{"le-bom", false, true, scanner.EncUTF16LE},
	{"be-bom", true, true, scanner.EncUTF16BE},
	{"le", false, false, scanner.EncUTF16LE},
	{"be", true, false, scanner.EncUTF16BE},
}

func TestScanUTF16(t *testing.T) {
	vectors := loadUTF16Vectors(t)
	dir := t.TempDir()
	for _, v := range vectors {
		base := strings.NewReplacer("/", "_").Replace(v.name)
		if err := os.WriteFile(filepath.Join(dir, "utf8_"+base), []byte(v.text), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, form := range utf16Forms {
			data := encodeUTF16(v.text, form.bigEndian, form.bom)
			if err := os.WriteFile(filepath.Join(dir, form.name+"_"+base), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	res := scan(t, []string{dir}, scanner.Options{})
	byFile := map[string][]scanner.Finding{}
	for _, f := range res.Findings {
		byFile[f.File] = append(byFile[f.File], f)
	}
	for _, v := range vectors {
		base := strings.NewReplacer("/", "_").Replace(v.name)
		plain := byFile["utf8_"+base]
		if len(plain) != len(v.planted) {
			t.Errorf("%s: the UTF-8 text yields %d findings, want %d", v.name, len(plain), len(v.planted))
			continue
		}
		for _, form := range utf16Forms {
			file := form.name + "_" + base
			got := byFile[file]
			if len(got) != len(plain) {
				t.Errorf("%s: %d findings, want %d", file, len(got), len(plain))
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			for i, f := range got {
				p := plain[i]
				if f.Secret != p.Secret || f.RuleID != p.RuleID || f.Line != p.Line || f.Column != p.Column ||
					f.EndLine != p.EndLine || f.EndColumn != p.EndColumn {
					t.Errorf("%s: finding %s %d:%d-%d:%d, want %s %d:%d-%d:%d as in UTF-8", file,
						f.RuleID, f.Line, f.Column, f.EndLine, f.EndColumn, p.RuleID, p.Line, p.Column, p.EndLine, p.EndColumn)
				}
				if want := append([]string{form.encoding}, p.Encoding...); !slices.Equal(f.Encoding, want) {
					t.Errorf("%s: encoding %q, want %q", file, f.Encoding, want)
				}
				// The offset is the file's: the UTF-16 before it is the
				// UTF-8 text before the plain finding's offset.
				skip := 0
				if form.bom {
					skip = 2
				}
				if n := utf8Len(data[skip:f.Offset], form.bigEndian); n != p.Offset {
					t.Errorf("%s: offset %d holds %d bytes of text before it, want %d", file, f.Offset, n, p.Offset)
				}
			}
		}
	}
	if res.Stats.SkippedBinary != 0 {
		t.Errorf("%d files skipped as binary", res.Stats.SkippedBinary)
	}
}

// utf8Len returns how long the UTF-16 b is in UTF-8.
func utf8Len(b []byte, bigEndian bool) int {
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = binary.BigEndian.Uint16(b[2*i:])
		} else {
			units[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
	}
	n := 0
	for _, r := range utf16.Decode(units) {
		n += utf8.RuneLen(r)
	}
	return n
}

// TestScanUTF16NoDecode checks that without decoding UTF-16 files are
// binary, as before.
func TestScanUTF16NoDecode(t *testing.T) {
	dir := t.TempDir()
	text, _ := testtoken.Expand(testtoken.New(5), "token = {{bot}}\n")
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), encodeUTF16(text, false, true), 0o644); err != nil {
		t.Fatal(err)
	}
	res := scan(t, []string{dir}, scanner.Options{Matcher: matcher().WithDecoding(false)})
	if len(res.Findings) != 0 || res.Stats.SkippedBinary != 1 {
		t.Errorf("findings %d, skipped as binary %d; want 0 and 1", len(res.Findings), res.Stats.SkippedBinary)
	}
}

// TestScanBinaryWithNULsStaysBinary checks that binary files are not taken
// for UTF-16.
func TestScanBinaryWithNULsStaysBinary(t *testing.T) {
	dir := t.TempDir()
	blobs := map[string][]byte{
		"zeros.bin": make([]byte, 4096),
		"elf.bin":   append([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, make([]byte, 600)...),
		"utf32.txt": {0xff, 0xfe, 0, 0, 'a', 0, 0, 0, 'b', 0, 0, 0},
		"ctrl.bin":  encodeUTF16(strings.Repeat("\x01\x02\x03\x04", 300), false, false),
	}
	for name, b := range blobs {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := scan(t, []string{dir}, scanner.Options{})
	if res.Stats.SkippedBinary != len(blobs) {
		t.Errorf("skipped %d files as binary, want %d", res.Stats.SkippedBinary, len(blobs))
	}
}

// TestScanNotebookOutputLines checks that secrets in Jupyter notebook
// outputs (the notebook vectors of package rules, escaped or encoded or
// not) are reported on the line of the notebook that holds them.
func TestScanNotebookOutputLines(t *testing.T) {
	dir := filepath.Join("..", "rules", "testdata", "hidden", "notebook", "tp")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	wantLine := map[string]int{}
	for _, e := range entries {
		tmpl, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		k := strings.Index(string(tmpl), "{{")
		if k < 0 || strings.Count(string(tmpl), "{{") != 1 {
			t.Fatalf("%s: want one placeholder", e.Name())
		}
		wantLine[e.Name()] = 1 + strings.Count(string(tmpl[:k]), "\n")
		text, _ := testtoken.Expand(testtoken.New(uint64(len(e.Name()))), string(tmpl))
		if err := os.WriteFile(filepath.Join(out, e.Name()), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := scan(t, []string{out}, scanner.Options{})
	got := map[string]int{}
	for _, f := range res.Findings {
		got[f.File]++
		if f.Line != wantLine[f.File] || f.EndLine != f.Line {
			t.Errorf("%s: finding on lines %d-%d, want line %d", f.File, f.Line, f.EndLine, wantLine[f.File])
		}
	}
	for name := range wantLine {
		if got[name] != 1 {
			t.Errorf("%s: %d findings, want 1", name, got[name])
		}
	}
}
