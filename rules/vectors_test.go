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

// Vector files live in testdata/<rule-id>/tp (each plants at least one
// secret the rule must find) and testdata/<rule-id>/fp (the rule must find
// nothing). They are templates: {{kind}} is replaced by a value generated
// with testtoken, seeded from the file's path, so no credential-shaped
// literal is stored and every run sees the same text.

// minVectors is the least number of files each tp and fp folder must hold,
// so that deleting vectors fails the test.
const minVectors = 40

// familyRule maps a testtoken kind family to the rule that must find it.
var familyRule = map[string]string{
	"bot":     IDBotToken,
	"mfa":     IDMFAToken,
	"webhook": IDWebhookURL,
	"secret":  IDClientSecret,
}

// vector is one expanded vector file.
type vector struct {
	path    string // relative to the package, "/"-separated
	rule    string // the rule ID of its folder
	tp      bool   // true positive folder
	tmpl    []byte // the file as stored
	data    []byte // the expanded text
	planted map[string][]string
}

// loadVectors reads and expands every vector file.
func loadVectors(tb testing.TB) []vector {
	tb.Helper()
	var out []vector
	for _, r := range All() {
		id := r.Info().ID
		for _, class := range []string{"tp", "fp"} {
			dir := filepath.Join("testdata", id, class)
			entries, err := os.ReadDir(dir)
			if err != nil {
				tb.Fatal(err)
			}
			for _, e := range entries {
				if e.IsDir() {
					continue
				}
				p := filepath.ToSlash(filepath.Join(dir, e.Name()))
				tmpl, err := os.ReadFile(p)
				if err != nil {
					tb.Fatal(err)
				}
				out = append(out, expandVector(tb, p, id, class == "tp", tmpl))
			}
		}
	}
	return out
}

func expandVector(tb testing.TB, path, rule string, tp bool, tmpl []byte) vector {
	h := fnv.New64a()
	h.Write([]byte(path))
	text, planted := testtoken.ExpandPlanted(testtoken.New(h.Sum64()), string(tmpl))
	v := vector{path: path, rule: rule, tp: tp, tmpl: tmpl, data: []byte(text), planted: map[string][]string{}}
	for _, p := range planted {
		id, ok := familyRule[testtoken.Family(p.Kind)]
		if !ok {
			tb.Fatalf("%s: kind %q plants a secret no rule owns", path, p.Kind)
		}
		v.planted[id] = append(v.planted[id], p.Secret)
	}
	return v
}

func TestVectorCounts(t *testing.T) {
	counts := map[string]int{}
	for _, v := range loadVectors(t) {
		counts[filepath.Dir(v.path)]++
	}
	for _, r := range All() {
		for _, class := range []string{"tp", "fp"} {
			dir := filepath.Join("testdata", r.Info().ID, class)
			if n := counts[filepath.ToSlash(dir)]; n < minVectors {
				t.Errorf("%s holds %d vector files, want at least %d", dir, n, minVectors)
			}
		}
	}
}

// TestVectors checks that, on every vector file, each rule finds exactly
// the secrets planted for it (each once) and nothing else: a tp file's rule
// finds its planted secrets, an fp file's rule finds nothing, and no rule
// fires on a secret that was not planted for it.
func TestVectors(t *testing.T) {
	now := time.Now()
	for _, v := range loadVectors(t) {
		t.Run(strings.TrimPrefix(v.path, "testdata/"), func(t *testing.T) {
			if v.tp && len(v.planted[v.rule]) == 0 {
				t.Fatalf("tp vector plants no %s secret", v.rule)
			}
			if !v.tp && len(v.planted[v.rule]) > 0 {
				t.Fatalf("fp vector plants %d %s secrets", len(v.planted[v.rule]), v.rule)
			}
			for _, r := range All() {
				id := r.Info().ID
				var got []string
				r.Find(v.data, now, func(c Candidate) {
					checkCandidate(t, v.data, c, id)
					got = append(got, c.Secret)
				})
				want := slices.Clone(v.planted[id])
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s found %d secrets, want %d\n got: %q\nwant: %q", id, len(got), len(want), got, want)
				}
			}
		})
	}
}

// checkCandidate checks what every candidate must satisfy.
func checkCandidate(t testing.TB, data []byte, c Candidate, rule string) {
	t.Helper()
	if c.RuleID != rule {
		t.Errorf("candidate of rule %s reports rule ID %q", rule, c.RuleID)
	}
	if c.Start < 0 || c.End > len(data) || c.Start >= c.End {
		t.Fatalf("%s: span [%d,%d) outside input of %d bytes", rule, c.Start, c.End, len(data))
	}
	if c.Secret != string(data[c.Start:c.End]) {
		t.Errorf("%s: Secret %q != data[%d:%d] %q", rule, c.Secret, c.Start, c.End, data[c.Start:c.End])
	}
}

// TestVectorsHoldNoLiterals checks that the stored templates themselves
// contain nothing any rule reports: every credential in them is generated.
func TestVectorsHoldNoLiterals(t *testing.T) {
	m := NewMatcher(time.Now())
	for _, v := range loadVectors(t) {
		for _, c := range m.Find(v.tmpl) {
			t.Errorf("%s: stored file holds a literal %s at byte %d", v.path, c.RuleID, c.Start)
		}
	}
}

// TestSourcesHoldNoLiterals checks that this package's and testtoken's Go
// files hold nothing any rule reports: published examples are written in
// parts, everything else is generated.
func TestSourcesHoldNoLiterals(t *testing.T) {
	m := NewMatcher(time.Now())
	for _, pattern := range []string{"*.go", "../internal/testtoken/*.go"} {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			t.Fatalf("glob %s: %v, %d files", pattern, err, len(files))
		}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range m.Find(data) {
				t.Errorf("%s holds a literal %s at byte %d", name, c.RuleID, c.Start)
			}
		}
	}
}
