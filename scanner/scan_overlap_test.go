package scanner_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// TestOverlappingPathsScanOnce is a regression test: paths that name the
// same file or folder, or one inside another, had their files read once
// per path, so that "t1 t1/ ./t1" reported every finding three times with
// the same fingerprint, and "- -" read stdin twice.
func TestOverlappingPathsScanOnce(t *testing.T) {
	base := t.TempDir()
	r := testtoken.New(41)
	plant(t, r, base, "t1/a.txt")
	plant(t, r, base, "t1/sub/b.txt")
	plant(t, r, base, "t1/sub/deep/c.txt")
	plant(t, r, base, "t1/ignored.txt")
	writeFile(t, base, "t1/.gitignore", "ignored.txt\n")
	plant(t, r, base, "t2/d.txt")
	symlink := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(base, name)); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
	symlink("t1", "link-t1")
	symlink(filepath.Join("t1", "a.txt"), "link-a.txt")
	t.Chdir(base)
	abs := func(rel string) string { return filepath.Join(base, filepath.FromSlash(rel)) }
	slash := func(rel string) string { return filepath.ToSlash(abs(rel)) }

	tests := []struct {
		name  string
		paths []string
		want  []string // sorted
	}{
		{"same folder three ways", []string{"t1", "t1/", "./t1"},
			[]string{"t1/a.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt"}},
		{"same folder, absolute", []string{"t1", abs("t1")},
			[]string{"t1/a.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt"}},
		{"same folder through a link", []string{"t1", "link-t1"},
			[]string{"t1/a.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt"}},
		{"same file twice", []string{"t1/a.txt", "./t1/a.txt"},
			[]string{"t1/a.txt"}},
		{"file inside a folder", []string{"t1", "t1/a.txt"},
			[]string{"t1/a.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt"}},
		{"file before its folder", []string{"t1/a.txt", "t1"},
			[]string{"t1/a.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt"}},
		{"linked file inside a folder", []string{"t1", "link-a.txt"},
			[]string{"link-a.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt"}},
		{"folder inside a folder", []string{"t1", "t1/sub"},
			[]string{"t1/a.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt"}},
		{"folders nested three deep", []string{"t1/sub/deep", ".", "t1/sub"},
			[]string{"t1/a.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt", "t2/d.txt"}},
		{"inner folder given absolute", []string{"t1", abs("t1/sub")},
			[]string{slash("t1/sub/b.txt"), slash("t1/sub/deep/c.txt"), "t1/a.txt"}},
		// A file given explicitly is scanned even though the folder's
		// .gitignore excludes it, as when it is given alone; once.
		{"ignored file inside a folder", []string{"t1", "t1/ignored.txt", "t1/ignored.txt"},
			[]string{"t1/a.txt", "t1/ignored.txt", "t1/sub/b.txt", "t1/sub/deep/c.txt"}},
		{"disjoint folders unchanged", []string{"t1/sub", "t2"},
			[]string{"t1/sub/b.txt", "t1/sub/deep/c.txt", "t2/d.txt"}},
		{"sibling prefix is not inside", []string{"t1/sub", "t1/sub/deep/../../sub2"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Contains(strings.Join(tc.paths, " "), "sub2") {
				plant(t, r, base, "t1/sub2/e.txt")
				tc.want = []string{"t1/sub/b.txt", "t1/sub/deep/c.txt", "t1/sub2/e.txt"}
			}
			var mu sync.Mutex
			var read []string
			opts := scanner.WithMatchHook(scanner.Options{}, func(rel string, _ []byte) {
				mu.Lock()
				read = append(read, rel)
				mu.Unlock()
			})
			res := scan(t, tc.paths, opts)
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.File)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Scan(%q): findings in %q, want %q", tc.paths, got, tc.want)
			}
			slices.Sort(read)
			if dup := len(read) - len(slices.Compact(slices.Clone(read))); dup > 0 || res.Stats.Files != len(read) {
				t.Errorf("Scan(%q): read %q (Stats.Files %d): %d read twice", tc.paths, read, res.Stats.Files, dup)
			}
		})
	}
}

// TestStdinTwiceReadOnce: "-" names one source, stdin, which can be read
// only once; given twice it is read once, as any path given twice is.
func TestStdinTwiceReadOnce(t *testing.T) {
	r := testtoken.New(42)
	input := "bot = " + testtoken.BotToken(r) + "\n"
	dir := t.TempDir()
	plant(t, r, dir, "f.txt")
	res := scan(t, []string{"-", dir, "-"}, scanner.Options{Stdin: strings.NewReader(input)})
	want := []string{"-", filepath.ToSlash(filepath.Join(dir, "f.txt"))}
	slices.Sort(want)
	if got := findingFiles(res); !slices.Equal(got, want) || len(res.Findings) != 2 || res.Stats.Files != 2 {
		t.Errorf("files %q (%d findings, Stats.Files %d), want %q (2, 2)", got, len(res.Findings), res.Stats.Files, want)
	}
}
