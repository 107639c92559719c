package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/baseline"
	"github.com/leakcord/leakcord/scanner/config"
)

// policyFlags choose what a scan reports beyond what the rules find: the
// configuration file, a baseline to subtract and one to write.
type policyFlags struct {
	configPath    string
	baselinePath  string
	writeBaseline string
	reportStale   bool
	maxSize       string
	verify        verifyFlags
	noDecode      bool
}

func (p *policyFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&p.configPath, "config", "", "configuration `FILE` (default: .leakcord.toml at the scan root when present)")
	f.StringVar(&p.baselinePath, "baseline", "", "report only findings that are not in the baseline `FILE`")
	f.StringVar(&p.writeBaseline, "write-baseline", "", "write today's findings (hashes only, never secrets) to the baseline `FILE`")
	f.BoolVar(&p.reportStale, "report-stale", false, "with --baseline: list baseline entries that no longer match anything")
	f.StringVar(&p.maxSize, "max-file-size", "10MiB", "skip files larger than `SIZE` (bytes, or with KiB, MiB, GiB)")
	f.BoolVar(&p.noDecode, "no-decode", false, "do not look for secrets hidden by encoding, escaping, splitting or reversing (faster)")
	p.verify.register(f)
}

// policy is what the flags and the configuration file decide for one run.
type policy struct {
	cfg      *config.Config
	baseline *baseline.Baseline
	flags    *policyFlags
	verify   *verifySettings // nil when verification is off
	// scope says what the run covers, as baselines record it (see
	// baseline.Baseline.Scope); partial, when set, says why the run covers
	// only part of it (a --range, the paths given, a staged change), so
	// that no baseline entry is called stale for what it did not look at.
	scope, partial string
	// narrowed lists the flags that make this run see other than the
	// defaults (" --no-decode", " --max-file-size=N", " --no-ignore"):
	// part of the scope.
	narrowed string
}

// loadPolicy reads the configuration (from --config, or root/.leakcord.toml
// when present) and the baseline.
func (a *app) loadPolicy(c *cobra.Command, p *policyFlags, root string) (*policy, scanner.Options, error) {
	pol := &policy{flags: p}
	var opts scanner.Options
	name, found := p.configPath, p.configPath != ""
	if !found && root != "" {
		name, found = config.Find(root)
	}
	if found {
		cfg, err := config.Load(name)
		if err != nil {
			var list config.ErrorList
			if errors.As(err, &list) && len(list) > 1 {
				err = configErrors{list}
			}
			return nil, opts, hinted{err: err, hint: "see the configuration section of the README for the keys"}
		}
		pol.cfg = cfg
	}
	if p.reportStale && p.baselinePath == "" {
		return nil, opts, usageError{err: errors.New("--report-stale needs --baseline"), cmd: c.CommandPath()}
	}
	if p.baselinePath != "" {
		b, err := baseline.Load(p.baselinePath)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, opts, hinted{err: err, hint: "create one with --write-baseline FILE"}
			}
			return nil, opts, err
		}
		pol.baseline = b
	}
	vs, err := a.resolveVerify(c, &p.verify, pol.cfg)
	if err != nil {
		return nil, opts, err
	}
	pol.verify = vs
	size, err := parseSize(p.maxSize)
	if err != nil {
		return nil, opts, usageError{err: fmt.Errorf("--max-file-size: %w", err), cmd: c.CommandPath()}
	}
	if !c.Flags().Changed("max-file-size") && pol.cfg != nil && pol.cfg.MaxFileSize > 0 {
		size = pol.cfg.MaxFileSize
	}
	var enabled []rules.Rule
	for _, r := range rules.All() {
		if pol.cfg.RuleEnabled(r.Info().ID) {
			enabled = append(enabled, r)
		}
	}
	if len(enabled) == 0 {
		return nil, opts, hinted{err: fmt.Errorf("%s disables every rule", name), hint: "remove some IDs from rules.disable"}
	}
	opts = scanner.Options{Matcher: rules.NewMatcher(time.Now(), enabled...).WithDecoding(!p.noDecode), MaxFileSize: size}
	if p.noDecode {
		pol.narrowed += " --no-decode"
	}
	if size != scanner.DefaultMaxFileSize {
		pol.narrowed += fmt.Sprintf(" --max-file-size=%d", size)
	}
	if pol.cfg != nil && len(pol.cfg.Exclude) > 0 {
		opts.Exclude = pol.cfg.Excluded
	}
	return pol, opts, nil
}

// apply drops findings that the configuration allows or excludes and those
// in the baseline, writes the baseline when asked, lists stale baseline
// entries on stderr, and verifies what is left when asked (see
// verifyFindings).
func (a *app) apply(pol *policy, res *scanner.Result, stderr io.Writer) error {
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		if pol.cfg.Excluded(f.File, false) {
			continue
		}
		if _, ok := pol.cfg.Allowed(f.SecretSHA256); ok {
			continue
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	if pol.flags.writeBaseline != "" {
		b := baseline.FromFindings(res.Findings, time.Now())
		b.Scope = pol.fullScope()
		if err := writeFileAtomic(pol.flags.writeBaseline, false, b.Write); err != nil {
			return err
		}
	}
	if pol.baseline != nil {
		all := res.Findings
		var suppressed int
		res.Findings, suppressed = pol.baseline.Filter(all)
		res.Stats.Baselined = suppressed
		if pol.flags.reportStale && a.staleComparable(pol, res, stderr) {
			stale := pol.baseline.Stale(all)
			for _, e := range stale {
				fmt.Fprintf(stderr, "leakcord: stale baseline entry: %s %s (fingerprint %s) no longer matches anything\n", e.RuleID, e.File, e.Fingerprint)
			}
			if len(stale) == 0 {
				fmt.Fprintf(stderr, "leakcord: no stale baseline entries\n")
			}
		}
	}
	return a.verifyFindings(pol, res, stderr)
}

// staleComparable reports whether this run can tell which entries of the
// baseline are stale: it must cover all of what the baseline was written
// from. Otherwise it says why not on stderr: a history baseline used by a
// scan, a scan of a subfolder, a --range, a staged change would call stale
// every entry they did not look at, and deleting those would make the
// full scan report them again.
func (a *app) staleComparable(pol *policy, res *scanner.Result, stderr io.Writer) bool {
	const note = "leakcord: --report-stale: no entry listed: %s; an entry is stale only for a run that covers what the baseline was written from\n"
	switch b := pol.baseline; {
	case pol.partial != "":
		fmt.Fprintf(stderr, note, pol.partial)
	case res.Incomplete:
		fmt.Fprintf(stderr, note, "this run was interrupted")
	case res.Stats.Errors > 0:
		fmt.Fprintf(stderr, note, fmt.Sprintf("this run could not read %d files, folders or objects (a shallow clone's history, damage)", res.Stats.Errors))
	case b.Scope == "" && pol.fullScope() != "history" && pol.fullScope() != "scan .":
		fmt.Fprintf(stderr, note, fmt.Sprintf("the baseline does not say what it was written from (an older leakcord), and this run ('leakcord %s') covers less than a whole repository", pol.fullScope()))
	case b.Scope != "" && pol.scope != "" && b.Scope != pol.fullScope():
		fmt.Fprintf(stderr, note, fmt.Sprintf("the baseline was written by 'leakcord %s', this run is 'leakcord %s'", b.Scope, pol.fullScope()))
	default:
		return true
	}
	return false
}

// fullScope is the run's scope with the flags that narrow it.
func (pol *policy) fullScope() string {
	if pol.scope == "" {
		return ""
	}
	return pol.scope + pol.narrowed
}

// finish ends a scanning command: it applies the policy to res, writes the
// report and sets the exit code. An interrupted scan (res.Incomplete) is
// reported as such on stderr, even with --quiet, before its partial report
// is written, and exits 2 (the scan is incomplete); so do live checks that
// a signal cut short (the findings not checked are unknown: with
// --only-verified, a clean-looking report must not pass). root is the scan root
// as given, for the paths of SARIF and GitHub reports: the folder finding
// paths are relative to, or the one file a scan was given (its findings are
// named by that path, relative to the current folder).
func (a *app) finish(out *outputFlags, pol *policy, res *scanner.Result, root, interrupted string) error {
	if res.Incomplete {
		a.warnf("%s", interrupted)
	}
	if err := a.apply(pol, res, a.stderr); err != nil {
		return err
	}
	if err := a.writeReport(out, res, root); err != nil {
		return err
	}
	if res.Incomplete {
		a.code = exitError
	}
	return nil
}

// configErrors prints every problem of a configuration file, one a line,
// where [config.ErrorList] prints the first and how many more there are.
type configErrors struct{ list config.ErrorList }

func (e configErrors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d errors in %s:", len(e.list), e.list[0].File)
	for _, err := range e.list {
		b.WriteString("\n  " + err.Error())
	}
	return b.String()
}

func (e configErrors) Unwrap() error { return e.list }
