package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdNoSecretTree fails if a planted secret appears in any file under the
// given folders (reports, baselines, temporary files).
//
//	nosecrettree DIR...
func cmdNoSecretTree(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: nosecrettree DIR...")
	}
	planted := strings.Fields(ts.Getenv("PLANTED"))
	if len(planted) == 0 {
		ts.Fatalf("no secrets were planted")
	}
	files := 0
	for _, dir := range args {
		err := filepath.WalkDir(ts.MkAbs(dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			for _, s := range planted {
				if strings.Contains(string(data), s) {
					ts.Fatalf("%s holds a raw secret (%.8s…)", p, s)
				}
			}
			return nil
		})
		if err != nil {
			ts.Fatalf("nosecrettree %s: %v", dir, err)
		}
	}
	ts.Logf("nosecrettree: %d files clean", files)
}
