package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/report"
	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/fleet"
)

// outputFlags are the flags every scanning command shares.
type outputFlags struct {
	format      string
	output      string
	showSecrets bool
	exitCode    int
	noColor     bool
	quiet       bool
	reports     []string // extra FORMAT=FILE reports of the same run
}

func (o *outputFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.StringArrayVar(&o.reports, "report", nil, "also write the report in `FORMAT=FILE` (repeatable; FILE \"-\" is stdout, with -o FILE): every report from one run, nothing scanned or verified twice")
	f.StringVarP(&o.format, "format", "f", "text", "report format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` instead of stdout (\"-\" is stdout)")
	f.BoolVar(&o.showSecrets, "show-secrets", false, "print secrets in full (default: redacted everywhere)")
	f.IntVar(&o.exitCode, "exit-code", exitFindings, "exit code when credentials are found")
	f.BoolVar(&o.noColor, "no-color", false, "never color the text report (also NO_COLOR)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no warnings about unreadable files, and no text report on stdout when nothing is found")
	_ = c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return report.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
}

// validate checks the flags of c and settles where each report goes: "-" as
// --output is stdout (stored as ""), and a --report FORMAT=- becomes the
// report on stdout, the one --format and --output describe, while the file
// --output named becomes a --report. At most one report goes to stdout.
func (o *outputFlags) validate(c *cobra.Command) error {
	if o.exitCode < 0 || o.exitCode > 125 {
		return usageError{err: fmt.Errorf("--exit-code %d is out of range 0..125", o.exitCode), cmd: c.CommandPath()}
	}
	if !slices.Contains(report.Formats(), o.format) {
		return usageError{err: fmt.Errorf("unknown format %q (valid: %s)", o.format, strings.Join(report.Formats(), ", ")), cmd: c.CommandPath()}
	}
	if o.output == "-" {
		o.output = ""
	}
	for i, r := range o.reports {
		format, file, ok := strings.Cut(r, "=")
		switch {
		case !ok || file == "":
			return usageError{err: fmt.Errorf("--report %q: want FORMAT=FILE", r), cmd: c.CommandPath()}
		case !slices.Contains(report.Formats(), format):
			return usageError{err: fmt.Errorf("--report %q: unknown format %q (valid: %s)", r, format, strings.Join(report.Formats(), ", ")), cmd: c.CommandPath()}
		case file != "-":
			continue
		case o.output == "":
			return usageError{err: fmt.Errorf("--report %s: the %s report already goes to stdout, and only one can; write the other to a file (-o FILE)", r, o.format), cmd: c.CommandPath()}
		}
		// The report to stdout is the main one: it is the one --quiet
		// leaves out when empty, and colored on a terminal.
		o.reports[i] = o.format + "=" + o.output
		o.format, o.output = format, ""
	}
	return nil
}

func (a *app) scanCmd() *cobra.Command {
	var out outputFlags
	var pf policyFlags
	var noIgnore bool
	var jobs int
	var ff fleetFlags
	c := &cobra.Command{
		Use:   "scan [flags] [PATH ...]",
		Short: "Scan files and folders (\"-\" for stdin) for Discord credentials",
		Long: "Scan files and folders for Discord credentials. Folders are walked recursively,\n" +
			"honouring .gitignore files and .git/info/exclude; .git is never entered, symbolic\n" +
			"links are not followed, and binary files and files over --max-file-size are skipped\n" +
			"and counted. \"-\" reads stdin. The default path is \".\". Each file is scanned once,\n" +
			"however the paths given overlap.\n\n" +
			"--repos FILE (or --shard, --parallel-repos) scans a fleet: each listed folder and PATH\n" +
			"on its own, each finding with its repository, one report; a folder that fails is\n" +
			"reported and the others go on. Only --config applies, not the folders' own files.",
		Example: "  leakcord scan\n  leakcord scan --format json -o leaks.json src/ config/\n  git diff | leakcord scan -",
		RunE: func(c *cobra.Command, args []string) error {
			if err := out.validate(c); err != nil {
				return err
			}
			if jobs < 0 {
				return usageError{err: fmt.Errorf("--jobs %d: must not be negative (0 is one per CPU)", jobs), cmd: c.CommandPath()}
			}
			if ff.active(c, args, false) {
				return a.runFleet(c, &fleetRun{mode: "scan", out: &out, pf: &pf, ff: &ff,
					scan: func(ctx context.Context, target string, _ []string, opts scanner.Options) (*scanner.Result, error) {
						if scanner.IsRemote(target) {
							return nil, fmt.Errorf("%s is a URL: scan reads folders (use 'leakcord history' for remote repositories)", fleet.Name(target))
						}
						opts.NoIgnore, opts.Jobs = noIgnore, jobs
						return scanner.Scan(ctx, []string{target}, opts)
					}}, args)
			}
			if len(args) == 0 {
				args = []string{"."}
			}
			root := "."
			if len(args) == 1 && args[0] != "-" {
				root = args[0]
			}
			pol, opts, err := a.loadPolicy(c, &pf, configRoot(root))
			if err != nil {
				return err
			}
			pol.scope, pol.partial = scanScope(args, root)
			if noIgnore {
				pol.narrowed += " --no-ignore"
			}
			opts.NoIgnore, opts.Jobs, opts.Stdin, opts.Warn = noIgnore, jobs, a.stdin, a.warner(&out)
			res, err := scanner.Scan(c.Context(), args, opts)
			if err != nil && (res == nil || !res.Incomplete) {
				return scanError(err)
			}
			return a.finish(&out, pol, res, root,
				fmt.Sprintf("scan interrupted (%v): the report covers only the %d files read before", err, res.Stats.Files))
		},
	}
	out.register(c)
	pf.register(c)
	ff.register(c, false)
	f := c.Flags()
	f.BoolVar(&noIgnore, "no-ignore", false, "also scan files excluded by .gitignore and .git/info/exclude")
	f.IntVarP(&jobs, "jobs", "j", 0, "files read and matched at once (default: one per CPU)")
	return c
}

// warner returns the Warn callback of a scan: warnings on stderr unless --quiet.
func (a *app) warner(o *outputFlags) func(error) {
	return func(err error) {
		if !o.quiet {
			a.warnf("%v", err)
		}
	}
}

// configRoot is the folder whose .leakcord.toml applies to a scan of root:
// root itself when it is a folder; for a file, the current folder, as for
// several paths: the findings are then named by the paths as given,
// relative to it, and the configuration's patterns match those names.
func configRoot(root string) string {
	if fi, err := os.Stat(root); err == nil && !fi.IsDir() {
		return "."
	}
	return root
}

// scanScope returns what a scan of args covers, as a baseline records it
// ("scan DIR", DIR relative to the repository root when it lies in a work
// tree), and, when it covers only some paths (files, several paths,
// stdin), why no baseline entry can be called stale.
func scanScope(args []string, root string) (scope, partial string) {
	if fi, err := os.Stat(root); len(args) != 1 || args[0] == "-" || err != nil || !fi.IsDir() {
		return "", "this scan covers only the paths given"
	}
	dir := filepath.Clean(root)
	if abs, err := filepath.Abs(root); err == nil {
		if top, ok := scanner.WorkTreeRoot(abs); ok {
			if rel, err := filepath.Rel(top, abs); err == nil {
				dir = rel
			}
		}
	}
	return "scan " + filepath.ToSlash(dir), ""
}

// scanError adds a hint to the errors a scan can end with.
func scanError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return hinted{err: err, hint: "check the path; use \"-\" to read stdin"}
	case errors.Is(err, os.ErrPermission):
		return hinted{err: err, hint: "leakcord needs read access to every folder it scans"}
	case errors.Is(err, scanner.ErrNotRegular):
		return hinted{err: err, hint: "use \"-\" to read stdin; leakcord never opens pipes, sockets or devices by name"}
	}
	return err
}

// writeReport renders res and sets the exit code. root is the scan root
// as given (see [app.finish]); "" when unknown.
func (a *app) writeReport(o *outputFlags, res *scanner.Result, root string) error {
	if len(res.Findings) > 0 {
		a.code = o.exitCode
	} else {
		a.code = exitClean
	}
	for _, r := range o.reports {
		format, file, _ := strings.Cut(r, "=")
		err := writeFileAtomic(file, o.showSecrets, func(w io.Writer) error { return renderReport(w, format, res, root, o.showSecrets, false) })
		if err != nil {
			return err
		}
	}
	if o.output == "" {
		if o.quiet && o.format == "text" && len(res.Findings) == 0 {
			return nil // -q: no "nothing found" on stdout; a file is still written
		}
		return renderReport(a.stdout, o.format, res, root, o.showSecrets, a.colorFor(a.stdout, o.noColor))
	}
	return writeFileAtomic(o.output, o.showSecrets, func(w io.Writer) error { return renderReport(w, o.format, res, root, o.showSecrets, false) })
}

// renderReport writes res in format. root is the scan root as given: the
// folder finding paths are relative to, or the one file scanned, whose
// findings are named by the path as given, relative to the current folder.
// SARIF and GitHub annotations name files relative to the repository root,
// so they render a copy of res whose paths are rewritten (see
// repoRelative); res itself is not changed.
func renderReport(w io.Writer, format string, res *scanner.Result, root string, showSecrets, color bool) error {
	opts := report.Options{ShowSecrets: showSecrets, Version: version(), Color: color}
	if root != "" {
		if info, err := os.Stat(root); err == nil {
			base, within := root, root
			if !info.IsDir() {
				base, within = ".", filepath.Dir(root)
			}
			opts.Root = base
			if format == "sarif" || format == "github" {
				cp := *res
				cp.Findings = slices.Clone(res.Findings)
				res = &cp
				opts.Root = repoRelative(res, base, within)
			}
		}
	}
	return report.Write(w, format, res, opts)
}

// repoRelative makes the paths of res, relative to the folder base, relative
// to the root of the git work tree that holds them instead, as GitHub code
// scanning and annotations expect, and returns that root. The work tree is
// found from each finding's own folder (symbolic links resolved), so that
// paths given from another repository, or through a link, are named as
// that repository names them; when the findings lie in no work tree, or in
// several, res is left unchanged and base returned. Without findings the
// root is the work tree that holds within. History and staged paths are
// already relative to the repository root.
func repoRelative(res *scanner.Result, base, within string) string {
	treeOf := func(dir string) string {
		if abs, err := filepath.Abs(dir); err == nil {
			if top, ok := scanner.WorkTreeRoot(abs); ok {
				return top
			}
		}
		return ""
	}
	absBase, err := filepath.Abs(base)
	if err != nil {
		return base
	}
	if res.Mode != "scan" {
		return cmp.Or(treeOf(within), base)
	}
	tops := make(map[string]string) // a finding's folder, resolved → its work tree
	rels := make([]string, len(res.Findings))
	top := ""
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.File == "-" {
			continue
		}
		name := filepath.FromSlash(f.File)
		if !filepath.IsAbs(name) {
			name = filepath.Join(absBase, name)
		}
		dir := filepath.Dir(name)
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			dir = real
		}
		t, seen := tops[dir]
		if !seen {
			t = treeOf(dir)
			tops[dir] = t
		}
		if t == "" || top != "" && t != top {
			return base // outside any work tree, or in several
		}
		top = t
		rel, err := filepath.Rel(t, filepath.Join(dir, filepath.Base(name)))
		if err != nil {
			return base
		}
		rels[i] = filepath.ToSlash(rel)
	}
	if top == "" {
		return cmp.Or(treeOf(within), base)
	}
	for i := range res.Findings {
		if f := &res.Findings[i]; rels[i] != "" {
			f.File = rels[i]
			f.Fingerprint = scanner.Fingerprint(f.RuleID, f.File, f.SecretSHA256)
		}
	}
	return top
}

// writeFileAtomic writes a report (or a baseline, a state) to name through
// a temporary file in the same folder, renamed into place once complete,
// so that a failed or interrupted run never leaves a truncated file. A new
// file gets the permissions the umask allows (as any file a command
// creates); an existing one keeps its own. private (raw secrets inside,
// --show-secrets) makes the file readable by its owner only, whatever the
// umask or the old file's mode. A read-only file is refused; a name that is
// not a regular file (/dev/stdout, a pipe) is written directly.
func writeFileAtomic(name string, private bool, write func(io.Writer) error) (err error) {
	old, statErr := os.Stat(name)
	if statErr == nil && old.Mode().IsRegular() && old.Mode().Perm()&0o222 == 0 {
		return hinted{err: fmt.Errorf("cannot write report %s: the file is read-only", name), hint: "remove it or choose another file"}
	}
	if statErr == nil && !old.Mode().IsRegular() && !old.IsDir() {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return hinted{err: fmt.Errorf("cannot write report %s: %w", name, err), hint: "check that the file is writable"}
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("write report %s: %w", name, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write report %s: %w", name, err)
		}
		return nil
	}
	perm := os.FileMode(0o666) // less the umask
	if private {
		perm = 0o600
	}
	tmp, err := createTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-", perm)
	if err != nil {
		return hinted{err: fmt.Errorf("cannot write report %s: %w", name, err), hint: "check that the folder exists and is writable"}
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return fmt.Errorf("write report %s: %w", name, err)
	}
	if statErr == nil && old.Mode().IsRegular() {
		keep := old.Mode().Perm()
		if private {
			keep &^= 0o077
		}
		if err = tmp.Chmod(keep); err != nil {
			return fmt.Errorf("write report %s: %w", name, err)
		}
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", name, err)
	}
	if err = os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write report %s: %w", name, err)
	}
	return nil
}

// createTemp creates a new file in dir whose name starts with prefix, with
// perm less the umask (os.CreateTemp always uses 0600).
func createTemp(dir, prefix string, perm os.FileMode) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("cannot create a temporary file in %s", dir)
}

// parseSize parses "1048576", "512KiB", "10MiB", "1GiB" (also K/M/G, KB/MB/GB as binary units).
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	upper := strings.ToUpper(t)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(upper, u.suffix) {
			t = strings.TrimSpace(t[:len(t)-len(u.suffix)])
			mult = u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q (want e.g. 10MiB)", s)
	}
	return n * mult, nil
}
