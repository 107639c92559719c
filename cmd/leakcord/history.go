package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/scanner"
)

func (a *app) historyCmd() *cobra.Command {
	var out outputFlags
	var pf policyFlags
	var jobs int
	var noProgress bool
	var since, until string
	var opts scanner.HistoryOptions
	c := &cobra.Command{
		Use:   "history [flags] [REPO]",
		Short: "Scan every commit of a git repository",
		Long: "Scan every commit reachable from every ref (branches, tags, remote-tracking refs, the\n" +
			"stash) of a git repository. REPO is a work tree, a bare repository, or a remote URL\n" +
			"(https://, ssh://, git://, file://), which is cloned into a temporary folder and removed\n" +
			"afterwards. Each distinct file version is scanned once; each finding names the commit\n" +
			"that introduced the secret, and whether it is still in HEAD. A secret removed from HEAD\n" +
			"is still leaked: anyone with a clone can read it.",
		Example: "  leakcord history\n  leakcord history --branch main --since 2024-01-01 ../bot\n" +
			"  leakcord history --range origin/main..HEAD -f sarif -o leaks.sarif",
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := out.validate(); err != nil {
				return err
			}
			var err error
			if opts.Since, err = parseDate(since); err != nil {
				return usageError{err: fmt.Errorf("--since: %w", err), cmd: c.CommandPath()}
			}
			if opts.Until, err = parseDate(until); err != nil {
				return usageError{err: fmt.Errorf("--until: %w", err), cmd: c.CommandPath()}
			}
			if opts.MaxCommits < 0 {
				return usageError{err: errors.New("--max-commits must not be negative"), cmd: c.CommandPath()}
			}
			repo := "."
			if len(args) == 1 {
				repo = args[0]
			}
			cfgRoot := repo
			if scanner.IsRemote(repo) {
				cfgRoot = ""
			}
			pol, sopts, err := a.loadPolicy(c, &pf, cfgRoot)
			if err != nil {
				return err
			}
			sopts.Jobs, sopts.Warn = jobs, a.warner(&out)
			opts.Options = sopts
			progress, done := a.progressFor(out.quiet, noProgress)
			opts.Progress = progress
			res, err := scanner.ScanHistory(c.Context(), repo, opts)
			done()
			if err != nil {
				if errors.Is(err, scanner.ErrNotRepository) {
					return hinted{err: err, hint: "run it inside a git work tree, or pass a repository path or URL; use 'leakcord scan' for plain folders"}
				}
				return scanError(err)
			}
			if err := a.apply(pol, res, a.stderr); err != nil {
				return err
			}
			return a.writeReport(&out, res, cfgRoot)
		},
	}
	out.register(c)
	pf.register(c)
	f := c.Flags()
	f.StringArrayVar(&opts.Branches, "branch", nil, "scan only commits reachable from `REF` (repeatable)")
	f.StringVar(&opts.SinceCommit, "since-commit", "", "skip commits reachable from `SHA`")
	f.StringVar(&opts.Range, "range", "", "scan the commits of `A..B` (reachable from B, not from A)")
	f.StringVar(&since, "since", "", "only commits on or after `DATE` (YYYY-MM-DD or RFC 3339)")
	f.StringVar(&until, "until", "", "only commits on or before `DATE` (YYYY-MM-DD or RFC 3339)")
	f.IntVar(&opts.MaxCommits, "max-commits", 0, "scan at most the newest `N` commits (0: all)")
	f.StringVar(&opts.Head, "head", "", "the `REF` whose tip decides in_head (default: the branch scanned, else HEAD)")
	f.BoolVar(&noProgress, "no-progress", false, "no progress bar (it is only drawn when stderr is a terminal)")
	f.IntVarP(&jobs, "jobs", "j", 0, "file versions matched at once (default: one per CPU)")
	return c
}

// parseDate parses YYYY-MM-DD (UTC midnight) or RFC 3339; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid date %q (want YYYY-MM-DD or RFC 3339)", s)
	}
	return t, nil
}
