package scanner_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// scanWithin is scan, failing the test instead of hanging when the scan
// does not finish within d.
func scanWithin(t *testing.T, d time.Duration, paths []string, opts scanner.Options) *scanner.Result {
	t.Helper()
	done := make(chan *scanner.Result, 1)
	go func() {
		// t.Fatal must not run outside the test goroutine, so report errors here.
		if opts.Matcher == nil {
			opts.Matcher = matcher()
		}
		res, err := scanner.Scan(context.Background(), paths, opts)
		if err != nil {
			t.Errorf("Scan(%q): %v", paths, err)
		}
		done <- res
	}()
	select {
	case res := <-done:
		if res == nil {
			t.FailNow()
		}
		return res
	case <-time.After(d):
		t.Fatalf("Scan(%q) did not finish within %v", paths, d)
		return nil
	}
}

func TestWalkNeverEntersGit(t *testing.T) {
	for _, noIgnore := range []bool{false, true} {
		root := t.TempDir()
		r := testtoken.New(1)
		plant(t, r, root, "visible.txt")
		plant(t, r, root, ".git/config")
		plant(t, r, root, ".git/objects/ab/cdef")
		plant(t, r, root, "sub/.git/HEAD")
		plant(t, r, root, "other/.git") // a gitfile, as in a submodule
		res := scan(t, []string{root}, scanner.Options{NoIgnore: noIgnore})
		if got, want := findingFiles(res), []string{"visible.txt"}; !slices.Equal(got, want) {
			t.Errorf("NoIgnore=%v: findings in %q, want %q", noIgnore, got, want)
		}
	}
}

func TestWalkDoesNotFollowSymlinks(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	r := testtoken.New(2)
	plant(t, r, root, "real.txt")
	plant(t, r, outside, "elsewhere.txt")
	links := map[string]string{
		"link-to-file.txt": filepath.Join(root, "real.txt"),
		"link-to-outside":  outside,
		"loop":             root,
		"sub/up":           "..",
		"sub/self":         ".",
		"dangling":         filepath.Join(root, "missing"),
	}
	for name, target := range links {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
	res := scanWithin(t, 20*time.Second, []string{root}, scanner.Options{})
	if got, want := findingFiles(res), []string{"real.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	if res.Stats.Files != 1 || res.Stats.Errors != 0 {
		t.Errorf("Stats = %+v, want 1 file and no errors", res.Stats)
	}

	// A symbolic link given as the root is what the user asked for.
	res = scan(t, []string{filepath.Join(root, "link-to-outside")}, scanner.Options{})
	if got, want := findingFiles(res), []string{"elsewhere.txt"}; !slices.Equal(got, want) {
		t.Errorf("scan of a linked root: findings in %q, want %q", got, want)
	}
}

func TestBinaryFilesSkipped(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(3)
	text := func(nulAt int) string {
		b := []byte(strings.Repeat("a", 9000))
		if nulAt >= 0 {
			b[nulAt] = 0
		}
		tok := testtoken.BotToken(r)
		return string(b) + "\ntoken = " + tok + "\n"
	}
	files := map[string]string{
		"nul-first.bin":    text(0),
		"nul-early.bin":    text(100),
		"nul-last-sniffed": text(8<<10 - 1),
		"nul-after-8k.txt": text(8 << 10),
		"no-nul.txt":       text(-1),
	}
	for name, data := range files {
		writeFile(t, root, name, data)
	}
	res := scan(t, []string{root}, scanner.Options{})
	if got, want := findingFiles(res), []string{"no-nul.txt", "nul-after-8k.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	if res.Stats.SkippedBinary != 3 {
		t.Errorf("SkippedBinary = %d, want 3", res.Stats.SkippedBinary)
	}
	if res.Stats.Files != 2 {
		t.Errorf("Files = %d, want 2 (binary files are not counted as scanned)", res.Stats.Files)
	}
}

func TestLargeFilesSkipped(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(4)
	sized := func(n int) string {
		line := "token = " + testtoken.BotToken(r) + "\n"
		return line + strings.Repeat("x", n-len(line))
	}
	writeFile(t, root, "at-limit.txt", sized(1000))
	writeFile(t, root, "over-limit.txt", sized(1001))
	writeFile(t, root, "small.txt", sized(200))
	writeFile(t, root, "empty.txt", "")
	res := scan(t, []string{root}, scanner.Options{MaxFileSize: 1000})
	if got, want := findingFiles(res), []string{"at-limit.txt", "small.txt"}; !slices.Equal(got, want) {
		t.Errorf("findings in %q, want %q", got, want)
	}
	if res.Stats.SkippedLarge != 1 || res.Stats.Files != 3 || res.Stats.Bytes != 1200 {
		t.Errorf("Stats = %+v, want SkippedLarge 1, Files 3, Bytes 1200", res.Stats)
	}

	// A file given as the root obeys the limit too.
	res = scan(t, []string{filepath.Join(root, "over-limit.txt")}, scanner.Options{MaxFileSize: 1000})
	if len(res.Findings) != 0 || res.Stats.SkippedLarge != 1 {
		t.Errorf("over-limit root: %d findings, Stats %+v; want none and SkippedLarge 1", len(res.Findings), res.Stats)
	}

	// Zero means DefaultMaxFileSize.
	big := t.TempDir()
	writeFile(t, big, "big.txt", sized(scanner.DefaultMaxFileSize+1))
	writeFile(t, big, "limit.txt", sized(scanner.DefaultMaxFileSize))
	res = scan(t, []string{big}, scanner.Options{})
	if got, want := findingFiles(res), []string{"limit.txt"}; !slices.Equal(got, want) || res.Stats.SkippedLarge != 1 {
		t.Errorf("default limit: findings in %q (SkippedLarge %d), want %q (1)", got, res.Stats.SkippedLarge, want)
	}
}

func TestRootErrors(t *testing.T) {
	root := t.TempDir()
	m := matcher()
	ctx := context.Background()

	if _, err := scanner.Scan(ctx, nil, scanner.Options{Matcher: m}); !errors.Is(err, scanner.ErrNoPaths) {
		t.Errorf("no paths: err = %v, want ErrNoPaths", err)
	}
	if _, err := scanner.Scan(ctx, []string{root}, scanner.Options{}); err == nil {
		t.Error("no matcher: err = nil")
	}
	missing := filepath.Join(root, "missing")
	_, err := scanner.Scan(ctx, []string{root, missing}, scanner.Options{Matcher: m})
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing root: err = %v, want a not-exist error naming %s", err, missing)
	}
	if _, err := scanner.Scan(ctx, []string{"-"}, scanner.Options{Matcher: m}); err == nil {
		t.Error(`"-" without Options.Stdin: err = nil`)
	}
}

func TestReportPaths(t *testing.T) {
	base := t.TempDir()
	r := testtoken.New(5)
	plant(t, r, base, "a/x.txt")
	plant(t, r, base, "a/deep/y.txt")
	plant(t, r, base, "b/z.txt")
	plant(t, r, base, "c.txt")
	t.Chdir(base)

	tests := []struct {
		paths []string
		want  []string
	}{
		{[]string{"."}, []string{"a/deep/y.txt", "a/x.txt", "b/z.txt", "c.txt"}},
		{[]string{"a"}, []string{"deep/y.txt", "x.txt"}},
		{[]string{"a/"}, []string{"deep/y.txt", "x.txt"}},
		{[]string{filepath.Join(base, "a")}, []string{"deep/y.txt", "x.txt"}},
		{[]string{"a", "b/"}, []string{"a/deep/y.txt", "a/x.txt", "b/z.txt"}},
		{[]string{"./a", "c.txt"}, []string{"a/deep/y.txt", "a/x.txt", "c.txt"}},
		{[]string{"a/x.txt"}, []string{"a/x.txt"}},
		{[]string{"./c.txt"}, []string{"c.txt"}},
		{[]string{"a", "a/deep"}, []string{"a/deep/y.txt", "a/x.txt"}}, // once: see TestOverlappingPathsScanOnce
		{[]string{filepath.Join(base, "b"), "a/x.txt"}, []string{filepath.ToSlash(filepath.Join(base, "b", "z.txt")), "a/x.txt"}},
	}
	for _, tc := range tests {
		res := scan(t, tc.paths, scanner.Options{})
		var got []string
		for _, f := range res.Findings {
			got = append(got, f.File)
		}
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Scan(%q): files %q, want %q", tc.paths, got, want)
		}
	}
}

func TestStdin(t *testing.T) {
	r := testtoken.New(6)
	tok := testtoken.BotToken(r)
	input := "line one\nbot = " + tok + "\n"
	res := scan(t, []string{"-"}, scanner.Options{Stdin: strings.NewReader(input)})
	if len(res.Findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(res.Findings))
	}
	f := res.Findings[0]
	if f.File != "-" || f.Line != 2 || f.Column != 7 || f.Secret != tok {
		t.Errorf("finding = %s:%d:%d, want -:2:7 with the planted token", f.File, f.Line, f.Column)
	}
	if res.Stats.Files != 1 || res.Stats.Bytes != int64(len(input)) || res.Mode != "scan" {
		t.Errorf("Mode %q, Stats %+v; want scan, 1 file of %d bytes", res.Mode, res.Stats, len(input))
	}

	// Stdin beside a folder: the folder's files keep their prefix.
	root := t.TempDir()
	plant(t, r, root, "f.txt")
	res = scan(t, []string{"-", root}, scanner.Options{Stdin: strings.NewReader(input)})
	want := []string{"-", filepath.ToSlash(filepath.Join(root, "f.txt"))}
	slices.Sort(want)
	if got := findingFiles(res); !slices.Equal(got, want) {
		t.Errorf("stdin and a folder: files %q, want %q", got, want)
	}
}

func TestCancelledContext(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(7)
	for i := range 200 {
		plant(t, r, root, filepath.Join("d", strings.Repeat("x", i%7+1), "f"+string(rune('a'+i%26))+".txt"))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := scanner.Scan(ctx, []string{root}, scanner.Options{Matcher: matcher()})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Errorf("cancelled before: res %v, err %v; want nil, context.Canceled", res, err)
	}
	res, err = scanner.Scan(ctx, []string{filepath.Join(root, "d", "x", "fa.txt")}, scanner.Options{Matcher: matcher()})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Errorf("cancelled before, file root: res %v, err %v; want nil, context.Canceled", res, err)
	}

	// Cancelled while the scan runs: stdin is read first and cancels.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	stdin := readerFunc(func(p []byte) (int, error) { cancel(); return 0, io.EOF })
	_, err = scanner.Scan(ctx, []string{"-", root}, scanner.Options{Matcher: matcher(), Stdin: stdin, Jobs: 1})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled during the scan: err %v, want context.Canceled", err)
	}
}

// TestCancelWhileStdinBlocks is a regression test: a scan of "-" waiting on
// a terminal did not return when its context was cancelled (Ctrl-C).
func TestCancelWhileStdinBlocks(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := scanner.Scan(ctx, []string{"-"}, scanner.Options{Matcher: matcher(), Stdin: pr})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Scan did not return after its context was cancelled while reading stdin")
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

func TestStats(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(8)
	var want int64
	for i, name := range []string{"a.txt", "b/c.go", "b/d/e.json", "f.md"} {
		tok := testtoken.BotToken(r)
		data := strings.Repeat("// filler line\n", i*10) + "x := \"" + tok + "\"\n"
		writeFile(t, root, name, data)
		want += int64(len(data))
	}
	writeFile(t, root, "bin.dat", "\x00\x01\x02")
	writeFile(t, root, "ignored.log", strings.Repeat("y", 100))
	writeFile(t, root, ".gitignore", "*.log\n")
	want += int64(len("*.log\n"))

	res := scan(t, []string{root}, scanner.Options{})
	st := res.Stats
	if st.Files != 5 || st.Bytes != want || st.SkippedBinary != 1 || st.SkippedLarge != 0 || st.Errors != 0 {
		t.Errorf("Stats = %+v, want Files 5, Bytes %d, SkippedBinary 1", st, want)
	}
	if st.Duration <= 0 {
		t.Errorf("Duration = %v, want > 0", st.Duration)
	}
	if len(res.Findings) != 4 {
		t.Errorf("got %d findings, want 4", len(res.Findings))
	}
	if n := res.CountByRule()["discord-bot-token"]; n != 4 {
		t.Errorf("CountByRule = %v, want 4 bot tokens", res.CountByRule())
	}
}

// TestJobsDoNotChangeResults checks that the result does not depend on how
// many files are read at once.
func TestJobsDoNotChangeResults(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(9)
	for i := range 60 {
		text, _ := testtoken.Expand(r, strings.Repeat("filler\n", i)+"a = '{{bot}}'\nb = '{{webhook}}'\nc = '{{mfa}}'\n")
		writeFile(t, root, filepath.Join("p"+string(rune('a'+i%5)), "f"+string(rune('a'+i/5))+".txt"), text)
	}
	one := scan(t, []string{root}, scanner.Options{Jobs: 1})
	many := scan(t, []string{root}, scanner.Options{Jobs: 16})
	if len(one.Findings) != 180 {
		t.Fatalf("got %d findings, want 180", len(one.Findings))
	}
	if !slices.EqualFunc(one.Findings, many.Findings, func(a, b scanner.Finding) bool {
		return a.File == b.File && a.Line == b.Line && a.Column == b.Column && a.Secret == b.Secret
	}) {
		t.Error("Jobs 1 and Jobs 16 give different findings")
	}
	one.Stats.Duration, many.Stats.Duration = 0, 0
	if one.Stats != many.Stats {
		t.Errorf("Stats differ: %+v vs %+v", one.Stats, many.Stats)
	}
}
