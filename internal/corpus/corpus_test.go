package corpus

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// generate writes a tree of size bytes with seed into a temporary folder.
func generate(t testing.TB, seed uint64, size int64) (string, *Manifest) {
	t.Helper()
	dir := t.TempDir()
	m, err := Generate(context.Background(), dir, Options{Seed: seed, TargetBytes: size})
	if err != nil {
		t.Fatal(err)
	}
	return dir, m
}

// scan scans dir in-process as `leakcord scan` does.
func scan(t *testing.T, dir string, noIgnore bool) []Found {
	t.Helper()
	res, err := scanner.Scan(context.Background(), []string{dir}, scanner.Options{
		Matcher:  rules.NewMatcher(time.Now()),
		NoIgnore: noIgnore,
		Warn:     func(err error) { t.Errorf("scan warning: %v", err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	found := make([]Found, len(res.Findings))
	for i, f := range res.Findings {
		found[i] = Found{File: f.File, RuleID: f.RuleID, SHA256: f.SecretSHA256}
	}
	return found
}

// TestScanReportsExactlyThePlants is the correctness check of the
// benchmark corpus: every planted credential is reported, nothing in an
// ignored file is, and no look-alike is.
func TestScanReportsExactlyThePlants(t *testing.T) {
	seeds := []uint64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			t.Parallel()
			dir, m := generate(t, seed, 6<<20)
			if len(m.Uncovered) > 0 {
				t.Errorf("plant contexts without a file of their format: %v", m.Uncovered)
			}
			for _, noIgnore := range []bool{false, true} {
				res := m.Check(scan(t, dir, noIgnore), noIgnore)
				if !res.OK() {
					var b strings.Builder
					res.Report(&b)
					t.Errorf("scan (no-ignore=%v) does not match the manifest:\n%s", noIgnore, b.String())
				}
			}
		})
	}
}

// TestManifestCoversEveryKind checks that the tree plants every real kind
// and look-alike kind, and real credentials behind every ignore rule.
func TestManifestCoversEveryKind(t *testing.T) {
	_, m := generate(t, 7, 6<<20)
	planted := map[string]bool{}
	for _, s := range m.Expected {
		planted[s.Kind] = true
	}
	ignoredBy := map[string]bool{}
	for _, s := range m.Ignored {
		ignoredBy[s.IgnoredBy] = true
	}
	for kind, gen := range kinds {
		if _, secret := gen(testRand()); secret != "" {
			if !planted[kind] {
				t.Errorf("real kind %s is not planted", kind)
			}
		} else if m.LookAlikes[kind] == 0 {
			t.Errorf("look-alike kind %s is not planted", kind)
		}
	}
	for _, reason := range []string{ignNodeModules, ignVenv, ignLog, ignLocalEnv, ignRootBuild, ignScratch,
		ignDist, ignLocalJSON, ignJavaBuild, ignObj, ignVendor, ignTarget, ignTmp} {
		if !ignoredBy[reason] {
			t.Errorf("no credential planted in a file ignored by %s", reason)
		}
	}
	for _, f := range []string{"python", "javascript", "typescript", "minified-js", "go", "java", "csharp", "php",
		"ruby", "rust", "shell", "yaml", "json", "toml", "env", "ini", "markdown", "notebook"} {
		if m.Formats[f] == 0 {
			t.Errorf("no %s file", f)
		}
	}
}

// TestGenerateIsDeterministic checks that a seed fixes the tree. Values of
// the few kinds relative to the current time (bot.recent, fake.future...)
// follow the clock, so secrets are compared by kind and place, not value.
func TestGenerateIsDeterministic(t *testing.T) {
	dir1, m1 := generate(t, 42, 512<<10)
	dir2, m2 := generate(t, 42, 512<<10)
	if !reflect.DeepEqual(places(m1), places(m2)) || !reflect.DeepEqual(m1.LookAlikes, m2.LookAlikes) ||
		!reflect.DeepEqual(m1.Formats, m2.Formats) || m1.Files != m2.Files {
		t.Error("manifests differ for the same seed")
	}
	h1, h2 := treeHash(t, dir1), treeHash(t, dir2)
	if len(h1) != len(h2) {
		t.Fatalf("trees have %d and %d files", len(h1), len(h2))
	}
	same := 0
	for name, h := range h1 {
		if h2[name] == h {
			same++
		}
	}
	if same < len(h1)*9/10 {
		t.Errorf("only %d of %d files are the same for the same seed", same, len(h1))
	}
	_, m3 := generate(t, 43, 512<<10)
	if reflect.DeepEqual(places(m1), places(m3)) {
		t.Error("different seeds gave the same plants")
	}
}

// places returns the manifest's plants without their values.
func places(m *Manifest) []Secret {
	var out []Secret
	for _, list := range [][]Secret{m.Expected, m.Ignored} {
		for _, s := range list {
			s.Secret, s.SHA256 = "", ""
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Secret) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Context, b.Context), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}

func TestGenerateSize(t *testing.T) {
	for _, target := range []int64{4 << 20, 32 << 20} {
		if testing.Short() && target > 8<<20 {
			continue
		}
		_, m := generate(t, 1, target)
		if r := float64(m.Bytes) / float64(target); r < 0.95 || r > 1.3 {
			t.Errorf("target %d: wrote %d bytes (%.2f of the target)", target, m.Bytes, r)
		}
		if m.ScannedBytes < m.Bytes/2 {
			t.Errorf("target %d: only %d of %d bytes are scanned by default", target, m.ScannedBytes, m.Bytes)
		}
	}
}

func TestGenerateRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(context.Background(), dir, Options{Seed: 1, TargetBytes: 1 << 20}); err == nil {
		t.Error("Generate wrote into a folder that was not empty")
	}
}

func BenchmarkGenerate(b *testing.B) {
	const size = 32 << 20
	b.SetBytes(size)
	for b.Loop() {
		generate(b, 1, size)
	}
}

func testRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

func treeHash(t *testing.T, dir string) map[string][sha256.Size]byte {
	t.Helper()
	out := map[string][sha256.Size]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
