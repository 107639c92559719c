package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCase is one rendering compared with testdata/golden/<name>.<format>.
type goldenCase struct {
	name    string
	res     func() *scanner.Result
	opts    Options
	formats []string // nil: every format
}

// Version and Root matter only to SARIF: the cases set them so that its
// golden files show a release build scanning a checkout (findings), a
// source build (history) and no root at all (empty, staged).
var goldenCases = []goldenCase{
	{name: "empty", res: emptyResult, opts: Options{Version: "v1.2.3"}},
	{name: "findings", res: scanResult, opts: Options{Version: "v1.2.3", Root: "/home/runner/work/bot/bot"}},
	{name: "showsecrets", res: scanResult, opts: Options{ShowSecrets: true, Version: "v1.2.3", Root: "/src/bot"}},
	{name: "history", res: historyResult, opts: Options{Version: "devel-630e5a5b1c2d-dirty", Root: "/src/bot"}},
	{name: "staged", res: stagedResult, opts: Options{Version: "v1.2.3"}, formats: []string{FormatSARIF}},
	{name: "color", res: allResult, opts: Options{Color: true}, formats: []string{FormatText}},
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		formats := c.formats
		if formats == nil {
			formats = Formats()
		}
		for _, format := range formats {
			t.Run(c.name+"."+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, c.res(), c.opts); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", "golden", c.name+"."+format)
				if *update {
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./report -update to create it)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("%s differs (run go test ./report -update if the change is intended)\n--- got:\n%s\n--- want:\n%s",
						path, buf.Bytes(), want)
				}
			})
		}
	}
}

// TestGoldenFilesHoldNoCredentials runs leakcord's own rules over the golden
// files: they must stay clean even where secrets are shown, so the
// repository never carries a credential-shaped string.
func TestGoldenFilesHoldNoCredentials(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no golden files")
	}
	m := rules.NewMatcher(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	// The check must be able to fail: a generated token (in memory only)
	// inside golden-like text is found.
	probe := `"secret": "` + testtoken.BotToken(testtoken.New(42)) + `",`
	if len(m.Find([]byte(probe))) == 0 {
		t.Fatal("matcher misses a generated token; the check below proves nothing")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range m.Find(data) {
			t.Errorf("%s: %s matches at byte %d", p, c.RuleID, c.Start)
		}
	}
}

// TestGoldenCasesCoverFormats makes sure every format has golden files, so
// a new format cannot ship without them.
func TestGoldenCasesCoverFormats(t *testing.T) {
	for _, format := range Formats() {
		if _, err := os.Stat(filepath.Join("testdata", "golden", "findings."+format)); err != nil {
			t.Errorf("format %s has no golden files: %v", format, err)
		}
	}
}
