// Command checkcorpus compares a leakcord JSON report of a generated corpus
// (see scripts/gencorpus) with the corpus manifest: every planted
// credential reported by the right rule, none from ignored files, and no
// other finding. It exits 0 when the report matches, 1 when it does not and
// 2 on a usage or read error.
//
// Usage:
//
//	checkcorpus -manifest FILE -report FILE [-no-ignore]
//
// The report must come from `leakcord scan --format json TREE` (paths
// relative to the tree); with -no-ignore, from a scan with --no-ignore.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/leakcord/leakcord/internal/corpus"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("checkcorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	manifestPath := fs.String("manifest", "", "the corpus manifest `FILE` (required)")
	reportPath := fs.String("report", "", "leakcord's JSON report `FILE` (required)")
	noIgnore := fs.Bool("no-ignore", false, "the scan also read ignored files")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *manifestPath == "" || *reportPath == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "checkcorpus: -manifest and -report are required")
		return 2
	}
	var m corpus.Manifest
	if err := readJSON(*manifestPath, &m); err != nil {
		fmt.Fprintf(stderr, "checkcorpus: %v\n", err)
		return 2
	}
	var found []corpus.Found
	if err := readJSON(*reportPath, &found); err != nil {
		fmt.Fprintf(stderr, "checkcorpus: %v\n", err)
		return 2
	}
	res := m.Check(found, *noIgnore)
	res.Report(stdout)
	if !res.OK() {
		return 1
	}
	return 0
}

func readJSON(name string, v any) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
