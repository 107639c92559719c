package config

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/valid")

// TestValid loads each file of testdata/valid and compares the result with
// the golden file of the same name with extension .json.
func TestValid(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no valid cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".toml"), func(t *testing.T) {
			c, err := Load(file)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Path != file {
				t.Errorf("Path = %q, want %q", c.Path, file)
			}
			c.Path = ""
			got, err := json.MarshalIndent(c, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(file, ".toml") + ".json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("Load(%s):\n%s\nwant (%s):\n%s", file, got, golden, want)
			}
		})
	}
}

// TestInvalid loads each file of testdata/invalid, whose first line is
// "# want: LINE: KEY: MESSAGE", and checks that the first error Load
// returns starts with the file name followed by that text.
func TestInvalid(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".toml"), func(t *testing.T) {
			want := wantLine(t, file)
			c, err := Load(file)
			if err == nil {
				t.Fatalf("Load succeeded: %+v", c)
			}
			list, ok := err.(ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("Load returned %T %v, want an ErrorList", err, err)
			}
			first := list[0].Error()
			if !strings.HasPrefix(first, file+":"+want) {
				t.Errorf("first error:\n  %s\nwant it to start with:\n  %s:%s", first, file, want)
			}
			if len(list) > 1 {
				t.Errorf("%d errors, want one: %v", len(list), list)
			}
		})
	}
}

func wantLine(t *testing.T, file string) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Scan()
	first := strings.TrimSuffix(strings.TrimPrefix(s.Text(), "\ufeff"), "\r")
	want, ok := strings.CutPrefix(first, "# want: ")
	if !ok {
		t.Fatalf("%s: the first line must be \"# want: LINE: KEY: MESSAGE\"", file)
	}
	return want
}
