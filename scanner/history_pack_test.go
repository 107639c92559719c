package scanner

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// packTestRepo builds a repository whose objects are deltified against
// each other: files that grow over many commits, one large file, a binary
// file and an empty one. ofs chooses OFS (offset) or REF (hash) deltas for
// the pack; loose objects from two more commits stay outside it.
func packTestRepo(t *testing.T, ofs bool) (dir string, env []string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir = t.TempDir()
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	env = append(env, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=a",
		"GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	git("config", "gc.auto", "0")
	git("config", "repack.useDeltaBaseOffset", fmt.Sprint(ofs))
	var b strings.Builder
	for i := range 40 {
		for j := range 30 {
			fmt.Fprintf(&b, "line %d of commit %d: the quick brown fox\n", j, i)
		}
		write("src/grow.txt", b.String())
		write(fmt.Sprintf("src/sub%d/file.go", i%4), strings.Repeat(fmt.Sprintf("// version %d\n", i), 50+i))
		git("add", "-A")
		git("commit", "-q", "-m", fmt.Sprint("commit ", i))
	}
	write("big.txt", strings.Repeat("0123456789abcdef", 1<<14)) // 256 KiB
	write("bin.dat", "\x00\x01\x02binary\x00")
	write("empty", "")
	git("add", "-A")
	git("commit", "-q", "-m", "assets")
	git("repack", "-adfq", "--depth=20")
	write("src/grow.txt", b.String()+"loose\n")
	write("loose.txt", "only loose\n")
	git("add", "-A")
	git("commit", "-q", "-m", "loose")
	return dir, env
}

// TestObjectReaderMatchesGoGit reads every object of a repository with
// packed (OFS or REF deltas) and loose objects through objectReader and
// through go-git, and compares type and content; then the size limit and
// a missing object.
func TestObjectReaderMatchesGoGit(t *testing.T) {
	for _, ofs := range []bool{true, false} {
		t.Run(fmt.Sprintf("ofs=%v", ofs), func(t *testing.T) {
			dir, _ := packTestRepo(t, ofs)
			repo, closeRepo, err := openLocal(dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer closeRepo()
			store := newObjectStore(repo)
			defer store.close()
			if len(store.packs) != 1 {
				t.Fatalf("%d packs, want 1", len(store.packs))
			}
			r := newObjectReader(store, 64<<10) // small: evictions happen
			iter, err := repo.Storer.IterEncodedObjects(plumbing.AnyObject)
			if err != nil {
				t.Fatal(err)
			}
			var n, loose int
			deltas := make(map[plumbing.ObjectType]int)
			err = iter.ForEach(func(o plumbing.EncodedObject) error {
				n++
				rd, err := o.Reader()
				if err != nil {
					return err
				}
				want, err := io.ReadAll(rd)
				rd.Close()
				if err != nil {
					return err
				}
				if i, off, ok := store.locate(o.Hash()); !ok {
					loose++
				} else if typ, _, _, _, err := r.openAt(store.packs[i], off); err == nil {
					deltas[typ]++
				}
				typ, got, size, err := r.read(o.Hash(), 0)
				if err != nil {
					t.Errorf("read %s: %v", o.Hash(), err)
					return nil
				}
				if typ != o.Type() || size != int64(len(want)) || !bytes.Equal(got, want) {
					t.Errorf("object %s: got %s of %d bytes, want %s of %d", o.Hash(), typ, len(got), o.Type(), len(want))
				}
				if o.Type() == plumbing.TreeObject {
					tr, err := r.tree(o.Hash())
					if err != nil {
						t.Errorf("tree %s: %v", o.Hash(), err)
						return nil
					}
					gt, err := repo.TreeObject(o.Hash())
					if err != nil {
						return err
					}
					if !slices.Equal(tr.Entries, gt.Entries) {
						t.Errorf("tree %s: entries %v, want %v", o.Hash(), tr.Entries, gt.Entries)
					}
				}
				if len(want) > 1000 {
					if typ, data, size, err := r.read(o.Hash(), 1000); err != errTooLarge || typ != o.Type() || data != nil || size != int64(len(want)) {
						t.Errorf("object %s with limit 1000: %s, %d bytes, size %d, %v; want %s, none, size %d, errTooLarge",
							o.Hash(), typ, len(data), size, err, o.Type(), len(want))
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if n < 150 || loose == 0 {
				t.Errorf("%d objects, %d loose; want a bigger test repository with loose objects", n, loose)
			}
			want, other := plumbing.OFSDeltaObject, plumbing.REFDeltaObject
			if !ofs {
				want, other = other, want
			}
			if deltas[want] < 20 || deltas[other] > 0 {
				t.Errorf("packed objects by type: %v; want %s deltas only", deltas, want)
			}
			if _, _, _, err := r.read(plumbing.NewHash("0123456789012345678901234567890123456789"), 0); err == nil {
				t.Error("a missing object: no error")
			}
		})
	}
}

// Tree entries are in git's order: a folder sorts as if its name ended
// in "/", so "a-b" < "a" (folder) < "a.c", while the file "a" comes first.
func TestFindEntryGitOrder(t *testing.T) {
	tree, err := parseTree(plumbing.ZeroHash, treeBytes(
		"100644 a", "100644 a-b", "40000 a.c", "100644 a0", "40000 b", "160000 c", "120000 d", "100644 e",
	), map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		dir  bool
		want bool
	}{
		{"a", false, true}, {"a", true, false}, {"a-b", false, true}, {"a.c", true, true}, {"a.c", false, false},
		{"a0", false, true}, {"b", true, true}, {"b", false, false}, {"c", false, true}, {"d", false, true},
		{"e", false, true}, {"f", false, false}, {"", false, false}, {"0", true, false},
	} {
		e := findEntry(tree.Entries, tc.name, tc.dir)
		if (e != nil) != tc.want || e != nil && e.Name != tc.name {
			t.Errorf("findEntry(%q, dir=%v) = %v, want found=%v", tc.name, tc.dir, e, tc.want)
		}
		pos := 0
		if e := seekEntry(tree.Entries, &pos, tc.name, tc.dir); (e != nil) != tc.want || e != nil && e.Name != tc.name {
			t.Errorf("seekEntry(%q, dir=%v) = %v, want found=%v", tc.name, tc.dir, e, tc.want)
		}
	}
}

// treeBytes encodes tree entries given as "mode name", each with a
// made-up hash.
func treeBytes(entries ...string) []byte {
	var b bytes.Buffer
	for i, e := range entries {
		b.WriteString(e)
		b.WriteByte(0)
		b.Write(bytes.Repeat([]byte{byte(i + 1)}, 20))
	}
	return b.Bytes()
}

// A malformed tree is an error, not a panic.
func TestParseTreeMalformed(t *testing.T) {
	for _, data := range []string{"100644 a", "100644 a\x00short", "10x644 a\x00" + strings.Repeat("h", 20), " a\x00" + strings.Repeat("h", 20)} {
		if _, err := parseTree(plumbing.ZeroHash, []byte(data), nil); err == nil {
			t.Errorf("parseTree(%q): no error", data)
		}
	}
}

// A corrupt delta is an error, not a panic.
func TestApplyDeltaMalformed(t *testing.T) {
	base := []byte("hello, world")
	for _, delta := range [][]byte{
		{}, {12}, {11, 5, 5, 'a', 'b', 'c', 'd', 'e'}, {12, 5, 0}, {12, 5, 0x91, 10, 5}, {12, 5, 6, 'a'},
		{12, 3, 0x90, 5}, {12, 2, 1, 'a'},
	} {
		if _, err := applyDelta(base, delta); err == nil {
			t.Errorf("applyDelta(%v): no error", delta)
		}
	}
	got, err := applyDelta(base, []byte{12, 8, 0x90, 5, 3, '!', '?', '.'})
	if err != nil || string(got) != "hello!?." {
		t.Errorf("applyDelta: %q, %v; want \"hello!?.\"", got, err)
	}
}

// FuzzApplyDelta: any delta against any base is an object or an error.
func FuzzApplyDelta(f *testing.F) {
	f.Add([]byte("hello, world"), []byte{12, 8, 0x90, 5, 3, '!', '?', '.'})
	f.Add([]byte("abc"), []byte{3, 0xff, 0xff, 0xff, 0x7f, 0x91, 0, 3})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		out, err := applyDelta(base, delta)
		if err == nil {
			if n, ok := deltaTargetSize(delta); !ok || n != int64(len(out)) {
				t.Errorf("applyDelta: %d bytes, header says %d", len(out), n)
			}
		}
	})
}

// FuzzParseTree: any data is a tree or an error.
func FuzzParseTree(f *testing.F) {
	f.Add(treeBytes("100644 a", "40000 b"))
	f.Add([]byte("100644 a\x00short"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := parseTree(plumbing.ZeroHash, data, map[string]string{})
		if err == nil && len(data) > 0 && len(tree.Entries) == 0 {
			t.Errorf("%q: no error and no entries", data)
		}
	})
}

// pathIndex finds, commit after commit and in any order, the blob that git
// finds at each path (none at a folder, a missing path or under a file).
func TestPathIndexMatchesGit(t *testing.T) {
	dir, env := packTestRepo(t, true)
	git := func(args ...string) ([]byte, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env
		return cmd.Output()
	}
	repo, closeRepo, err := openLocal(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer closeRepo()
	store := newObjectStore(repo)
	defer store.close()
	r := newObjectReader(store, 1<<20)
	paths := []string{"src/grow.txt", "src/sub1/file.go", "src/sub3/file.go", "big.txt", "empty", "loose.txt",
		"src", "missing/x", "big.txt/x", "src/sub1", "bin.dat"}
	x := newPathIndex(r, paths)
	out, err := git("rev-list", "--all")
	if err != nil {
		t.Fatal(err)
	}
	commits := strings.Fields(string(out))
	order := slices.Concat(commits, commits[len(commits)/2:]) // newest first, then jumps back
	prev := make([]plumbing.Hash, len(paths))
	for _, c := range order {
		commit, err := r.commit(plumbing.NewHash(c))
		if err != nil {
			t.Fatal(err)
		}
		at, changed := x.resolve(commit.TreeHash)
		for i, p := range paths {
			want := plumbing.ZeroHash
			if out, err := git("rev-parse", "-q", "--verify", c+":"+p); err == nil {
				if typ, _ := git("cat-file", "-t", c+":"+p); strings.TrimSpace(string(typ)) == "blob" {
					want = plumbing.NewHash(strings.TrimSpace(string(out)))
				}
			}
			if at[i] != want {
				t.Errorf("commit %.7s, %s: %s, want %s", c, p, at[i], want)
			}
			if (at[i] != prev[i]) != slices.Contains(changed, i) {
				t.Errorf("commit %.7s, %s: changed %v, but %s before and %s now", c, p, changed, prev[i], at[i])
			}
		}
		copy(prev, at)
	}
}
