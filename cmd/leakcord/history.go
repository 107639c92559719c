package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/fleet"
)

func (a *app) historyCmd() *cobra.Command {
	var out outputFlags
	var pf policyFlags
	var jobs int
	var noProgress bool
	var since, until string
	var opts scanner.HistoryOptions
	var ff fleetFlags
	c := &cobra.Command{
		Use:   "history [flags] [REPO ...]",
		Short: "Scan every commit of a git repository",
		Long: "Scan every commit reachable from every ref (branches, tags, remote-tracking refs, every\n" +
			"stash entry) of a git repository. REPO is a work tree or a folder inside one, a bare\n" +
			"repository, or a remote URL (https://, http://, ssh://, git://, file://, user@host:path),\n" +
			"which is cloned into a temporary folder and removed afterwards. The .leakcord.toml at\n" +
			"the root of the work tree applies. Each distinct file version is scanned once; each\n" +
			"finding names the commit that introduced the secret, and whether it is still in HEAD.\n" +
			"A secret removed from HEAD is still leaked: anyone with a clone can read it.\n\n" +
			"Several REPO arguments, or --repos FILE, scan a fleet: each repository on its own\n" +
			"(--parallel-repos at once), each finding with its repository, one report. A repository\n" +
			"that fails is reported and the others go on (exit code 2 at the end). --shard K/N splits\n" +
			"a list between N jobs; --state FILE makes runs resumable and skips repositories whose\n" +
			"refs did not change. Only --config applies to a fleet, not the repositories' own files.",
		Example: "  leakcord history\n  leakcord history --branch main --since 2024-01-01 ../bot\n" +
			"  leakcord history --range origin/main..HEAD -f sarif -o leaks.sarif\n" +
			"  leakcord history --repos repos.txt --shard 2/4 --state state-2.json -f jsonl -o shard-2.jsonl",
		RunE: func(c *cobra.Command, args []string) error {
			if err := out.validate(c); err != nil {
				return err
			}
			var err error
			if opts.Since, err = parseDate(since, false); err != nil {
				return usageError{err: fmt.Errorf("--since: %w", err), cmd: c.CommandPath()}
			}
			if opts.Until, err = parseDate(until, true); err != nil {
				return usageError{err: fmt.Errorf("--until: %w", err), cmd: c.CommandPath()}
			}
			if !opts.Since.IsZero() && !opts.Until.IsZero() && opts.Since.After(opts.Until) {
				return usageError{err: fmt.Errorf("--since %s is after --until %s: no commit can match", since, until), cmd: c.CommandPath()}
			}
			if opts.Range != "" && len(opts.Branches) > 0 {
				return usageError{err: errors.New("--range and --branch cannot be used together: --range A..B scans the commits of B"), cmd: c.CommandPath()}
			}
			if jobs < 0 {
				return usageError{err: fmt.Errorf("--jobs %d: must not be negative (0 is one per CPU, at most 4)", jobs), cmd: c.CommandPath()}
			}
			if opts.MaxCommits < 0 {
				return usageError{err: errors.New("--max-commits must not be negative"), cmd: c.CommandPath()}
			}
			if ff.active(c, args, true) {
				return a.runFleet(c, &fleetRun{mode: "history", out: &out, pf: &pf, ff: &ff, noProgress: noProgress,
					scan: func(ctx context.Context, target string, since []string, sopts scanner.Options) (*scanner.Result, error) {
						o := opts
						sopts.Jobs = jobs
						o.Options = sopts
						o.Progress = a.testPause(ctx, fleet.Name(target), nil)
						return scanFleetHistory(ctx, target, since, o)
					}}, args)
			}
			repo := "."
			if len(args) == 1 {
				repo = args[0]
			}
			// The repository's own configuration, at the root of its work
			// tree wherever REPO points in it; a remote has none on disk.
			cfgRoot, err := scanner.RepoRoot(repo)
			if err != nil {
				return repoArgError(err, historyNotRepoHint)
			}
			pol, sopts, err := a.loadPolicy(c, &pf, cfgRoot)
			if err != nil {
				return err
			}
			pol.scope, pol.partial = "history", historyPartial(c)
			sopts.Jobs, sopts.Warn = jobs, a.warner(&out)
			opts.Options = sopts
			progress, done := a.progressFor(out.quiet, noProgress)
			opts.Progress = a.testPause(c.Context(), "", progress)
			res, err := scanner.ScanHistory(c.Context(), repo, opts)
			done()
			if err != nil && (res == nil || !res.Incomplete) {
				return repoArgError(err, historyNotRepoHint)
			}
			return a.finish(&out, pol, res, cfgRoot,
				fmt.Sprintf("history scan interrupted (%v): the report covers only the %d commits read in full and the %d file versions read before",
					err, res.Stats.Commits, res.Stats.Files))
		},
	}
	out.register(c)
	pf.register(c)
	ff.register(c, true)
	f := c.Flags()
	f.StringArrayVar(&opts.Branches, "branch", nil, "scan only commits reachable from `REF` (repeatable)")
	f.StringVar(&opts.SinceCommit, "since-commit", "", "skip commits reachable from `SHA`")
	f.StringVar(&opts.Range, "range", "", "scan the commits of `A..B` (reachable from B, not from A)")
	f.StringVar(&since, "since", "", "only commits on or after `DATE` (YYYY-MM-DD or RFC 3339)")
	f.StringVar(&until, "until", "", "only commits on or before `DATE` (YYYY-MM-DD: to the end of that day, UTC; or RFC 3339)")
	f.IntVar(&opts.MaxCommits, "max-commits", 0, "scan at most the newest `N` commits (0: all)")
	f.StringVar(&opts.Head, "head", "", "the `REF` whose tip decides in_head (default: the branch scanned, else HEAD)")
	f.BoolVar(&noProgress, "no-progress", false, "no progress bar (it is only drawn when stderr is a terminal)")
	f.IntVarP(&jobs, "jobs", "j", 0, "file versions matched at once (default: one per CPU, at most 4)")
	return c
}

// historyPartial says why a history scan covers only part of the history
// (see policy.partial), or "" when it scans every commit of every ref.
func historyPartial(c *cobra.Command) string {
	var set []string
	for _, name := range []string{"branch", "range", "since-commit", "since", "until", "max-commits"} {
		if !c.Flags().Changed(name) {
			continue
		}
		if n, err := c.Flags().GetInt(name); err == nil && n == 0 { // --max-commits 0: every commit
			continue
		}
		set = append(set, "--"+name)
	}
	if len(set) == 0 {
		return ""
	}
	return "this history scan covers only part of the history (" + strings.Join(set, ", ") + ")"
}

// scanFleetHistory scans one repository of a fleet: in full, or, when
// since lists the tips scanned before, only the commits none of them
// reaches. A local repository whose refs name unreadable objects fails.
func scanFleetHistory(ctx context.Context, target string, since []string, opts scanner.HistoryOptions) (*scanner.Result, error) {
	if !scanner.IsRemote(target) {
		// A damaged repository would otherwise look clean (a remote one
		// fails to clone).
		if err := fleet.CheckRefs(target); err != nil {
			return nil, err
		}
	}
	if since != nil {
		dir, exclude, cleanup, err := fleet.PrepareIncremental(ctx, target, since)
		if err != nil {
			return nil, err
		}
		defer cleanup()
		if dir != "" {
			opts.SinceCommit = exclude
			return scanner.ScanHistory(ctx, dir, opts)
		}
	}
	return scanner.ScanHistory(ctx, target, opts)
}

// envTestHistoryPause names a test-only hook: LEAKCORD_TEST_HISTORY_PAUSE=N
// makes `history` stop before diffing the Nth commit of a repository, say
// so on stderr ("leakcord: test: history paused at commit N", or in a
// fleet run "leakcord: test: history of REPO paused at commit N") and wait
// there until it is interrupted, so that the signal tests
// (signal_history_test.go, signal_fleet_test.go) interrupt it at a known
// point. In a fleet run it holds every repository that reaches N commits;
// smaller ones finish. It is not a feature: never set it outside tests.
const envTestHistoryPause = "LEAKCORD_TEST_HISTORY_PAUSE"

// testPause wraps progress with the hook of envTestHistoryPause, when set;
// repo names the repository of a fleet run ("" for a single one).
func (a *app) testPause(ctx context.Context, repo string, progress func(scanner.Progress)) func(scanner.Progress) {
	n, err := strconv.Atoi(a.getenv(envTestHistoryPause))
	if err != nil || n <= 0 {
		return progress
	}
	what := "history"
	if repo != "" {
		what += " of " + repo
	}
	return func(p scanner.Progress) {
		if p.Phase == "commits" && p.Done == n {
			fmt.Fprintf(a.stderr, "leakcord: test: %s paused at commit %d\n", what, n)
			<-ctx.Done()
		}
		if progress != nil {
			progress(p)
		}
	}
}

// historyNotRepoHint is the hint of `history` for a folder that holds no
// repository.
const historyNotRepoHint = "run it inside a git work tree, or pass a repository path or URL; use 'leakcord scan' for plain folders"

// repoArgError adds a hint to an error about the REPO of history or staged;
// notRepo is the hint for a folder that holds no repository.
func repoArgError(err error, notRepo string) error {
	switch {
	case errors.Is(err, scanner.ErrNotFolder):
		return hinted{err: err, hint: "pass the folder of the repository; 'leakcord scan FILE' scans one file"}
	case errors.Is(err, scanner.ErrNotRepository):
		return hinted{err: err, hint: notRepo}
	case errors.Is(err, os.ErrNotExist):
		return hinted{err: err, hint: "check the path of the repository (a work tree, a folder in one, a git folder) or its URL"}
	case errors.Is(err, os.ErrPermission):
		return hinted{err: err, hint: "leakcord needs read access to the repository's git folder"}
	}
	return err
}

// parseDate parses YYYY-MM-DD or RFC 3339; "" is the zero time. A date
// alone is midnight UTC at the start of that day, or with endOfDay the
// last instant of that day (--until DATE includes DATE); an RFC 3339 time
// is taken as it is.
func parseDate(s string, endOfDay bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if endOfDay {
			t = t.AddDate(0, 0, 1).Add(-time.Nanosecond)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid date %q (want YYYY-MM-DD or RFC 3339)", s)
	}
	return t, nil
}
