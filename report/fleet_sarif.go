package report

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/leakcord/leakcord/scanner"
)

// ErrTooManyRuns is returned when a per-repository SARIF log would hold
// more runs than GitHub code scanning accepts ([SARIFMaxRuns]).
var ErrTooManyRuns = errors.New("too many SARIF runs")

// writeFleetSARIF writes a fleet as SARIF 2.1.0 for GitHub code scanning
// to w, result by result (see encodeSARIF): a fleet's log can be far
// larger than the findings it is made of.
//
// With SARIFRunsSingle, one run holds every finding: its automation ID is
// "leakcord/fleet/<mode>/", each result's location is the repository's
// path (see [RepoPath]) joined with the file, so that the same file in two
// repositories are two locations, and its properties hold "repository"
// and the "file" as the repository names it. The run's properties list
// each repository with findings, with its number of findings and its
// status (see [FleetRepo]), then every other repository of the fleet
// (clean, unchanged, failed with its "error", interrupted, not scanned),
// so that a merge of the log knows them all.
//
// With SARIFRunsPerRepo, each repository with findings is one run whose
// automation ID "leakcord/fleet/<mode>/<path>/" is a category of its own
// (GitHub rejects two runs of one tool and category in one upload), with
// locations relative to the repository's root. More than [SARIFMaxRuns]
// runs is [ErrTooManyRuns], returned before anything is written; a fleet
// without findings is one empty run. Each run's properties name its
// repository and status; the first run's also list the repositories that
// have no run of their own.
//
// An interrupted fleet (Result.Incomplete) is, in every run, an invocation
// with executionSuccessful false and a notification that says what the
// results leave out, as [Write] does for an interrupted scan: the tool's
// execution did not complete, even where a run's repository was scanned
// in full.
//
// What GitHub code scanning would reject or cut (see [SARIFMaxResults],
// [SARIFShownResults], [SARIFMaxGzipSize]) is told to fl.Warn.
func writeFleetSARIF(w io.Writer, fl *Fleet, red *redactor, opts FleetOptions) error {
	res := fl.Result
	mode := cmp.Or(res.Mode, "scan")
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	log.Schema = SARIFSchemaURI
	hide := newRedactor(res, Options{})
	base := "leakcord/fleet/" + mode + "/"
	groups := groupByRepo(res.Findings)
	byName := make(map[string]*FleetRepo, len(fl.Repos))
	for i := range fl.Repos {
		byName[fl.Repos[i].Name] = &fl.Repos[i]
	}
	status := func(name string) string {
		if r := byName[name]; r != nil {
			return r.Status
		}
		return ""
	}
	// others lists the repositories without findings, as a run's
	// properties name them.
	others := func() []map[string]any {
		var out []map[string]any
		listed := make(map[string]bool, len(groups))
		for _, g := range groups {
			listed[g[0].Repository] = true
		}
		for _, r := range fl.Repos {
			if !listed[r.Name] {
				listed[r.Name] = true
				out = append(out, repoProps(map[string]any{"repository": r.Name, "findings": 0}, &r, hide))
			}
		}
		return out
	}
	counts := countFleet(fl, rankRepos(fl))
	var runs []*streamedRun
	switch opts.SARIFRuns {
	case "", SARIFRunsSingle:
		run := fleetRun(res, base, true, hide, red, opts.Options)
		var repos []map[string]any
		for _, g := range groups {
			name := g[0].Repository
			repos = append(repos, repoProps(map[string]any{"repository": name, "findings": len(g)}, byName[name], hide))
		}
		repos = append(repos, others()...)
		if len(repos) > 0 {
			run.run.Properties = sarif.Properties{"repositories": repos}
		}
		if res.Incomplete {
			run.run.WithInvocations(interruptedInvocation(
				"The fleet scan was interrupted: " + counts.leftOut() + "; these results cover only what was read before."))
		}
		runs = append(runs, run)
	case SARIFRunsPerRepo:
		if len(groups) > SARIFMaxRuns {
			return fmt.Errorf("%w: %d repositories have findings, GitHub code scanning accepts at most %d runs in one file",
				ErrTooManyRuns, len(groups), SARIFMaxRuns)
		}
		if len(groups) == 0 {
			run := fleetRun(res, base, false, hide, red, opts.Options)
			if res.Incomplete {
				run.run.WithInvocations(interruptedInvocation(
					"The fleet scan was interrupted: " + counts.leftOut() + "; no credentials were found in what was read before."))
			}
			runs = append(runs, run)
		}
		used := make(map[string]bool)
		for _, g := range groups {
			id := RepoPath(g[0].Repository)
			for i := 2; used[id]; i++ {
				id = fmt.Sprintf("%s-%d", RepoPath(g[0].Repository), i)
			}
			used[id] = true
			sub := &scanner.Result{Mode: res.Mode, Findings: g}
			run := fleetRun(sub, base+id+"/", false, hide, red, opts.Options)
			name := g[0].Repository
			run.run.Properties = repoProps(sarif.Properties{"repository": name, "findings": len(g)}, byName[name], hide)
			switch {
			case !res.Incomplete:
			case status(name) == FleetInterrupted:
				run.run.WithInvocations(interruptedInvocation(
					"The scan of this repository was interrupted: these results cover only what was read before."))
			case status(name) == FleetScanned || status(name) == FleetUnchanged:
				run.run.WithInvocations(interruptedInvocation(
					"The fleet scan was interrupted: this repository was scanned in full, but " + counts.leftOut() + "."))
			default: // no status known: whether it was read in full is not known
				run.run.WithInvocations(interruptedInvocation(
					"The fleet scan was interrupted: " + counts.leftOut() + "; whether this repository was scanned in full is not known."))
			}
			runs = append(runs, run)
		}
		if rest := others(); len(rest) > 0 {
			if runs[0].run.Properties == nil {
				runs[0].run.Properties = sarif.Properties{}
			}
			runs[0].run.Properties["repositories"] = rest
		}
	default:
		return fmt.Errorf("unknown SARIF run layout %q (valid: %s, %s)", opts.SARIFRuns, SARIFRunsSingle, SARIFRunsPerRepo)
	}
	for _, r := range runs {
		log.AddRun(r.run)
	}
	if fl.Warn == nil {
		return encodeSARIF(w, log, runs)
	}
	warnRunSizes(fl.Warn, runs)
	meter := newGzipMeter(SARIFMaxGzipSize)
	if err := encodeSARIF(io.MultiWriter(w, meter), log, runs); err != nil {
		return err
	}
	if size, over := meter.over(); over {
		fl.Warn(fmt.Sprintf("the SARIF report is %s, more than %d MB gzip-compressed: GitHub code scanning rejects the upload\n"+
			"hint: upload fewer repositories per file, or only the live findings (--verify --only-verified on the scans)",
			humanBytes(size), SARIFMaxGzipSize/1_000_000))
	}
	return nil
}

// repoProps adds what a fleet knows of a repository to its properties in
// a SARIF run: its "status" when known and, when it failed, the "error"
// (secrets scrubbed as hide says).
func repoProps(props map[string]any, r *FleetRepo, hide *redactor) map[string]any {
	if r == nil {
		return props
	}
	if r.Status != "" {
		props["status"] = r.Status
	}
	if r.Status == FleetFailed && r.Error != "" {
		props["error"] = hide.scrub(r.Error)
	}
	return props
}

// warnRunSizes tells warn about runs with more results than GitHub code
// scanning accepts ([SARIFMaxResults]) or shows ([SARIFShownResults]).
func warnRunSizes(warn func(string), runs []*streamedRun) {
	for _, r := range runs {
		n := len(r.findings)
		id := ""
		if r.run.AutomationDetails != nil && r.run.AutomationDetails.ID != nil {
			id = *r.run.AutomationDetails.ID
		}
		switch {
		case n > SARIFMaxResults:
			hint := "upload fewer repositories per file, or only the live findings (--verify --only-verified on the scans)"
			if repos := len(groupByRepo(r.findings)); len(runs) == 1 && repos > 1 && repos <= SARIFMaxRuns {
				hint = "--sarif-runs per-repo gives each repository a run of its own; or " + hint
			}
			warn(fmt.Sprintf("the SARIF run %s holds %d results: GitHub code scanning rejects a run of more than %d\nhint: %s",
				id, n, SARIFMaxResults, hint))
		case n > SARIFShownResults:
			warn(fmt.Sprintf("the SARIF run %s holds %d results: GitHub code scanning keeps only the %d most severe",
				id, n, SARIFShownResults))
		}
	}
}

// streamedRun is a SARIF run whose results are made from its findings as
// they are written.
type streamedRun struct {
	run      *sarif.Run
	findings []scanner.Finding
	result   func(f *scanner.Finding) *sarif.Result
}

// fleetRun is one run of res's findings with automation ID id; prefixed
// puts each result under its repository's path.
func fleetRun(res *scanner.Result, id string, prefixed bool, hide, red *redactor, opts Options) *streamedRun {
	ruleIDs, descriptors := sarifRules(res)
	run := sarif.NewRun(sarif.Tool{Driver: sarifDriver(opts.Version, descriptors)})
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(id))
	run.WithColumnKind(columnKind)
	index := make(map[string]int, len(ruleIDs))
	for i, id := range ruleIDs {
		index[id] = i
	}
	return &streamedRun{run: run, findings: res.Findings, result: func(f *scanner.Finding) *sarif.Result {
		r := sarifResult(f, index[f.RuleID], hide, red)
		if prefixed && f.Repository != "" {
			uri := relativeURI(RepoPath(f.Repository) + "/" + f.File)
			r.Locations[0].PhysicalLocation.ArtifactLocation.WithUri(uri)
			r.Properties["file"] = f.File
		}
		return r
	}}
}

// RepoPath turns a repository's name into a relative "/"-separated path
// for SARIF locations and categories: a URL's host and path
// ("github.com/org/bot" for https://github.com/org/bot.git or
// git@github.com:org/bot.git), a local path without its leading "/",
// "." segments or ".." (which become "_").
func RepoPath(name string) string {
	p := name
	switch {
	case strings.Contains(name, "://"):
		if u, err := url.Parse(name); err == nil {
			p = u.Host + "/" + u.Path
		}
	case isSCPLike(name):
		at := strings.IndexByte(name, '@')
		host, rest, _ := strings.Cut(name[at+1:], ":")
		p = host + "/" + rest
	}
	p = strings.TrimSuffix(strings.Trim(p, "/"), ".git")
	var segs []string
	for _, s := range strings.Split(strings.ReplaceAll(p, "\\", "/"), "/") {
		switch s {
		case "", ".":
			continue
		case "..":
			s = "_"
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return "_"
	}
	return path.Join(segs...)
}

// isSCPLike reports whether name has git's user@host:path form.
func isSCPLike(name string) bool {
	at := strings.IndexByte(name, '@')
	colon := strings.IndexByte(name, ':')
	return at > 0 && colon > at+1 && !strings.ContainsAny(name[:colon], "/\\")
}
