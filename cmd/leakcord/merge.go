package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/report"
	"github.com/leakcord/leakcord/scanner"
)

func (a *app) mergeCmd() *cobra.Command {
	var out outputFlags
	var ff fleetFlags
	var mode string
	c := &cobra.Command{
		Use:   "merge [flags] REPORT ...",
		Short: "Merge the json, jsonl or SARIF reports of many shards into one report",
		Long: "Read the reports that leakcord wrote (json, jsonl or sarif, told apart by their\n" +
			"content; \"-\" reads stdin) and write one report in any format. Findings are\n" +
			"de-duplicated by repository and fingerprint, so a shard reported twice counts once.\n" +
			"The text and markdown reports rank repositories by live and unverified findings and\n" +
			"group credentials by owner across repositories. A SARIF report holds one run, or one\n" +
			"run per repository with --sarif-runs per-repo (GitHub accepts at most 20 runs a file).\n" +
			"Secrets stay as the reports hold them: redacted unless the shards used --show-secrets.",
		Example: "  leakcord merge -f sarif -o fleet.sarif shard-*.jsonl\n" +
			"  leakcord merge -f markdown shard-*.jsonl >> \"$GITHUB_STEP_SUMMARY\"",
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := out.validate(c); err != nil {
				return err
			}
			if ff.sarifRuns != report.SARIFRunsSingle && ff.sarifRuns != report.SARIFRunsPerRepo {
				return usageError{err: fmt.Errorf("--sarif-runs %q: want %s or %s", ff.sarifRuns, report.SARIFRunsSingle, report.SARIFRunsPerRepo), cmd: c.CommandPath()}
			}
			if mode != "" && mode != "scan" && mode != "history" && mode != "staged" {
				return usageError{err: fmt.Errorf("--mode %q: want scan, history or staged", mode), cmd: c.CommandPath()}
			}
			fl, err := a.mergeReports(args, mode)
			if err != nil {
				return err
			}
			return a.writeFleetReport(&out, &ff, fl)
		},
	}
	out.register(c)
	f := c.Flags()
	f.StringVar(&ff.sarifRuns, "sarif-runs", report.SARIFRunsSingle, "SARIF layout: single (one run) or per-repo (one run per repository)")
	f.StringVar(&mode, "mode", "", "the scan mode the reports came from, for SARIF categories (default: what the reports say)")
	return c
}

// mergeReports reads every report and returns their findings as one fleet,
// de-duplicated by repository and fingerprint.
func (a *app) mergeReports(names []string, mode string) (*report.Fleet, error) {
	type key struct{ repo, fingerprint string }
	index := make(map[key]int)
	var all []scanner.Finding
	stdinUsed := false
	for _, name := range names {
		var rd *report.Read
		var err error
		if name == "-" {
			if stdinUsed {
				return nil, errors.New(`"-" (stdin) is given twice`)
			}
			stdinUsed = true
			rd, err = report.ReadReport(a.stdin)
		} else {
			f, openErr := os.Open(name)
			if openErr != nil {
				return nil, hinted{err: fmt.Errorf("read report: %w", openErr), hint: "merge reads the json, jsonl or sarif files that leakcord wrote"}
			}
			rd, err = report.ReadReport(f)
			f.Close()
		}
		if err != nil {
			return nil, hinted{err: fmt.Errorf("report %s: %w", name, err), hint: "merge reads the json, jsonl or sarif files that leakcord wrote"}
		}
		if mode == "" {
			mode = rd.Mode
		}
		for _, f := range rd.Findings {
			k := key{f.Repository, f.Fingerprint}
			if i, ok := index[k]; ok {
				if rank(f.Verification.Status) > rank(all[i].Verification.Status) {
					all[i].Verification = f.Verification
				}
				continue
			}
			index[k] = len(all)
			all = append(all, f)
		}
	}
	if mode == "" {
		mode = "history"
		if len(all) > 0 && all[0].Commit == nil {
			mode = "scan"
		}
	}
	sortFleetFindings(all)
	fl := &report.Fleet{Result: &scanner.Result{Mode: mode, Findings: all}}
	seen := make(map[string]bool)
	for _, f := range all {
		if !seen[f.Repository] {
			seen[f.Repository] = true
			fl.Repos = append(fl.Repos, report.FleetRepo{Name: f.Repository})
		}
	}
	return fl, nil
}

// rank orders verification outcomes by how much they tell: a duplicate
// finding keeps the most decisive outcome any report holds.
func rank(status string) int {
	switch status {
	case scanner.StatusLive:
		return 3
	case scanner.StatusInvalid:
		return 2
	case scanner.StatusUnknown:
		return 1
	}
	return 0
}
