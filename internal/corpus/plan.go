package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path"
	"strings"
)

// fileSpec is one file of the planned tree.
type fileSpec struct {
	path    string // relative, "/"-separated
	format  *format
	size    int    // target size; the file ends at the first block boundary past it
	raw     string // literal content instead of a format (ignore files)
	ignored string // the rule that excludes the file from a default scan, "" if scanned
	plants  []*plant
	seed    uint64
}

// planner lays out the tree: projects of several kinds in nested folders.
// It only decides paths, formats, sizes and plants; rendering comes later.
type planner struct {
	r     *rand.Rand
	files []*fileSpec
	paths map[string]bool
	total int64
}

// Ignore rules, as written in the tree's ignore files. Each names why a file
// is excluded from a default scan.
const (
	rootGitignore = `# dependencies
node_modules/
.venv/
__pycache__/

# logs and local secrets
*.log
secrets.local.env

# build output at the top level only
/build/
`
	infoExclude = "# personal scratch space\n/scratch/\n"

	ignNodeModules = "node_modules/ (root .gitignore)"
	ignVenv        = ".venv/ (root .gitignore)"
	ignPycache     = "__pycache__/ (root .gitignore)"
	ignLog         = "*.log (root .gitignore)"
	ignLocalEnv    = "secrets.local.env (root .gitignore)"
	ignRootBuild   = "/build/ (root .gitignore)"
	ignScratch     = "/scratch/ (.git/info/exclude)"
	ignDist        = "dist/ (nested .gitignore)"
	ignLocalJSON   = "*.local.json (nested .gitignore)"
	ignJavaBuild   = "build/ (nested .gitignore)"
	ignObj         = "obj/ (nested .gitignore)"
	ignVendor      = "vendor/ (nested .gitignore)"
	ignTarget      = "/target (nested .gitignore)"
	ignTmp         = "tmp/ (nested .gitignore)"
)

func (p *planner) add(rel string, f *format, size int, ignored string) *fileSpec {
	rel = p.unique(rel)
	fs := &fileSpec{path: rel, format: f, size: max(size, 64), ignored: ignored}
	p.files = append(p.files, fs)
	p.total += int64(fs.size)
	return fs
}

func (p *planner) addRaw(rel, content string) {
	rel = p.unique(rel)
	p.files = append(p.files, &fileSpec{path: rel, raw: content, size: len(content)})
	p.total += int64(len(content))
}

// unique returns rel, or rel with a number before its extension if taken.
func (p *planner) unique(rel string) string {
	if !p.paths[rel] {
		p.paths[rel] = true
		return rel
	}
	dir, base := path.Split(rel)
	stem, ext := base, ""
	if i := strings.IndexByte(base[1:], '.'); i >= 0 {
		stem, ext = base[:i+1], base[i+1:]
	}
	for n := 2; ; n++ {
		c := fmt.Sprintf("%s%s_%d%s", dir, stem, n, ext)
		if !p.paths[c] {
			p.paths[c] = true
			return c
		}
	}
}

// word returns a word for a file or folder name. It is never "build": a
// folder of that name is ignored by the Java projects' .gitignore at any
// depth, and the plan must know which files a scan reads.
func (p *planner) word() string {
	for {
		if w := words[p.r.IntN(len(words))]; w != "build" {
			return w
		}
	}
}

// name returns a file or folder name of one or two words joined by sep.
func (p *planner) name(sep string) string {
	n := strings.ReplaceAll(p.word(), "_", sep)
	if p.r.IntN(2) == 0 {
		n += sep + strings.ReplaceAll(p.word(), "_", sep)
	}
	return n
}

func (p *planner) pascal() string {
	var b strings.Builder
	for range 1 + p.r.IntN(2) {
		for _, part := range strings.Split(p.word(), "_") {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// dirs returns n nested folders under prefix, each one to three levels deep.
func (p *planner) dirs(prefix string, n int, sep string) []string {
	out := []string{prefix}
	for len(out) < n {
		parent := out[p.r.IntN(len(out))]
		if strings.Count(parent, "/")-strings.Count(prefix, "/") >= 3 {
			continue
		}
		out = append(out, parent+"/"+p.name(sep))
	}
	return out
}

// logSize returns a size with a log-normal distribution around median.
func (p *planner) logSize(median float64, sigma float64, lo, hi int) int {
	s := int(median * math.Exp(sigma*p.r.NormFloat64()))
	return min(max(s, lo), hi)
}

func (p *planner) srcSize() int { return p.logSize(9<<10, 0.9, 400, 300<<10) }

func (p *planner) between(lo, hi int) int { return lo + p.r.IntN(hi-lo+1) }

// bulk is a kind of file that fills a project: where it goes, its format
// and size, and how often it is picked.
type bulk struct {
	weight int
	file   func() (rel string, f *format, size int)
}

// minBulk is how many files of its main kind each project has at least.
const minBulk = 3

// fill adds bulk files under root until the project reaches budget bytes.
func (p *planner) fill(root string, start, budget int64, mix []bulk) {
	total := 0
	for _, b := range mix {
		total += b.weight
	}
	for n := 0; p.total-start < budget || n < minBulk; n++ {
		if n < minBulk { // every project has some of its main kind of file
			rel, f, size := mix[0].file()
			p.add(root+"/"+rel, f, size, "")
			continue
		}
		k := p.r.IntN(total)
		for _, b := range mix {
			if k -= b.weight; k < 0 {
				rel, f, size := b.file()
				p.add(root+"/"+rel, f, size, "")
				break
			}
		}
	}
}

// ignoredFill adds ignored files under root up to budget bytes.
func (p *planner) ignoredFill(budget int64, reason string, file func() (string, *format, int)) {
	start := p.total
	for p.total-start < budget {
		rel, f, size := file()
		p.add(rel, f, size, reason)
	}
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
