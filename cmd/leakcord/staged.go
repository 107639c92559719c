package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/scanner"
)

func (a *app) stagedCmd() *cobra.Command {
	var out outputFlags
	var pf policyFlags
	c := &cobra.Command{
		Use:   "staged [flags] [REPO]",
		Short: "Scan what `git commit` would record now (for a pre-commit hook)",
		Long: "Scan the staged changes of a git repository: the index compared with HEAD. Only\n" +
			"secrets on added or changed lines are reported; unstaged edits are not part of the\n" +
			"commit and are not scanned. REPO is a work tree or a folder inside one (default \".\");\n" +
			"the .leakcord.toml at the root of the work tree applies. Exit code 1 blocks the commit\n" +
			"in a pre-commit hook. Bypass once with 'git commit --no-verify'; allow a false\n" +
			"positive with a 'leakcord:allow' comment on its line.",
		Example: "  leakcord staged\n  leakcord staged -q ../bot",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := out.validate(c); err != nil {
				return err
			}
			repo := "."
			if len(args) == 1 {
				repo = args[0]
			}
			// The repository's own configuration, at the root of its work
			// tree wherever REPO points in it.
			cfgRoot, err := scanner.RepoRoot(repo)
			if err != nil {
				return repoArgError(err, stagedNotRepoHint)
			}
			pol, opts, err := a.loadPolicy(c, &pf, cfgRoot)
			if err != nil {
				return err
			}
			pol.scope, pol.partial = "staged", "a staged scan covers only the change being committed"
			opts.Warn = a.warner(&out)
			res, err := scanner.ScanStaged(c.Context(), repo, opts)
			if err != nil && (res == nil || !res.Incomplete) {
				return repoArgError(err, stagedNotRepoHint)
			}
			return a.finish(&out, pol, res, cfgRoot,
				fmt.Sprintf("staged scan interrupted (%v): the report covers only the %d staged files read before", err, res.Stats.Files))
		},
	}
	out.register(c)
	pf.register(c)
	return c
}

// stagedNotRepoHint is the hint of `staged` for a folder that holds no
// repository.
const stagedNotRepoHint = "run it inside a git work tree (it scans the staged changes)"
