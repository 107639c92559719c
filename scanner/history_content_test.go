package scanner_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// Tests of what a history scan does with the objects it meets: submodules,
// Git LFS pointers, binary and large blobs, symbolic links, missing and
// corrupt objects.

// A submodule entry (gitlink) is skipped and counted, not an error.
func TestHistorySubmodule(t *testing.T) {
	x := newGitRepo(t, 30)
	tok := x.plant("config.py")
	x.commit("initial")
	lib := newGitRepo(t, 31)
	lib.write("lib.py", "x = 1\n")
	libSHA := lib.commit("lib")
	// A gitlink without a .gitmodules checkout: the commit it names is not
	// in this repository, as in a real superproject.
	x.git("update-index", "--add", "--cacheinfo", "160000,"+libSHA+",vendor/lib")
	x.git("commit", "-q", "-m", "add submodule")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	if len(res.Findings) != 1 || res.Findings[0].Secret != tok {
		t.Errorf("findings:%s\nwant the one in config.py", describe(res))
	}
	if res.Stats.Submodules != 1 {
		t.Errorf("Stats.Submodules = %d, want 1", res.Stats.Submodules)
	}
	if res.Stats.Errors != 0 {
		t.Errorf("Stats.Errors = %d, want 0", res.Stats.Errors)
	}
}

// A Git LFS pointer file is skipped and counted; so are binary blobs and
// blobs over the size limit. A symbolic link's target is not content.
func TestHistorySkippedBlobs(t *testing.T) {
	x := newGitRepo(t, 32)
	x.write("model.bin", "version https://git-lfs.github.com/spec/v1\n"+
		"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n")
	x.write("logo.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR "+x.token()+"\n")
	x.write("big.txt", strings.Repeat("padding\n", 200)+"TOKEN = \""+x.token()+"\"\n")
	tok := x.plant("config.py")
	if err := os.Symlink("config.py", filepath.Join(x.dir, "link.py")); err != nil {
		t.Skipf("symlink: %v", err)
	}
	c1 := x.commit("assets")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{Options: scanner.Options{MaxFileSize: 1024}})
	checkFindings(t, res, wantFinding{secret: tok, path: "config.py", commit: c1, inHead: true})
	st := res.Stats
	if st.SkippedLFS != 1 || st.SkippedBinary != 1 || st.SkippedLarge != 1 || st.Files != 1 {
		t.Errorf("stats: %d LFS, %d binary, %d large, %d files; want 1 each",
			st.SkippedLFS, st.SkippedBinary, st.SkippedLarge, st.Files)
	}
}

// A blob missing from the object store, or damaged (not zlib, cut short, a
// header that does not parse), is a warning that names the object and its
// path; the scan completes and reports the rest. (Like git outside fsck,
// the scan does not re-hash what inflates cleanly.)
func TestHistoryBrokenObject(t *testing.T) {
	for _, how := range []string{"missing", "garbage", "truncated", "header"} {
		t.Run(how, func(t *testing.T) {
			x := newGitRepo(t, 33)
			x.git("config", "gc.auto", "0")
			good := x.plant("good.py")
			x.plant("broken/bad.py")
			c1 := x.commit("two configs")
			blob := x.git("rev-parse", "HEAD:broken/bad.py")
			obj := filepath.Join(x.dir, ".git", "objects", blob[:2], blob[2:])
			var data []byte
			switch how {
			case "garbage":
				data = []byte("this is not a zlib stream at all\n")
			case "truncated":
				b, err := os.ReadFile(obj)
				if err != nil {
					t.Fatal(err)
				}
				data = b[:len(b)/2]
			case "header":
				var b bytes.Buffer
				w := zlib.NewWriter(&b)
				fmt.Fprintf(w, "blob twelve\x00TOKEN = None")
				w.Close()
				data = b.Bytes()
			}
			if err := os.Remove(obj); err != nil {
				t.Fatal(err)
			}
			if data != nil {
				if err := os.WriteFile(obj, data, 0o444); err != nil {
					t.Fatal(err)
				}
			}

			var warnings []string
			res := scanHistory(t, x.dir, scanner.HistoryOptions{Options: scanner.Options{
				Warn: func(err error) { warnings = append(warnings, err.Error()) }}})
			checkFindings(t, res, wantFinding{secret: good, path: "good.py", commit: c1, inHead: true})
			if len(warnings) != 1 || !strings.Contains(warnings[0], blob) || !strings.Contains(warnings[0], "broken/bad.py") {
				t.Errorf("warnings %q, want one naming blob %s and broken/bad.py", warnings, blob)
			}
			if res.Stats.Errors != 1 {
				t.Errorf("Stats.Errors = %d, want 1", res.Stats.Errors)
			}
		})
	}
}

// A missing tree is a warning naming it, and the rest is scanned.
func TestHistoryMissingTree(t *testing.T) {
	x := newGitRepo(t, 34)
	good := x.plant("good.py")
	x.plant("broken/bad.py")
	c1 := x.commit("two configs")
	tree := x.git("rev-parse", "HEAD:broken")
	if err := os.Remove(filepath.Join(x.dir, ".git", "objects", tree[:2], tree[2:])); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	res := scanHistory(t, x.dir, scanner.HistoryOptions{Options: scanner.Options{
		Warn: func(err error) { warnings = append(warnings, err.Error()) }}})
	checkFindings(t, res, wantFinding{secret: good, path: "good.py", commit: c1, inHead: true})
	if !slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, tree) && strings.Contains(w, "broken") }) {
		t.Errorf("warnings %q, want one naming tree %s (broken)", warnings, tree)
	}
}

// A ref whose tip object is garbled is a warning naming the ref: a damaged
// repository must not look clean. The other refs are still scanned.
func TestHistoryUnreadableRefTip(t *testing.T) {
	x := newGitRepo(t, 35)
	x.git("config", "gc.auto", "0")
	good := x.plant("good.py")
	c1 := x.commit("main")
	x.git("checkout", "-q", "-b", "side")
	x.plant("side.py")
	x.commit("side")
	tip := x.git("rev-parse", "side")
	x.git("checkout", "-q", "-")
	obj := filepath.Join(x.dir, ".git", "objects", tip[:2], tip[2:])
	if err := os.Remove(obj); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(obj, []byte("garbage, not zlib"), 0o444); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	res := scanHistory(t, x.dir, scanner.HistoryOptions{Options: scanner.Options{
		Warn: func(err error) { warnings = append(warnings, err.Error()) }}})
	checkFindings(t, res, wantFinding{secret: good, path: "good.py", commit: c1, inHead: true})
	if len(warnings) == 0 || !strings.Contains(strings.Join(warnings, "\n"), "refs/heads/side") {
		t.Errorf("warnings %q, want one naming refs/heads/side", warnings)
	}
}

// A truncated or garbled pack file never crashes or hangs the scan: it
// ends with an error or with warnings that name what could not be read.
func TestHistoryDamagedPack(t *testing.T) {
	for _, how := range []string{"truncated", "garbled"} {
		t.Run(how, func(t *testing.T) {
			x := newGitRepo(t, 36)
			x.git("config", "gc.auto", "0")
			for i := range 5 {
				x.plant(fmt.Sprintf("f%d.py", i))
				x.commit(fmt.Sprintf("c%d", i))
			}
			x.git("repack", "-adq")
			packs, _ := filepath.Glob(filepath.Join(x.dir, ".git", "objects", "pack", "*.pack"))
			if len(packs) != 1 {
				t.Fatalf("%d pack files, want 1", len(packs))
			}
			data, err := os.ReadFile(packs[0])
			if err != nil {
				t.Fatal(err)
			}
			switch how {
			case "truncated":
				data = data[:len(data)/2]
			case "garbled":
				for i := 64; i < len(data)-20; i += 97 {
					data[i] ^= 0x5a
				}
			}
			os.Chmod(packs[0], 0o644)
			if err := os.WriteFile(packs[0], data, 0o444); err != nil {
				t.Fatal(err)
			}
			var warnings []string
			done := make(chan struct{})
			go func() {
				defer close(done)
				_, err = scanner.ScanHistory(context.Background(), x.dir, scanner.HistoryOptions{Options: scanner.Options{
					Matcher: matcher(), Warn: func(err error) { warnings = append(warnings, err.Error()) }}})
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("the scan of a damaged pack did not finish")
			}
			if err == nil && len(warnings) == 0 {
				t.Error("a damaged pack gave neither an error nor a warning")
			}
		})
	}
}
