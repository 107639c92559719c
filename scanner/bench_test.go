package scanner_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// BenchmarkScanTree scans a tree of about 3,000 source files (~50 MiB) of
// several languages, a few of which carry planted credentials, with one
// worker and with one per CPU. The tree is built once; the page cache
// holds it, so this measures matching and walking, not the disk.
func BenchmarkScanTree(b *testing.B) {
	root := b.TempDir()
	planted := buildCorpus(b, root, 3000, 50<<20)
	m := matcher()

	first, err := scanner.Scan(context.Background(), []string{root}, scanner.Options{Matcher: m})
	if err != nil {
		b.Fatal(err)
	}
	if len(first.Findings) != planted {
		b.Fatalf("found %d secrets, planted %d", len(first.Findings), planted)
	}
	b.Logf("%d files, %.1f MiB, %d findings", first.Stats.Files, float64(first.Stats.Bytes)/(1<<20), len(first.Findings))

	for _, jobs := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.SetBytes(first.Stats.Bytes)
			b.ReportAllocs()
			for b.Loop() {
				res, err := scanner.Scan(context.Background(), []string{root}, scanner.Options{Matcher: m, Jobs: jobs})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Findings) != planted {
					b.Fatalf("found %d secrets, planted %d", len(res.Findings), planted)
				}
			}
		})
	}
}

// buildCorpus writes files source files of about total bytes under root,
// plus ignored folders the scan must skip, and returns how many secrets it
// planted in the files that are scanned.
func buildCorpus(b *testing.B, root string, files, total int) int {
	b.Helper()
	r := testtoken.New(99)
	g := &sourceGen{r: r}
	writeFile(b, root, ".gitignore", "node_modules/\ndist/\n*.log\n")
	planted := 0
	kinds := []func(*strings.Builder, int){g.goFile, g.jsFile, g.pyFile, g.lockFile, g.yamlFile, g.mdFile}
	exts := []string{".go", ".js", ".py", ".json", ".yaml", ".md"}
	avg := total / files
	for i := range files {
		var sb strings.Builder
		k := i % len(kinds)
		size := avg/2 + r.IntN(avg)
		kinds[k](&sb, size)
		text := sb.String()
		if i%40 == 7 {
			tmpl := []string{
				"\nconst discordToken = \"{{bot}}\"\n",
				"\nDISCORD_WEBHOOK={{webhook}}\n",
				"\n  token: '{{bot.legacy}}'\n",
				"\n# {{mfa}}\n",
			}[i/40%4]
			secret, p := testtoken.Expand(r, tmpl)
			at := strings.IndexByte(text[len(text)/2:], '\n') + len(text)/2
			text = text[:at] + secret + text[at:]
			planted += len(p)
		}
		dir := fmt.Sprintf("pkg%02d/sub%d", i%60, i%7)
		writeFile(b, root, filepath.Join(dir, fmt.Sprintf("file%04d%s", i, exts[k])), text)
	}
	// Ignored: a dependency folder and logs, with secrets that must not be found.
	for i := range 50 {
		secret, _ := testtoken.Expand(r, "module.exports = '{{bot}}'\n")
		writeFile(b, root, fmt.Sprintf("node_modules/dep%d/index.js", i), secret)
		writeFile(b, root, fmt.Sprintf("pkg00/run%d.log", i), secret)
	}
	return planted
}

// sourceGen writes text that looks like the code a scanner meets: short
// identifiers, dotted calls, string literals, comments, URLs, version
// numbers and base64 hashes (the bytes that make a token rule work).
type sourceGen struct{ r *rand.Rand }

var words = strings.Fields(`user client server request response handler config token message guild
channel member role error context value result buffer index count name id data cache store event
payload session retry timeout limit offset query filter status state queue worker job task parse
encode decode render update delete create fetch load save open close start stop`)

func (g *sourceGen) word() string { return words[g.r.IntN(len(words))] }

func (g *sourceGen) ident() string {
	w := g.word()
	if g.r.IntN(2) == 0 {
		w += strings.ToUpper(g.word()[:1]) + g.word()[1:]
	}
	return w
}

func (g *sourceGen) b64(n int) string {
	buf := make([]byte, n)
	for i := range buf {
		buf[i] = byte(g.r.UintN(256))
	}
	return base64.StdEncoding.EncodeToString(buf)
}

func (g *sourceGen) goFile(sb *strings.Builder, size int) {
	fmt.Fprintf(sb, "package %s\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"net/http\"\n)\n\n", g.word())
	for sb.Len() < size {
		fmt.Fprintf(sb, "// %s %ss the %s of a %s.\n", g.ident(), g.word(), g.word(), g.word())
		fmt.Fprintf(sb, "func (s *%s) %s(ctx context.Context, %s *%s) (*%s, error) {\n", g.ident(), g.ident(), g.word(), g.ident(), g.ident())
		for range 3 + g.r.IntN(8) {
			switch g.r.IntN(5) {
			case 0:
				fmt.Fprintf(sb, "\tif err := s.%s.%s(ctx, %s.%s); err != nil {\n\t\treturn nil, fmt.Errorf(\"%s %%s: %%w\", %s.ID, err)\n\t}\n",
					g.word(), g.ident(), g.word(), g.ident(), g.word(), g.word())
			case 1:
				fmt.Fprintf(sb, "\t%s := s.%s.%s(%d, %q)\n", g.ident(), g.word(), g.ident(), g.r.IntN(10000), g.word()+"."+g.word())
			case 2:
				fmt.Fprintf(sb, "\treq, _ := http.NewRequestWithContext(ctx, \"GET\", \"https://api.example.com/v%d/%s/%d\", nil)\n",
					1+g.r.IntN(9), g.word(), g.r.Uint64())
			case 3:
				fmt.Fprintf(sb, "\tconst %sHash = %q\n", g.ident(), g.b64(32))
			default:
				fmt.Fprintf(sb, "\tfor i := range %s.%s {\n\t\t%s[i] = %s.%s(i)\n\t}\n", g.word(), g.ident(), g.word(), g.word(), g.ident())
			}
		}
		sb.WriteString("\treturn nil, nil\n}\n\n")
	}
}

func (g *sourceGen) jsFile(sb *strings.Builder, size int) {
	// Minified bundles: long lines, dense with dots.
	for sb.Len() < size {
		fmt.Fprintf(sb, "var %s=function(e,t){return e.%s.%s(t.%s||%d)};", g.ident(), g.word(), g.ident(), g.word(), g.r.IntN(999))
		fmt.Fprintf(sb, "t.%s=n(%d).%s.%s(\"%s.%s\");", g.ident(), g.r.IntN(9999), g.word(), g.ident(), g.word(), g.word())
		if g.r.IntN(20) == 0 {
			sb.WriteByte('\n')
		}
	}
	sb.WriteByte('\n')
}

func (g *sourceGen) pyFile(sb *strings.Builder, size int) {
	fmt.Fprintf(sb, "import os\nimport %s\n\n", g.word())
	for sb.Len() < size {
		fmt.Fprintf(sb, "class %s:\n    \"\"\"%s the %s.\"\"\"\n\n", strings.ToUpper(g.word()[:1])+g.ident()[1:], g.word(), g.word())
		for range 2 + g.r.IntN(5) {
			fmt.Fprintf(sb, "    def %s(self, %s, %s=None):\n        self.%s = %s.%s(%s)\n        return os.environ.get(%q, %q)\n\n",
				g.ident(), g.word(), g.word(), g.word(), g.word(), g.ident(), g.word(), strings.ToUpper(g.word()), g.word())
		}
	}
}

func (g *sourceGen) lockFile(sb *strings.Builder, size int) {
	sb.WriteString("{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n")
	for sb.Len() < size {
		fmt.Fprintf(sb, "    \"node_modules/%s-%s\": {\n      \"version\": \"%d.%d.%d\",\n      \"resolved\": \"https://registry.example.org/%s/-/%s-%d.%d.%d.tgz\",\n      \"integrity\": \"sha512-%s\"\n    },\n",
			g.word(), g.word(), g.r.IntN(20), g.r.IntN(30), g.r.IntN(50), g.word(), g.word(), g.r.IntN(20), g.r.IntN(30), g.r.IntN(50), g.b64(64))
	}
	sb.WriteString("  }\n}\n")
}

func (g *sourceGen) yamlFile(sb *strings.Builder, size int) {
	for sb.Len() < size {
		fmt.Fprintf(sb, "%s:\n  %s: %q\n  %s: %d\n  image: registry.example.org/%s/%s:v%d.%d.%d\n  env:\n    - name: %s_%s\n      value: %q\n",
			g.ident(), g.word(), g.word()+"."+g.word(), g.word(), g.r.IntN(65536), g.word(), g.word(),
			g.r.IntN(5), g.r.IntN(20), g.r.IntN(100), strings.ToUpper(g.word()), strings.ToUpper(g.word()), g.b64(12))
	}
}

func (g *sourceGen) mdFile(sb *strings.Builder, size int) {
	fmt.Fprintf(sb, "# %s %s\n\n", g.ident(), g.word())
	for sb.Len() < size {
		for range 5 + g.r.IntN(20) {
			sb.WriteString(g.word())
			sb.WriteByte(' ')
		}
		fmt.Fprintf(sb, "(see [%s](https://docs.example.com/%s/%s.html#%s)). Version %d.%d.%d e.g. `%s.%s()`.\n\n",
			g.word(), g.word(), g.word(), g.word(), g.r.IntN(9), g.r.IntN(20), g.r.IntN(99), g.word(), g.ident())
	}
}
