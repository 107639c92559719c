// Command genrepo writes a generated git repository, as a git fast-import
// stream, for the history benchmark (scripts/bench-history), and checks a
// `leakcord history` report against what it planted.
//
// The repository is a Discord bot project's history: -commits commits
// (default 4000) on three branches, main, develop and feature, where
// feature is merged into develop every 20 to 60 of its commits and forked
// again, develop is merged into main and tagged about a dozen times
// (releases), and hotfixes on main are merged back into develop. The tree
// tends to -files source files (default 300) of 1 to 6 KiB in Python, Go,
// TypeScript, JavaScript, Java, Rust, YAML, Markdown and shell, in about
// 25 folders. Each commit edits lines of 1 to 5 files, or adds, removes,
// renames or copies one now and then. About 1% of new file versions
// (-plant-rate) gain a Discord credential (bot token, webhook URL, client
// secret or mfa. token, generated at run time by internal/testtoken: this
// source holds none); later edits remove some of them, copies spread others
// to new paths, and some are pasted into a second file. Look-alikes that no
// rule may report (placeholders, environment references) are planted too.
// Everything depends only on the flags: the seed fixes contents, names and
// dates.
//
// Usage:
//
//	git init -q --bare -b main repo.git
//	genrepo [-commits 4000] [-files 300] [-seed 1] [-plant-rate 0.01] -manifest repo.manifest.json |
//		git -C repo.git fast-import --quiet
//	leakcord history -f jsonl -o report.jsonl repo.git
//	genrepo -check report.jsonl -manifest repo.manifest.json
//
// The manifest lists each planted credential that some commit's tree
// holds, by SHA-256 (never the value), with the paths it was ever
// committed at: a correct `leakcord history` reports exactly these secrets,
// one finding per (secret, path). -check compares a JSONL report with it
// and exits 1 on any difference. -describe prints the generator version
// and parameters on one line, for deciding whether a repository built
// earlier can be reused.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// Version changes whenever the same flags would produce a different repository.
const Version = 1

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("genrepo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	p := params{}
	fs.IntVar(&p.Commits, "commits", 4000, "number of `N` commits, merges included")
	fs.IntVar(&p.Files, "files", 300, "number of `N` files the tree tends to")
	fs.Uint64Var(&p.Seed, "seed", 1, "random seed")
	fs.Float64Var(&p.PlantRate, "plant-rate", 0.01, "share of new file versions that gain a credential")
	manifest := fs.String("manifest", "", "write (or with -check, read) the manifest `FILE`")
	check := fs.String("check", "", "compare the JSONL `REPORT` of leakcord history with the manifest")
	describe := fs.Bool("describe", false, "print the generator version and parameters, and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || p.Commits < 10 || p.Files < 10 || p.PlantRate < 0 || p.PlantRate > 1 {
		fmt.Fprintln(stderr, "genrepo: no arguments accepted; -commits and -files must be at least 10, -plant-rate within 0…1")
		return 2
	}
	if *describe {
		fmt.Fprintln(stdout, p.describe())
		return 0
	}
	if *manifest == "" {
		fmt.Fprintln(stderr, "genrepo: -manifest is required")
		return 2
	}
	if *check != "" {
		ok, err := checkReport(*manifest, *check, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "genrepo: %v\n", err)
			return 2
		}
		if !ok {
			return 1
		}
		return 0
	}
	w := bufio.NewWriterSize(stdout, 1<<20)
	m := generate(w, p)
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "genrepo: write stream: %v\n", err)
		return 1
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err == nil {
		err = os.WriteFile(*manifest, append(data, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "genrepo: write manifest: %v\n", err)
		return 1
	}
	s := m.Stats
	fmt.Fprintf(stderr, "genrepo: %d commits (%d merges), %d file versions (%.1f MiB), %d files at the tip of main; "+
		"%d credentials at %d (secret, path) pairs\n", s.Commits, s.Merges, s.Blobs, float64(s.BlobBytes)/(1<<20),
		s.TipFiles, len(m.Secrets), m.Pairs)
	return 0
}

// params are the flags that decide the repository.
type params struct {
	Commits   int     `json:"commits"`
	Files     int     `json:"files"`
	Seed      uint64  `json:"seed"`
	PlantRate float64 `json:"plant_rate"`
}

func (p params) describe() string {
	return fmt.Sprintf("genrepo v%d commits=%d files=%d seed=%d plant-rate=%g", Version, p.Commits, p.Files, p.Seed, p.PlantRate)
}

// Manifest describes a generated repository and what a correct history
// scan of it reports.
type Manifest struct {
	Generator string   `json:"generator"` // params.describe()
	Params    params   `json:"params"`
	Stats     Stats    `json:"stats"`
	Pairs     int      `json:"pairs"`   // (secret, path) pairs: the findings expected
	Secrets   []Secret `json:"secrets"` // sorted by hash
}

// Secret is one planted credential: its SHA-256 in hex (the secret_sha256
// of a finding), its family, and every path it was committed at.
type Secret struct {
	SHA256 string   `json:"secret_sha256"`
	Kind   string   `json:"kind"`
	Paths  []string `json:"paths"`
}

func (s *Secret) addPath(p string) {
	if !slices.Contains(s.Paths, p) {
		s.Paths = append(s.Paths, p)
	}
}

// Stats count what the generator did.
type Stats struct {
	Commits   int   `json:"commits"`
	Merges    int   `json:"merges"`
	Tags      int   `json:"tags"`
	Blobs     int   `json:"blobs"` // distinct file versions
	BlobBytes int64 `json:"blob_bytes"`
	TipFiles  int   `json:"tip_files"` // files at the tip of main
	Adds      int   `json:"adds"`
	Deletes   int   `json:"deletes"`
	Renames   int   `json:"renames"`
	Copies    int   `json:"copies"`
	Plants    int   `json:"plants"`  // credential lines written (some overwritten before a commit)
	Pasted    int   `json:"pasted"`  // of which an earlier credential pasted into another file
	Removed   int   `json:"removed"` // credential lines removed by a later edit
}

// generate writes the stream to w and returns the manifest.
func generate(w *bufio.Writer, p params) *Manifest {
	m := &model{
		r: testtoken.New(p.Seed), w: w, target: p.Files, plantRate: p.PlantRate, when: 1546300800, // 2019-01-01
		base: make(map[[2]string]state), secrets: make(map[string]*Secret),
	}
	trunk := &branch{name: "main", state: state{}}
	dev := &branch{name: "develop"}
	feat := &branch{name: "feature"}

	root := state{}
	for range p.Files * 2 / 3 {
		l := languages[m.r.IntN(len(languages))]
		path := m.newPath(root, l)
		root[path] = m.maybePlant(&version{lang: l, lines: toLines(l.newFile(m.r, stem(path), 1024+m.r.IntN(5*1024)))})
	}
	m.commit(trunk, 0, 0, root, "Initial commit")
	m.fork(dev, trunk)
	m.fork(feat, dev)

	releaseEvery := max(25, p.Commits/12)
	featureLen := 20 + m.r.IntN(40)
	sinceRelease, hotfixes := 0, 0
	backMerge := false
	for m.stats.Commits < p.Commits {
		sinceRelease++
		switch x := m.r.IntN(100); {
		case backMerge: // hotfixes of the release back into develop
			m.merge(dev, trunk)
			backMerge, hotfixes = false, 0
		case feat.since >= featureLen:
			m.merge(dev, feat)
			m.fork(feat, dev)
			featureLen = 20 + m.r.IntN(40)
		case sinceRelease >= releaseEvery:
			m.merge(trunk, dev)
			m.stats.Tags++
			fmt.Fprintf(w, "reset refs/tags/v1.%d.0\nfrom :%d\n\n", m.stats.Tags, trunk.tip)
			backMerge, sinceRelease = hotfixes > 0, 0
		case x < 45:
			m.change(feat)
		case x < 85:
			m.change(dev)
		default:
			m.change(trunk)
			hotfixes++
		}
	}

	man := &Manifest{Generator: p.describe(), Params: p, Stats: m.stats}
	man.Stats.TipFiles = len(trunk.state)
	for _, s := range m.secrets {
		if len(s.Paths) == 0 {
			continue // overwritten in the same commit that planted it
		}
		slices.Sort(s.Paths)
		man.Secrets = append(man.Secrets, *s)
		man.Pairs += len(s.Paths)
	}
	slices.SortFunc(man.Secrets, func(a, b Secret) int { return strings.Compare(a.SHA256, b.SHA256) })
	return man
}

// checkReport compares the findings of a JSONL report with the manifest:
// the same secrets (by SHA-256), each at the same paths. It prints a
// summary, and each difference by hash and path, to w.
func checkReport(manifestFile, reportFile string, w io.Writer) (bool, error) {
	data, err := os.ReadFile(manifestFile)
	if err != nil {
		return false, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return false, fmt.Errorf("%s: %w", manifestFile, err)
	}
	want := make(map[[2]string]bool)
	wantSecrets := make(map[string]bool)
	for _, s := range m.Secrets {
		wantSecrets[s.SHA256] = true
		for _, p := range s.Paths {
			want[[2]string{s.SHA256, p}] = true
		}
	}
	f, err := os.Open(reportFile)
	if err != nil {
		return false, err
	}
	defer f.Close()
	got := make(map[[2]string]bool)
	gotSecrets := make(map[string]bool)
	dec := json.NewDecoder(f)
	for {
		var fd struct {
			SHA256 string `json:"secret_sha256"`
			File   string `json:"file"`
		}
		if err := dec.Decode(&fd); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return false, fmt.Errorf("%s: %w", reportFile, err)
		}
		if fd.SHA256 == "" {
			return false, fmt.Errorf("%s: a finding without secret_sha256 (want a JSONL report)", reportFile)
		}
		got[[2]string{fd.SHA256, fd.File}] = true
		gotSecrets[fd.SHA256] = true
	}
	missing, extra := diff(want, got), diff(got, want)
	missingSecrets, extraSecrets := len(diff(wantSecrets, gotSecrets)), len(diff(gotSecrets, wantSecrets))
	fmt.Fprintf(w, "genrepo: check: %d distinct secrets planted, %d reported (missing %d, extra %d); "+
		"%d (secret, path) findings expected, %d reported (missing %d, extra %d)\n",
		len(wantSecrets), len(gotSecrets), missingSecrets, extraSecrets, len(want), len(got), len(missing), len(extra))
	const show = 10
	for i, k := range missing[:min(show, len(missing))] {
		fmt.Fprintf(w, "  missing %d: %.16s… at %s\n", i+1, k[0], k[1])
	}
	for i, k := range extra[:min(show, len(extra))] {
		fmt.Fprintf(w, "  extra %d: %.16s… at %s\n", i+1, k[0], k[1])
	}
	return len(missing) == 0 && len(extra) == 0, nil
}

// diff returns the keys of a that b lacks, sorted.
func diff[K comparable](a, b map[K]bool) []K {
	var out []K
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	slices.SortFunc(out, func(x, y K) int { return strings.Compare(fmt.Sprint(x), fmt.Sprint(y)) })
	return out
}
