package scanner_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// Hostile and odd working-tree input: every case finishes, counts what it
// skipped and still reports the secrets planted around it. See
// docs/reliability.md for the list of cases and where each is tested.

// TestSparseHugeFileNeverRead: a 2 GiB (sparse) file is skipped by its size
// and counted without being read; the file beside it is still scanned.
func TestSparseHugeFileNeverRead(t *testing.T) {
	root := t.TempDir()
	f, err := os.Create(filepath.Join(root, "huge.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(2 << 30); err != nil {
		f.Close()
		t.Skipf("cannot make a 2 GiB sparse file: %v", err)
	}
	f.Close()
	plant(t, testtoken.New(40), root, "small.txt")
	start := time.Now()
	res := scanWithin(t, 20*time.Second, []string{root}, scanner.Options{})
	if got, want := findingFiles(res), []string{"small.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	if res.Stats.SkippedLarge != 1 || res.Stats.Files != 1 || res.Stats.Bytes > 1<<10 {
		t.Errorf("Stats = %+v, want SkippedLarge 1, Files 1 and under 1 KiB read", res.Stats)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("scan took %v: the skipped file was read?", d)
	}
}

// TestManySmallFiles scans 100,000 small files and finds the tokens planted
// in every thousandth.
func TestManySmallFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 files; skipped with -short")
	}
	root := t.TempDir()
	r := testtoken.New(41)
	var want []string
	for i := range 100_000 {
		rel := fmt.Sprintf("d%02d/f%05d.txt", i/2000, i)
		if i%1000 == 0 {
			plant(t, r, root, rel)
			want = append(want, rel)
			continue
		}
		if i%2000 == 0 || i%2000 == 1 {
			writeFile(t, root, rel, "x\n")
			continue
		}
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := scanWithin(t, 60*time.Second, []string{root}, scanner.Options{Jobs: 8})
	if got := findingFiles(res); !slices.Equal(got, want) {
		t.Errorf("%d files with findings, want %d", len(got), len(want))
	}
	if res.Stats.Files != 100_000 || res.Stats.Errors != 0 {
		t.Errorf("Stats = %+v, want 100000 files, no errors", res.Stats)
	}
}

// TestDeeplyNestedFolders: folders nested 1,000 deep are walked to the bottom.
func TestDeeplyNestedFolders(t *testing.T) {
	root := t.TempDir()
	rel := strings.Repeat("d/", 1000) + "deep.txt"
	plant(t, testtoken.New(42), root, "top.txt")
	plant(t, testtoken.New(43), root, rel)
	res := scanWithin(t, 20*time.Second, []string{root}, scanner.Options{})
	if got, want := findingFiles(res), []string{rel, "top.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %d files, want %q and top.txt", len(got), "d/…/deep.txt")
	}
}

// TestOddFileNames: names with a newline, invalid UTF-8, a leading dash or
// spaces are reported exactly as they are on disk.
func TestOddFileNames(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(44)
	names := []string{"new\nline.txt", "bad\xff\xfe.txt", "-dash.py", "--double", " spaced .txt", "tab\there", "ctl\x1b[31m.txt"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(root, n), []byte("t = "+testtoken.BotToken(r)+"\n"), 0o644); err != nil {
			t.Skipf("file system refuses the name %q: %v", n, err)
		}
	}
	res := scan(t, []string{root}, scanner.Options{})
	want := slices.Sorted(slices.Values(names))
	if got := findingFiles(res); !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	// Each given as a root of its own (the CLI passes them after "--").
	for _, n := range names {
		res := scan(t, []string{filepath.Join(root, n)}, scanner.Options{})
		if len(res.Findings) != 1 {
			t.Errorf("%q as a root: %d findings, want 1", n, len(res.Findings))
		}
	}
}

// TestOddBytesAndLineEndings: invalid UTF-8, NUL bytes past the binary
// sniff, CRLF, lone CR and a token on a last line without a newline; the
// positions count "\n", "\r\n" and a lone "\r" as line ends.
func TestOddBytesAndLineEndings(t *testing.T) {
	r := testtoken.New(45)
	tok := func() string { return testtoken.BotToken(r) }
	late := strings.Repeat("a", 9<<10)
	cases := []struct {
		name, data string
		line, col  int
	}{
		{"lf", "a\nb\nx=" + tok() + "\n", 3, 3},
		{"crlf", "a\r\nb\r\nx=" + tok() + "\r\n", 3, 3},
		{"lone-cr", "a\rb\rx=" + tok() + "\r", 3, 3},
		{"mixed", "a\r\n\rb\n\n\rx=" + tok(), 6, 3},
		{"no-final-newline", "a\nb\n" + tok(), 3, 1},
		{"only-token", tok(), 1, 1},
		{"invalid-utf8", "\xff\xfe\xc3(\n\x80x=" + tok() + "\xff\n", 2, 4},
		{"nul-after-sniff", late + "\x00\x00\nx=" + tok() + "\x00", 2, 3},
		{"cr-before-token", "\r" + tok(), 2, 1},
	}
	root := t.TempDir()
	for _, c := range cases {
		writeFile(t, root, c.name, c.data)
	}
	res := scan(t, []string{root}, scanner.Options{})
	got := make(map[string][2]int)
	for _, f := range res.Findings {
		got[f.File] = [2]int{f.Line, f.Column}
	}
	for _, c := range cases {
		if p, ok := got[c.name]; !ok || p != [2]int{c.line, c.col} {
			t.Errorf("%s: found %v at %v, want L%d:C%d", c.name, ok, p, c.line, c.col)
		}
	}
}

// chunkReader returns at most n bytes per Read, like a pipe.
type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// TestTokensAcrossBufferBoundaries plants tokens across every power-of-two
// offset from 512 bytes to 1 MiB (any internal read or sniff buffer) and
// finds each, in a file and on stdin read in odd-sized chunks.
func TestTokensAcrossBufferBoundaries(t *testing.T) {
	r := testtoken.New(46)
	var buf bytes.Buffer
	var planted []string
	for b := 512; b <= 1<<20; b *= 2 {
		tok := testtoken.BotToken(r)
		pad := b - len(tok)/2 - buf.Len() - 1
		buf.WriteString(strings.Repeat("z", pad))
		buf.WriteString(" " + tok + " ")
		planted = append(planted, tok)
	}
	data := buf.Bytes()
	check := func(name string, res *scanner.Result) {
		t.Helper()
		var found []string
		for _, f := range res.Findings {
			found = append(found, f.Secret)
		}
		for _, p := range planted {
			if !slices.Contains(found, p) {
				t.Errorf("%s: a token across an internal boundary was missed (%d of %d found)", name, len(found), len(planted))
				return
			}
		}
	}
	root := t.TempDir()
	writeFile(t, root, "long.txt", string(data))
	check("file", scan(t, []string{root}, scanner.Options{}))
	for _, n := range []int{1, 511, 4093, 65537} {
		check(fmt.Sprintf("stdin in %d-byte reads", n),
			scan(t, []string{"-"}, scanner.Options{Stdin: &chunkReader{bytes.NewReader(data), n}}))
	}
}

// TestFilesVanishOrGrowDuringScan: a file removed between the walk and the
// read is a warning (counted), one that grows is read as it is then, and
// the rest of the scan goes on.
func TestFilesVanishOrGrowDuringScan(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(47)
	plant(t, r, root, "a.txt")
	plant(t, r, root, "gone.txt")
	plant(t, r, root, "grows.txt")
	plant(t, r, root, "z.txt")
	extra := testtoken.BotToken(r)
	var mu sync.Mutex
	var warnings []error
	opts := scanner.Options{
		Jobs: 1,
		// Exclude runs during the walk, before the file is read.
		Exclude: func(rel string, _ bool) bool {
			switch rel {
			case "gone.txt":
				os.Remove(filepath.Join(root, rel))
			case "grows.txt":
				f, err := os.OpenFile(filepath.Join(root, rel), os.O_APPEND|os.O_WRONLY, 0)
				if err == nil {
					fmt.Fprintf(f, "%s\nmore = %q\n", strings.Repeat("g", 64<<10), extra)
					f.Close()
				}
			}
			return false
		},
		Warn: func(err error) { mu.Lock(); warnings = append(warnings, err); mu.Unlock() },
	}
	res := scan(t, []string{root}, opts)
	if got, want := findingFiles(res), []string{"a.txt", "grows.txt", "z.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	if !slices.ContainsFunc(res.Findings, func(f scanner.Finding) bool { return f.Secret == extra }) {
		t.Error("the token appended to a growing file was missed")
	}
	if res.Stats.Errors != 1 || len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "gone.txt") {
		t.Errorf("Stats.Errors %d, warnings %v; want one naming gone.txt", res.Stats.Errors, warnings)
	}
}

// A file that another process keeps appending to while leakcord reads it
// (a log being written, and rotated: cut back to its first line once it is
// past 1.5 times the size limit): every scan returns, reads no more than
// the size limit and one read past it, and either reports the token on the
// file's first line or counts the file as too large; never an error.
// (TestReadAllGrowingFile in read_internal_test.go fixes the interleaving;
// here it is the real one.)
func TestFileGrowingWhileScanned(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(48)
	tok := plant(t, r, root, "app.log")
	name := filepath.Join(root, "app.log")
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	first := fi.Size()
	const limit = 4 << 20
	stop := make(chan struct{})
	var writer sync.WaitGroup
	writer.Add(1)
	go func() {
		defer writer.Done()
		f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Error(err)
			return
		}
		defer f.Close()
		line := []byte(strings.Repeat("INFO request served in 3ms ", 150) + "\n")
		size := first
		for {
			select {
			case <-stop:
				return
			default:
			}
			if size > limit*3/2 { // rotate
				if err := f.Truncate(first); err != nil {
					t.Error(err)
					return
				}
				size = first
			}
			if _, err := f.Write(line); err != nil {
				t.Error(err)
				return
			}
			size += int64(len(line))
		}
	}()
	found, large := 0, 0
	// Until both outcomes were seen a few times (the writer's pace decides
	// which one a scan meets), within a bound.
	for deadline := time.Now().Add(20 * time.Second); (found < 5 || large < 5) && time.Now().Before(deadline); {
		res := scan(t, []string{root}, scanner.Options{MaxFileSize: limit})
		switch {
		case res.Stats.SkippedLarge == 1 && len(res.Findings) == 0:
			large++
		case res.Stats.Files == 1 && len(res.Findings) == 1 && res.Findings[0].Secret == tok:
			found++
			if res.Stats.Bytes > limit {
				t.Errorf("scanned %d bytes, over the limit %d", res.Stats.Bytes, limit)
			}
		default:
			t.Fatalf("neither the token nor a skip: %+v, %d findings", res.Stats, len(res.Findings))
		}
	}
	close(stop)
	writer.Wait()
	if found < 5 || large < 5 {
		t.Errorf("%d scans found the token, %d skipped the file as too large: want both to happen", found, large)
	}
}
