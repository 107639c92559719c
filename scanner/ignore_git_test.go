package scanner_test

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// ignoreCase is a tree of files, each holding a planted token, and the
// ignore files that decide which of them git would add.
type ignoreCase struct {
	name string
	// files are created with a generated token in each.
	files []string
	// ignores maps an ignore file (".gitignore", "sub/.gitignore",
	// ".git/info/exclude") to its exact content.
	ignores map[string]string
}

// ignoreCases are checked against git itself, so each only needs to be a
// tree where getting git's rules wrong would show.
var ignoreCases = []ignoreCase{
	{
		name:    "extension",
		files:   []string{"a.log", "b.txt", "sub/c.log", "sub/deep/d.log", "e.log.txt", "log"},
		ignores: map[string]string{".gitignore": "*.log\n"},
	},
	{
		name:    "double extension",
		files:   []string{"a.tar.gz", "b.gz", "c.tar", "sub/d.tar.gz"},
		ignores: map[string]string{".gitignore": "*.tar.gz\n"},
	},
	{
		name:    "case sensitive",
		files:   []string{"a.LOG", "b.log", "Makefile", "makefile"},
		ignores: map[string]string{".gitignore": "*.LOG\nMakefile\n"},
	},
	{
		name:  "nested gitignore files",
		files: []string{"x.tmp", "local.txt", "sub/keep.tmp", "sub/other.tmp", "sub/local.txt", "sub/deep/local.txt", "sub/deep/keep.tmp", "other/keep.tmp"},
		ignores: map[string]string{
			".gitignore":     "*.tmp\n",
			"sub/.gitignore": "!keep.tmp\nlocal.txt\n",
		},
	},
	{
		name:  "deeper file wins over parent",
		files: []string{"a.dat", "sub/b.dat", "sub/deep/c.dat", "sub/deep/x.dat", "sub/x.dat"},
		ignores: map[string]string{
			".gitignore":          "*.dat\n",
			"sub/.gitignore":      "!*.dat\n",
			"sub/deep/.gitignore": "x.dat\n",
		},
	},
	{
		name:  "negation re-includes file ignored by parent",
		files: []string{"app.cfg", "db.cfg", "svc/app.cfg", "svc/db.cfg"},
		ignores: map[string]string{
			".gitignore":     "*.cfg\n",
			"svc/.gitignore": "!app.cfg\n",
		},
	},
	{
		name:  "info exclude",
		files: []string{"secret.env", "keep.env", "sub/x.env", "notes.txt", "top.txt", "sub/top.txt"},
		ignores: map[string]string{
			".git/info/exclude": "# local excludes\n*.env\n/top.txt\n",
			".gitignore":        "!keep.env\n",
		},
	},
	{
		name:  "gitignore beats info exclude",
		files: []string{"a.txt", "b.txt", "sub/a.txt"},
		ignores: map[string]string{
			".git/info/exclude": "!a.txt\n",
			".gitignore":        "*.txt\n",
		},
	},
	{
		name:    "directory only",
		files:   []string{"build/out.js", "other/build", "sub/build/x.js", "sub/builder/y.js", "build.txt"},
		ignores: map[string]string{".gitignore": "build/\n"},
	},
	{
		name:    "directory name without slash",
		files:   []string{"node_modules/a/index.js", "lib/node_modules/b.js", "node_modules.txt", "src/node_modules"},
		ignores: map[string]string{".gitignore": "node_modules\n"},
	},
	{
		name:    "anchored with leading slash",
		files:   []string{"x", "sub/x", "dist/a.js", "sub/dist/b.js", "x.txt"},
		ignores: map[string]string{".gitignore": "/x\n/dist/\n"},
	},
	{
		name:  "slash in the middle anchors",
		files: []string{"a/b", "sub/a/b", "a/c", "sub/c/d", "sub/x/c/d", "c/d", "a/b.txt"},
		ignores: map[string]string{
			".gitignore":     "a/b\n",
			"sub/.gitignore": "c/d\n",
		},
	},
	{
		name:    "star does not cross slashes",
		files:   []string{"docs/a.html", "docs/sub/b.html", "docs/c.md", "x/docs/d.html"},
		ignores: map[string]string{".gitignore": "docs/*.html\n"},
	},
	{
		name:    "leading double star",
		files:   []string{"logs/a.txt", "sub/logs/b.txt", "sub/deep/logs", "foo/bar", "x/foo/bar", "x/foo/baz", "bar"},
		ignores: map[string]string{".gitignore": "**/logs\n**/foo/bar\n"},
	},
	{
		name:    "double star in the middle",
		files:   []string{"a/b", "a/x/b", "a/x/y/b", "a/x/c", "z/a/b", "src/one.txt", "src/p/q/two.txt", "src/p/three.md"},
		ignores: map[string]string{".gitignore": "a/**/b\nsrc/**/*.txt\n"},
	},
	{
		name:    "trailing double star",
		files:   []string{"abc/a.txt", "abc/keep.txt", "abc/sub/keep.txt", "abc/sub/b.txt", "abcd/c.txt", "x/abc/d.txt"},
		ignores: map[string]string{".gitignore": "abc/**\n!abc/keep.txt\n!abc/sub/keep.txt\n"},
	},
	{
		name:    "trailing double star on a file",
		files:   []string{"foo", "bar/x"},
		ignores: map[string]string{".gitignore": "foo/**\nbar/**\n"},
	},
	{
		name:    "ignore all, re-include one folder",
		files:   []string{"a.txt", "src/b.txt", "keep/c.txt", "keep/deep/d.txt", "x/keep/e.txt"},
		ignores: map[string]string{".gitignore": "/*\n!/keep/\n!.gitignore\n"},
	},
	{
		name:    "ignore folder contents, re-include a subfolder",
		files:   []string{"docs/a.md", "docs/keep/b.md", "docs/keep/deep/c.md", "docs/other/d.md"},
		ignores: map[string]string{".gitignore": "docs/*\n!docs/keep/\n"},
	},
	{
		name:    "whitelist: ignore all, re-include folders and go files",
		files:   []string{"main.go", "README.md", "pkg/a.go", "pkg/a.txt", "pkg/deep/b.go", "pkg/deep/c.json"},
		ignores: map[string]string{".gitignore": "*\n!*/\n!*.go\n"},
	},
	{
		name:  "negation cannot re-include a file in an ignored folder",
		files: []string{"build/keep.txt", "build/other.txt", "out/keep.txt", "out/x.txt", "gen/keep.txt", "gen/sub/keep.txt"},
		ignores: map[string]string{
			".gitignore":     "build/\n!build/keep.txt\nout\n!out/keep.txt\n!keep.txt\n",
			"gen/.gitignore": "*\n!keep.txt\n",
		},
	},
	{
		name:  "negation in a child cannot re-include inside an ignored folder",
		files: []string{"vendor/lib/a.go", "vendor/lib/keep.go"},
		ignores: map[string]string{
			".gitignore":            "vendor/lib/\n",
			"vendor/lib/.gitignore": "!keep.go\n",
		},
	},
	{
		name:    "trailing spaces",
		files:   []string{"foo.txt", "bar ", "bar", "baz  ", "baz", "tab.txt", "qux  ", "qux"},
		ignores: map[string]string{".gitignore": "foo.txt   \nbar\\ \nbaz\\  \\ \ntab.txt\t\nqux \\ \n"},
	},
	{
		name:    "comments and escapes",
		files:   []string{"#hash.txt", "#notignored", "!bang.txt", "plain.txt", "# comment", "important!.txt"},
		ignores: map[string]string{".gitignore": "# comment\n#notignored\n\\#hash.txt\n\\!bang.txt\n  # comment\nimportant!.txt\n"},
	},
	{
		name:    "escaped glob characters",
		files:   []string{"*.txt", "a.txt", "what?", "whatx", "[ab]", "a"},
		ignores: map[string]string{".gitignore": "\\*.txt\nwhat\\?\n\\[ab]\n"},
	},
	{
		name:    "question mark and classes",
		files:   []string{"file1.txt", "file22.txt", "fileA.txt", "a.md", "b.md", "d.md", "1.cfg", "x.cfg", "q/z.txt", "B.bak", "b.bak", "-.bak"},
		ignores: map[string]string{".gitignore": "file?.txt\n[abc].md\n[!0-9].cfg\n[[:upper:]].bak\n[a\\-].bak\nq?z.txt\n"},
	},
	{
		name:    "regular expression characters are literal",
		files:   []string{"x+y1.txt", "xy1.txt", "xxy1.txt", "a(b).log", "ab.log", "c$d.ini", "cd.ini", "e.f.x", "eff.x"},
		ignores: map[string]string{".gitignore": "x+y*.txt\na(b)*\nc$d*\ne.f*\n"},
	},
	{
		name:    "CRLF gitignore",
		files:   []string{"a.log", "keep.log", "build/x.js", "b.txt", "sub/dist/y.js"},
		ignores: map[string]string{".gitignore": "*.log\r\nbuild/\r\n!keep.log\r\ndist/\r\n"},
	},
	{
		name:    "no newline at end of file",
		files:   []string{"a.log", "b.txt", "c.tmp"},
		ignores: map[string]string{".gitignore": "*.tmp\n*.log"},
	},
	{
		name:    "byte order mark",
		files:   []string{"a.log", "b.txt"},
		ignores: map[string]string{".gitignore": "\ufeff*.log\n"},
	},
	{
		name:    "leading spaces are significant",
		files:   []string{" lead.txt", "lead.txt"},
		ignores: map[string]string{".gitignore": " lead.txt\n"},
	},
	{
		name:  "anchored patterns in a nested gitignore",
		files: []string{"sub/x.txt", "sub/deep/x.txt", "x.txt", "sub/out/a", "sub/deep/out/b", "sub/a/b/c.txt", "sub/q/a/b/c.txt"},
		ignores: map[string]string{
			"sub/.gitignore": "/x.txt\nout/\n/a/*/c.txt\n",
		},
	},
	{
		name:    "star slash matches one folder",
		files:   []string{"a/x/b.txt", "a/x/y/b.txt", "a/b.txt"},
		ignores: map[string]string{".gitignore": "a/*/b.txt\n"},
	},
	{
		name:    "stars inside a name with a literal prefix",
		files:   []string{"ab/c", "ax/y/b/c", "a/b/c", "abq/b/c"},
		ignores: map[string]string{".gitignore": "a**/b/c\n"},
	},
	{
		name:    "double star next to a name is one star",
		files:   []string{"ax/ba", "ax/by/ba", "ax/b/a", "bx/ab", "bx/a/b", "bx/ay/zb"},
		ignores: map[string]string{".gitignore": "ax/**a\n*x/a**b\n"},
	},
	{
		name:    "bracket corners",
		files:   []string{"1a", "1b", "1c", "1-", "2]", "2x", "2q", "3]", "3^", "3q", "3a", "3-", "4a", "4[", "4:"},
		ignores: map[string]string{".gitignore": "1[a-a-c]\n2[]x]\n3[!]-^q]\n4[[:a]\n"},
	},
	{
		name:    "gitignore that ignores itself",
		files:   []string{"a.txt", "sub/b.txt"},
		ignores: map[string]string{".gitignore": ".gitignore\na.txt\n", "sub/.gitignore": "b.txt\n"},
	},
	{
		name:    "dot files",
		files:   []string{".env", ".env.local", "sub/.env", "env", ".hidden/x"},
		ignores: map[string]string{".gitignore": ".env*\n.hidden\n"},
	},
	{
		name:    "empty and blank patterns",
		files:   []string{"a", "b"},
		ignores: map[string]string{".gitignore": "\n   \n!\n/\n"},
	},
}

// TestIgnoreMatchesGit builds each case as a git repository and checks that
// a scan reads exactly the untracked, not ignored files git lists, both from
// the repository root and from each of its folders.
func TestIgnoreMatchesGit(t *testing.T) {
	needGit(t)
	for i, tc := range ignoreCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := gitEnv(t)
			root := t.TempDir()
			gitInit(t, env, root)
			r := testtoken.New(uint64(i))
			for _, f := range tc.files {
				plant(t, r, root, f)
			}
			for name, content := range tc.ignores {
				writeFile(t, root, name, content)
			}
			ignoredDirs := gitIgnoredDirs(t, env, root)
			for _, dir := range folders(t, root) {
				if underAny(dir, ignoredDirs) {
					// git lists nothing in an ignored folder; a scan
					// given one explicitly reads it (see
					// TestScanIgnoredFolderExplicitly).
					continue
				}
				want := withoutIgnoreFiles(gitUntracked(t, env, filepath.Join(root, filepath.FromSlash(dir))))
				got := findingFiles(scan(t, []string{filepath.Join(root, filepath.FromSlash(dir))}, scanner.Options{}))
				if !slices.Equal(got, want) {
					t.Errorf("scan of %s/ differs from git:%s", dir, diff(got, want))
				}
			}
		})
	}
}

// TestNoIgnoreScansEverything checks that NoIgnore reads every file of
// every case except those under .git.
func TestNoIgnoreScansEverything(t *testing.T) {
	needGit(t)
	for i, tc := range ignoreCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := gitEnv(t)
			root := t.TempDir()
			gitInit(t, env, root)
			r := testtoken.New(uint64(i))
			for _, f := range tc.files {
				plant(t, r, root, f)
			}
			for name, content := range tc.ignores {
				writeFile(t, root, name, content)
			}
			plant(t, r, root, ".git/planted.txt")
			want := slices.Clone(tc.files)
			slices.Sort(want)
			got := findingFiles(scan(t, []string{root}, scanner.Options{NoIgnore: true}))
			if !slices.Equal(got, want) {
				t.Errorf("NoIgnore scan differs from the files created:%s", diff(got, want))
			}
		})
	}
}

// folders returns "." and every folder under root outside .git, "/"-separated.
func folders(t *testing.T, root string) []string {
	t.Helper()
	out := []string{"."}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() && p != root {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// gitIgnoredDirs returns the folders git ignores as a whole, "/"-terminated.
func gitIgnoredDirs(t *testing.T, env []string, root string) []string {
	t.Helper()
	out := git(t, env, root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory")
	var dirs []string
	for _, f := range strings.Split(string(out), "\x00") {
		if strings.HasSuffix(f, "/") {
			dirs = append(dirs, f)
		}
	}
	return dirs
}

// underAny reports whether folder dir is one of dirs or inside one.
func underAny(dir string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(dir+"/", d) {
			return true
		}
	}
	return false
}

// withoutIgnoreFiles drops .gitignore files, which hold no planted token.
func withoutIgnoreFiles(files []string) []string {
	return slices.DeleteFunc(files, func(f string) bool { return path.Base(f) == ".gitignore" })
}

// TestScanSubfolderHonoursParents checks a scan of one folder of a
// repository against the ignore files above it, named explicitly so that a
// regression reads plainly.
func TestScanSubfolderHonoursParents(t *testing.T) {
	needGit(t)
	env := gitEnv(t)
	root := t.TempDir()
	gitInit(t, env, root)
	r := testtoken.New(7)
	for _, f := range []string{
		"app/a.log", "app/b.txt", "app/secret.env", "app/sub/c.txt", "app/sub/d.bak",
		"app/own.tmp", "app/keep.log", "app/deep/er/e.txt",
	} {
		plant(t, r, root, f)
	}
	writeFile(t, root, ".gitignore", "*.log\n/app/sub/c.txt\n")
	writeFile(t, root, "app/.gitignore", "!keep.log\n*.tmp\n")
	writeFile(t, root, "app/deep/.gitignore", "er/\n")
	writeFile(t, root, ".git/info/exclude", "*.env\napp/sub/*.bak\n")

	got := findingFiles(scan(t, []string{filepath.Join(root, "app")}, scanner.Options{}))
	want := []string{"app/b.txt", "app/keep.log"}
	for i, w := range want {
		want[i] = strings.TrimPrefix(w, "app/")
	}
	if !slices.Equal(got, want) {
		t.Errorf("scan of app/: got %q, want %q", got, want)
	}
	if git := withoutIgnoreFiles(gitUntracked(t, env, filepath.Join(root, "app"))); !slices.Equal(git, want) {
		t.Errorf("git lists %q in app/, the test expects %q", git, want)
	}

	// From inside: a relative root ".", as a shell in app/ would give it.
	t.Chdir(filepath.Join(root, "app", "sub"))
	if got := findingFiles(scan(t, []string{"."}, scanner.Options{})); len(got) != 0 {
		t.Errorf("scan of app/sub as \".\": got %q, want nothing", got)
	}
}

// TestScanIgnoredFolderExplicitly: a folder named on the command line is
// scanned even when an ignore file excludes it (git would list nothing),
// as ripgrep does; the rules that apply inside it still apply.
func TestScanIgnoredFolderExplicitly(t *testing.T) {
	needGit(t)
	env := gitEnv(t)
	root := t.TempDir()
	gitInit(t, env, root)
	r := testtoken.New(8)
	for _, f := range []string{"build/a.js", "build/b.map", "build/sub/c.js", "dist/d.js", "vendor/e.go"} {
		plant(t, r, root, f)
	}
	writeFile(t, root, ".gitignore", "build/\n/dist\n*.map\n")
	writeFile(t, root, ".git/info/exclude", "vendor\n")
	for dir, want := range map[string][]string{
		"build":  {"a.js", "sub/c.js"},
		"dist":   {"d.js"},
		"vendor": {"e.go"},
	} {
		got := findingFiles(scan(t, []string{filepath.Join(root, dir)}, scanner.Options{}))
		if !slices.Equal(got, want) {
			t.Errorf("scan of ignored %s/: got %q, want %q", dir, got, want)
		}
	}
	// The file itself, named explicitly, too.
	if got := findingFiles(scan(t, []string{filepath.Join(root, "build", "b.map")}, scanner.Options{})); len(got) != 1 {
		t.Errorf("scan of an ignored file: got %q, want it scanned", got)
	}
	// From the root, none of them.
	if got := findingFiles(scan(t, []string{root}, scanner.Options{})); len(got) != 0 {
		t.Errorf("scan of the root: got %q, want nothing", got)
	}
}

// TestNestedRepository: inside a nested repository (or submodule) git
// applies that repository's ignore files and info/exclude, not those of the
// repository around it.
func TestNestedRepository(t *testing.T) {
	needGit(t)
	env := gitEnv(t)
	root := t.TempDir()
	gitInit(t, env, root)
	if err := os.Mkdir(filepath.Join(root, "inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	gitInit(t, env, filepath.Join(root, "inner"))
	r := testtoken.New(9)
	for _, f := range []string{"a.log", "b.txt", "c.tmp", "inner/a.log", "inner/b.txt", "inner/c.tmp", "inner/sub/d.log", "inner/sub/e.txt"} {
		plant(t, r, root, f)
	}
	writeFile(t, root, ".gitignore", "*.log\n/inner/sub/e.txt\n")
	writeFile(t, root, ".git/info/exclude", "c.tmp\n")
	writeFile(t, root, "inner/.gitignore", "*.tmp\n")
	writeFile(t, root, "inner/.git/info/exclude", "b.txt\n")

	var want []string
	for _, f := range gitUntracked(t, env, root) {
		if f != "inner/" {
			want = append(want, f)
		}
	}
	for _, f := range gitUntracked(t, env, filepath.Join(root, "inner")) {
		want = append(want, "inner/"+f)
	}
	want = withoutIgnoreFiles(want)
	slices.Sort(want)
	got := findingFiles(scan(t, []string{root}, scanner.Options{}))
	if !slices.Equal(got, want) {
		t.Errorf("scan differs from git in each repository:%s", diff(got, want))
	}
	if !slices.Contains(want, "inner/a.log") || !slices.Contains(want, "inner/sub/e.txt") {
		t.Errorf("git lists %q; the test expects inner/a.log and inner/sub/e.txt", want)
	}
}

// TestLinkedWorktree: in a linked worktree, .git is a file pointing into the
// main repository, which holds info/exclude.
func TestLinkedWorktree(t *testing.T) {
	needGit(t)
	env := gitEnv(t)
	main := filepath.Join(t.TempDir(), "main")
	if err := os.Mkdir(main, 0o755); err != nil {
		t.Fatal(err)
	}
	gitInit(t, env, main)
	git(t, env, main, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "init")
	wt := filepath.Join(filepath.Dir(main), "wt")
	git(t, env, main, "worktree", "add", "-q", wt)
	writeFile(t, main, ".git/info/exclude", "*.secret\n")
	r := testtoken.New(10)
	for _, f := range []string{"a.secret", "b.txt", "sub/c.secret"} {
		plant(t, r, wt, f)
	}
	want := gitUntracked(t, env, wt)
	if len(want) != 1 {
		t.Fatalf("git lists %q in the worktree, want only b.txt", want)
	}
	for _, dir := range []string{wt, filepath.Join(wt, "sub")} {
		got := findingFiles(scan(t, []string{dir}, scanner.Options{}))
		want := gitUntracked(t, env, dir)
		if !slices.Equal(got, want) {
			t.Errorf("scan of %s differs from git:%s", dir, diff(got, want))
		}
	}
}

// TestSymlinkedGitignore: git does not follow a .gitignore that is a
// symbolic link (it warns and ignores it), so neither does the scan.
func TestSymlinkedGitignore(t *testing.T) {
	needGit(t)
	env := gitEnv(t)
	root := t.TempDir()
	gitInit(t, env, root)
	r := testtoken.New(11)
	for _, f := range []string{"a.log", "sub/b.log", "c.txt"} {
		plant(t, r, root, f)
	}
	writeFile(t, root, "patterns", "*.log\n")
	if err := os.Symlink("patterns", filepath.Join(root, ".gitignore")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	if err := os.Symlink("../patterns", filepath.Join(root, "sub", ".gitignore")); err != nil {
		t.Fatal(err)
	}
	want := withoutIgnoreFiles(gitUntracked(t, env, root))
	want = slices.DeleteFunc(want, func(f string) bool { return f == "patterns" })
	got := findingFiles(scan(t, []string{root}, scanner.Options{}))
	if !slices.Equal(got, want) {
		t.Errorf("scan differs from git:%s", diff(got, want))
	}
}

// TestIgnoreRandomPatternsMatchGit writes random patterns built from the
// pieces of git's glob syntax into .gitignore files and compares the scan
// with git, to catch the corners a hand-written table misses.
func TestIgnoreRandomPatternsMatchGit(t *testing.T) {
	needGit(t)
	if testing.Short() {
		t.Skip("slow: runs git many times")
	}
	env := gitEnv(t)
	root := t.TempDir()
	gitInit(t, env, root)
	r := testtoken.New(12)
	segs := []string{"a", "b", "ab", "ba", "a.b", "b-a"}
	var files []string
	for _, s1 := range segs {
		files = append(files, s1)
		for _, s2 := range segs[:4] {
			files = append(files, s1+"x/"+s2)
			for _, s3 := range segs[:3] {
				files = append(files, s1+"x/"+s2+"y/"+s3)
			}
		}
	}
	for _, f := range files {
		plant(t, r, root, f)
	}
	pieces := []string{"a", "b", "x", "y", ".", "-", "*", "*", "**", "?", "/", "/", "[ab]", "[!a]", "[a-b]", "[^b]", "\\a", "[[:alpha:]]", "[.-]"}
	rnd := testtoken.New(13)
	pattern := func() string {
		var b strings.Builder
		if rnd.IntN(4) == 0 {
			b.WriteString("!")
		}
		for range 1 + rnd.IntN(5) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		if rnd.IntN(5) == 0 {
			b.WriteString("/")
		}
		return b.String()
	}
	for i := range 150 {
		var patterns [2][]string
		for j := range patterns {
			for range 1 + rnd.IntN(3) {
				patterns[j] = append(patterns[j], pattern())
			}
		}
		writeFile(t, root, ".gitignore", strings.Join(patterns[0], "\n")+"\n")
		writeFile(t, root, "ax/.gitignore", strings.Join(patterns[1], "\n")+"\n")
		want := withoutIgnoreFiles(gitUntracked(t, env, root))
		got := findingFiles(scan(t, []string{root}, scanner.Options{}))
		if !slices.Equal(got, want) {
			t.Errorf("round %d: .gitignore %q, ax/.gitignore %q: scan differs from git:%s", i, patterns[0], patterns[1], diff(got, want))
		}
	}
}
