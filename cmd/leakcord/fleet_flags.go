package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/leakcord/leakcord/report"
	"github.com/leakcord/leakcord/scanner/fleet"
)

// fleetFlags are the flags of a run over many repositories.
type fleetFlags struct {
	repos       string
	parallel    int
	shard       string
	state       string
	incremental bool
	sarifRuns   string
}

// register adds the fleet flags to c; state adds --state and --incremental
// (history only: a folder has no refs to compare).
func (ff *fleetFlags) register(c *cobra.Command, state bool) {
	f := c.Flags()
	f.StringVar(&ff.repos, "repos", "", "scan every repository listed in `FILE` (one path or URL a line, # comments; - reads stdin)")
	f.IntVar(&ff.parallel, "parallel-repos", 4, "repositories scanned at once in a fleet run")
	f.StringVar(&ff.shard, "shard", "", "scan only shard `K/N` of the repositories (by a stable hash of each name)")
	if state {
		f.StringVar(&ff.state, "state", "", "record finished repositories in `FILE`; a re-run skips those whose refs did not change")
		f.BoolVar(&ff.incremental, "incremental", false, "with --state: scan only the commits added since the recorded refs")
	}
	f.StringVar(&ff.sarifRuns, "sarif-runs", report.SARIFRunsSingle, "SARIF layout of a fleet report: single (one run) or per-repo (one run per repository)")
	_ = c.RegisterFlagCompletionFunc("sarif-runs", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{report.SARIFRunsSingle, report.SARIFRunsPerRepo}, cobra.ShellCompDirectiveNoFileComp
	})
}

// active reports whether the command runs over a fleet: a list, a shard,
// a state, or (for history, whose REPO is one repository) several targets.
func (ff *fleetFlags) active(c *cobra.Command, args []string, history bool) bool {
	f := c.Flags()
	return ff.repos != "" || ff.shard != "" || ff.state != "" || ff.incremental ||
		f.Changed("parallel-repos") || (history && len(args) > 1)
}

// validate checks the fleet flags against each other and the policy flags.
func (ff *fleetFlags) validate(c *cobra.Command, pf *policyFlags) error {
	bad := func(format string, args ...any) error {
		return usageError{err: fmt.Errorf(format, args...), cmd: c.CommandPath()}
	}
	if ff.parallel < 1 {
		return bad("--parallel-repos must be at least 1")
	}
	if _, err := fleet.ParseShard(ff.shard); err != nil {
		return bad("--shard: %w", err)
	}
	if ff.sarifRuns != report.SARIFRunsSingle && ff.sarifRuns != report.SARIFRunsPerRepo {
		return bad("--sarif-runs %q: want %s or %s", ff.sarifRuns, report.SARIFRunsSingle, report.SARIFRunsPerRepo)
	}
	if ff.incremental && ff.state == "" {
		return bad("--incremental needs --state FILE (the refs scanned before)")
	}
	if ff.incremental && (c.Flags().Changed("since-commit") || c.Flags().Changed("range")) {
		return bad("--incremental starts from the recorded refs; it cannot be combined with --since-commit or --range")
	}
	if pf.baselinePath != "" || pf.writeBaseline != "" || pf.reportStale {
		return bad("--baseline and --write-baseline apply to one repository; run them per repository, not on a fleet")
	}
	return nil
}

// targets returns the repositories of the run: the arguments, then the
// lines of --repos; repeated ones are dropped with a warning.
func (a *app) fleetTargets(ff *fleetFlags, args []string, warn func(string, ...any)) ([]string, error) {
	targets := slices.Clone(args)
	if ff.repos != "" {
		var list []string
		var err error
		if ff.repos == "-" {
			list, err = fleet.ParseTargets(a.stdin, "stdin")
		} else {
			var f *os.File
			if f, err = os.Open(ff.repos); err != nil {
				return nil, hinted{err: fmt.Errorf("--repos: %w", err), hint: "the file lists one repository (path or URL) a line"}
			}
			list, err = fleet.ParseTargets(f, ff.repos)
			f.Close()
		}
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			// An empty list is a mistake more often than not (a list
			// generated from a failed query): a run that scans nothing
			// must not pass silently.
			return nil, hinted{err: fmt.Errorf("--repos %s lists no repositories", ff.repos),
				hint: "the file lists one repository (path or URL) a line; blank lines and # comments are skipped"}
		}
		targets = append(targets, list...)
	}
	if len(targets) == 0 {
		// Fleet flags (--state, --shard, …) without a repository: the
		// current folder, as a fleet of one (only --config applies).
		targets = []string{"."}
	}
	for _, t := range targets {
		if t == "-" {
			return nil, errors.New(`"-" (stdin) is not a repository: a fleet run scans repositories and folders`)
		}
	}
	targets, repeated := fleet.Dedupe(targets)
	for _, r := range repeated {
		warn("%s is listed more than once; it is scanned once", fleet.Name(r))
	}
	return targets, nil
}

// skipInKey are the flags that do not change what a scan finds, so a state
// recorded under other values of them still applies.
var skipInKey = []string{
	"format", "output", "report", "quiet", "no-color", "no-progress", "jobs", "exit-code",
	"repos", "parallel-repos", "shard", "state", "incremental", "sarif-runs",
}

// stateKey identifies what a scan finds: the mode, leakcord's version,
// every other flag set, and the configuration file's content. A state
// recorded under another key is not used.
func stateKey(c *cobra.Command, mode string, pf *policyFlags) string {
	var lines []string
	lines = append(lines, "mode="+mode, "version="+version())
	c.Flags().Visit(func(f *pflag.Flag) {
		if !slices.Contains(skipInKey, f.Name) {
			lines = append(lines, "flag:"+f.Name+"="+f.Value.String())
		}
	})
	if pf.configPath != "" {
		if data, err := os.ReadFile(pf.configPath); err == nil {
			sum := sha256.Sum256(data)
			lines = append(lines, "config="+hex.EncodeToString(sum[:]))
		}
	}
	slices.Sort(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:16])
}
