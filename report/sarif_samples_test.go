package report

import (
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// vectorsDir holds the rules' true-positive templates.
const vectorsDir = "../rules/testdata"

// writeSecretTree expands every true-positive template of the rule vectors
// into dir, under the same relative path, with secrets generated now from a
// seed of that path. The files exist only for the run of .ci/sarif-check;
// nothing credential-shaped is ever committed.
func writeSecretTree(t *testing.T, dir string) {
	t.Helper()
	planted := 0
	err := filepath.WalkDir(vectorsDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(filepath.Dir(path)) != "tp" {
			return err
		}
		tmpl, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(vectorsDir, path)
		if err != nil {
			return err
		}
		h := fnv.New64a()
		h.Write([]byte(rel))
		text, secrets := testtoken.Expand(testtoken.New(h.Sum64()), string(tmpl))
		planted += len(secrets)
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, []byte(text), 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	if planted == 0 {
		t.Fatalf("no secrets planted from %s", vectorsDir)
	}
	t.Logf("planted %d secrets under %s", planted, dir)
}
