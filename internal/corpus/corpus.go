package corpus

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Version changes whenever the same Options would produce a different
// tree, so that a stored tree can be reused only when it is current.
const Version = 2 // 2: the hidden (encoded, split, reversed) kinds of issue 8

// MarkerFile is written inside the tree's .git folder (which no scanner
// enters) to mark the folder as a generated corpus that may be replaced.
const MarkerFile = ".git/leakcord-corpus"

// Options configure [Generate].
type Options struct {
	// Seed selects the tree; the same seed and size give the same tree.
	Seed uint64
	// TargetBytes is the approximate total size of the files written,
	// ignored ones included. It must be at least 64 KiB.
	TargetBytes int64
	// Jobs is how many files are rendered at once; 0 means one per CPU.
	Jobs int
}

// Manifest describes a generated tree and what a correct scan of it reports.
type Manifest struct {
	Version     int    `json:"version"`
	Seed        uint64 `json:"seed"`
	TargetBytes int64  `json:"target_bytes"`

	Files        int   `json:"files"` // every file written, .git excluded
	Bytes        int64 `json:"bytes"`
	ScannedFiles int   `json:"scanned_files"` // files a default scan reads (binary ones included)
	ScannedBytes int64 `json:"scanned_bytes"`
	IgnoredFiles int   `json:"ignored_files"`
	IgnoredBytes int64 `json:"ignored_bytes"`
	// Formats counts files per format (python, minified-js, notebook, ...).
	Formats map[string]int `json:"formats"`
	// LookAlikes counts planted look-alikes per generator kind.
	LookAlikes map[string]int `json:"look_alikes"`
	// Uncovered lists plant contexts that found no file of their format
	// (only in very small trees).
	Uncovered []string `json:"uncovered,omitempty"`

	// Expected are the credentials a default scan must report, one per
	// file and secret, sorted by file and secret hash.
	Expected []Secret `json:"expected"`
	// Ignored are credentials planted in files that .gitignore or
	// .git/info/exclude exclude: a default scan must not report them, a
	// scan with --no-ignore must.
	Ignored []Secret `json:"ignored"`
}

// Secret is one planted credential.
type Secret struct {
	File    string `json:"file"` // relative to the tree's root, "/"-separated
	RuleID  string `json:"rule_id"`
	Kind    string `json:"kind"`    // generator kind, e.g. "bot.legacy", "webhook.ptb"
	Context string `json:"context"` // plant context, e.g. "notebook/markdown-newline-token"
	SHA256  string `json:"sha256"`  // of the secret as leakcord reports it
	Secret  string `json:"secret"`
	// IgnoredBy names the ignore rule that excludes the file, for Ignored.
	IgnoredBy string `json:"ignored_by,omitempty"`
}

// Generate writes a tree into dir, which must not exist or be empty, and
// returns its manifest. The manifest is not written into the tree.
func Generate(ctx context.Context, dir string, opts Options) (*Manifest, error) {
	if opts.TargetBytes < 64<<10 {
		return nil, fmt.Errorf("corpus: target size %d is below 64 KiB", opts.TargetBytes)
	}
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("corpus: %s is not empty", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}

	p := &planner{r: rand.New(rand.NewPCG(opts.Seed, 0x6c65616b636f7264)), paths: map[string]bool{}}
	p.planTree(opts.TargetBytes)
	uncovered := p.schedulePlants()
	for i, f := range p.files {
		f.seed = splitmix(opts.Seed ^ uint64(i)*0x9e3779b97f4a7c15)
	}

	if err := writeGitDir(dir, opts); err != nil {
		return nil, err
	}
	made := map[string]bool{}
	for _, f := range p.files {
		d := path.Dir(f.path)
		if !made[d] {
			if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
				return nil, err
			}
			made[d] = true
		}
	}

	results := make([]fileResult, len(p.files))
	pool := sync.Pool{New: func() any { return &gen{} }}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opts.Jobs)
	for i, f := range p.files {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			gn := pool.Get().(*gen)
			defer pool.Put(gn)
			res, err := writeFile(dir, f, gn)
			results[i] = res
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return buildManifest(opts, p.files, results, uncovered), nil
}

// fileResult is what rendering one file produced.
type fileResult struct {
	size       int
	secrets    []Secret
	lookAlikes map[string]int
}

func writeFile(dir string, f *fileSpec, g *gen) (fileResult, error) {
	var res fileResult
	abs := filepath.Join(dir, filepath.FromSlash(f.path))
	if f.format == nil {
		res.size = len(f.raw)
		return res, os.WriteFile(abs, []byte(f.raw), 0o644)
	}
	g.r = rand.New(rand.NewPCG(f.seed, f.seed>>7|1))
	texts := make([]string, 0, len(f.plants))
	for _, pl := range f.plants {
		e := expand(g.r, pl.text)
		texts = append(texts, e.text)
		for _, v := range e.planted {
			if v.secret == "" {
				if res.lookAlikes == nil {
					res.lookAlikes = map[string]int{}
				}
				res.lookAlikes[v.kind]++
				continue
			}
			res.secrets = append(res.secrets, Secret{
				File: f.path, RuleID: ruleOf(v.kind), Kind: v.kind, Context: pl.name,
				SHA256: sha256Hex(v.secret), Secret: v.secret, IgnoredBy: f.ignored,
			})
		}
	}
	f.format.write(g, f.size, texts)
	res.size = len(g.buf)
	if err := os.WriteFile(abs, g.buf, 0o644); err != nil {
		return res, err
	}
	return res, nil
}

// writeGitDir makes dir an empty git repository, so that every tool
// applies the tree's ignore files, with .git/info/exclude and the marker.
func writeGitDir(dir string, opts Options) error {
	for _, d := range []string{".git/info", ".git/objects", ".git/refs/heads"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	files := map[string]string{
		".git/HEAD":         "ref: refs/heads/main\n",
		".git/config":       "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n",
		".git/info/exclude": infoExclude,
		MarkerFile:          fmt.Sprintf("version=%d seed=%d target_bytes=%d\n", Version, opts.Seed, opts.TargetBytes),
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(files[name]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func buildManifest(opts Options, files []*fileSpec, results []fileResult, uncovered []string) *Manifest {
	m := &Manifest{
		Version: Version, Seed: opts.Seed, TargetBytes: opts.TargetBytes,
		Formats: map[string]int{}, LookAlikes: map[string]int{}, Uncovered: uncovered,
		Expected: []Secret{}, Ignored: []Secret{},
	}
	for i, f := range files {
		res := results[i]
		m.Files++
		m.Bytes += int64(res.size)
		if f.ignored != "" {
			m.IgnoredFiles++
			m.IgnoredBytes += int64(res.size)
		} else {
			m.ScannedFiles++
			m.ScannedBytes += int64(res.size)
		}
		name := "ignore-file"
		if f.format != nil {
			name = f.format.name
		}
		m.Formats[name]++
		for k, n := range res.lookAlikes {
			m.LookAlikes[k] += n
		}
		for _, s := range res.secrets {
			if f.ignored != "" {
				m.Ignored = append(m.Ignored, s)
			} else {
				m.Expected = append(m.Expected, s)
			}
		}
	}
	for _, list := range []*[]Secret{&m.Expected, &m.Ignored} {
		slices.SortFunc(*list, func(a, b Secret) int { return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.SHA256, b.SHA256)) })
	}
	return m
}

// PlantedByRule counts the expected findings per rule ID.
func (m *Manifest) PlantedByRule() map[string]int {
	out := map[string]int{}
	for _, s := range m.Expected {
		out[s.RuleID]++
	}
	return out
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
