// Command gencorpus writes the benchmark corpus of internal/corpus: a tree
// of realistic source files with planted Discord credentials and
// look-alikes, and a JSON manifest of what a correct scan reports.
//
// Usage:
//
//	go run ./scripts/gencorpus -out DIR [-manifest FILE] [-size 1GiB] [-seed 1] [-reuse] [-force]
//
// The manifest (default DIR.manifest.json) holds the planted secrets and is
// written next to the tree, never into it. With -reuse, an existing tree
// whose manifest has the same version, seed and size is kept. With -force,
// an existing generated tree (one with the corpus marker) is replaced.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/leakcord/leakcord/internal/corpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "write the tree into `DIR` (required)")
	manifest := fs.String("manifest", "", "write the manifest to `FILE` (default DIR.manifest.json)")
	size := fs.String("size", "1GiB", "approximate total `SIZE` (bytes, or with KiB, MiB, GiB)")
	seed := fs.Uint64("seed", 1, "random seed")
	reuse := fs.Bool("reuse", false, "keep an existing tree generated with the same version, seed and size")
	force := fs.Bool("force", false, "replace an existing generated tree")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "gencorpus: -out is required and no arguments are accepted")
		return 2
	}
	n, err := parseSize(*size)
	if err != nil {
		fmt.Fprintf(stderr, "gencorpus: -size: %v\n", err)
		return 2
	}
	if *manifest == "" {
		*manifest = filepath.Clean(*out) + ".manifest.json"
	}
	if err := generate(ctx, *out, *manifest, corpus.Options{Seed: *seed, TargetBytes: n}, *reuse, *force, stderr); err != nil {
		fmt.Fprintf(stderr, "gencorpus: %v\n", err)
		return 1
	}
	return 0
}

func generate(ctx context.Context, out, manifest string, opts corpus.Options, reuse, force bool, stderr io.Writer) error {
	if reuse && current(out, manifest, opts) {
		fmt.Fprintf(stderr, "gencorpus: reusing %s\n", out)
		return nil
	}
	if _, err := os.Stat(out); err == nil {
		if !force {
			return fmt.Errorf("%s exists (use -force to replace a generated tree)", out)
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(corpus.MarkerFile))); err != nil {
			return fmt.Errorf("refusing to remove %s: it has no %s marker", out, corpus.MarkerFile)
		}
		if err := os.RemoveAll(out); err != nil {
			return err
		}
	}
	start := time.Now()
	m, err := corpus.Generate(ctx, out, opts)
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(manifest, append(data, '\n'), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gencorpus: wrote %d files, %.1f MiB (%.1f MiB scanned by default), %d credentials to find, %d in ignored files, in %s\n",
		m.Files, float64(m.Bytes)/(1<<20), float64(m.ScannedBytes)/(1<<20), len(m.Expected), len(m.Ignored), time.Since(start).Round(time.Millisecond))
	return nil
}

// current reports whether out holds a tree generated with opts and the
// current generator version, with its manifest.
func current(out, manifest string, opts corpus.Options) bool {
	data, err := os.ReadFile(manifest)
	if err != nil {
		return false
	}
	var m corpus.Manifest
	if json.Unmarshal(data, &m) != nil {
		return false
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(corpus.MarkerFile))); err != nil {
		return false
	}
	return m.Version == corpus.Version && m.Seed == opts.Seed && m.TargetBytes == opts.TargetBytes
}

// parseSize parses "1GiB", "20MiB", "512KiB", "1G", "20M" or plain bytes.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || n <= 0 {
		return 0, errors.New("want a positive size such as 1GiB or 20MiB")
	}
	return int64(n * float64(mult)), nil
}
