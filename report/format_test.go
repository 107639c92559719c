package report

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestFormats(t *testing.T) {
	got := Formats()
	if strings.Join(got, ",") != "text,json,jsonl,sarif,github,markdown" {
		t.Errorf("Formats() = %v", got)
	}
	got[0] = "changed"
	if Formats()[0] != FormatText {
		t.Error("Formats returns shared state")
	}
	for _, f := range Formats() {
		if err := Write(&bytes.Buffer{}, f, scanResult(), Options{}); err != nil {
			t.Errorf("Write(%q): %v", f, err)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, format := range []string{"xml", "JSON", "sarif ", "text,json"} {
		var buf bytes.Buffer
		err := Write(&buf, format, scanResult(), Options{})
		if err == nil {
			t.Fatalf("Write(%q) succeeded", format)
		}
		for _, want := range append(Formats(), format) {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not name %q", err, want)
			}
		}
		if buf.Len() != 0 {
			t.Errorf("Write(%q) wrote %q", format, buf.String())
		}
	}
}

func TestDefaultFormatIsText(t *testing.T) {
	var def, text bytes.Buffer
	if err := Write(&def, "", scanResult(), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&text, FormatText, scanResult(), Options{}); err != nil {
		t.Fatal(err)
	}
	if def.String() != text.String() {
		t.Error(`format "" differs from "text"`)
	}
}

func TestNilResult(t *testing.T) {
	want := map[string]string{
		FormatText:     "no Discord credentials found in 0 files (0 B, 0s)\n",
		FormatJSON:     "[]\n",
		FormatJSONL:    "",
		FormatGitHub:   "",
		FormatMarkdown: "## leakcord scan\n\nNo Discord credentials found in 0 files (0 B).\n",
	}
	for _, format := range Formats() {
		var buf bytes.Buffer
		if err := Write(&buf, format, nil, Options{}); err != nil {
			t.Fatal(err)
		}
		if format == FormatSARIF {
			log := decodeSARIF(t, buf.Bytes())
			if n := len(log.Runs[0].Results); n != 0 {
				t.Errorf("sarif of nil has %d results", n)
			}
			continue
		}
		if buf.String() != want[format] {
			t.Errorf("%s of nil = %q, want %q", format, buf.String(), want[format])
		}
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

func TestWriterError(t *testing.T) {
	sentinel := errors.New("disk full")
	for _, format := range Formats() {
		err := Write(failWriter{sentinel}, format, scanResult(), Options{})
		if !errors.Is(err, sentinel) {
			t.Errorf("%s: error %v does not wrap the writer's", format, err)
		}
	}
}

// TestUnencodableIdentity checks that a value encoding/json cannot encode
// is an error, not a partial report.
func TestUnencodableIdentity(t *testing.T) {
	for _, format := range []string{FormatJSON, FormatJSONL, FormatSARIF} {
		res := historyResult()
		res.Findings[1].Verification.Identity["bad"] = func() {}
		var buf bytes.Buffer
		if err := Write(&buf, format, res, Options{}); err == nil {
			t.Errorf("%s: no error for an unencodable identity", format)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: partial output: %q", format, buf.String())
		}
	}
}

// TestConcurrentWrite renders the same result from many goroutines (run
// with -race) and expects identical output from each.
func TestConcurrentWrite(t *testing.T) {
	res := allResult()
	want := make(map[string]string)
	for _, format := range Formats() {
		for _, c := range []bool{false, true} {
			var buf bytes.Buffer
			if err := Write(&buf, format, res, Options{Color: c}); err != nil {
				t.Fatal(err)
			}
			want[format+map[bool]string{false: "", true: "+color"}[c]] = buf.String()
		}
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			format := Formats()[i%len(Formats())]
			c := i%2 == 0
			var buf bytes.Buffer
			if err := Write(&buf, format, res, Options{Color: c}); err != nil {
				t.Error(err)
				return
			}
			if key := format + map[bool]string{false: "", true: "+color"}[c]; buf.String() != want[key] {
				t.Errorf("%s: output differs under concurrency", key)
			}
		})
	}
	wg.Wait()
}
