package report

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/leakcord/leakcord/scanner"
)

// ErrTooManyRuns is returned when a per-repository SARIF log would hold
// more runs than GitHub code scanning accepts ([SARIFMaxRuns]).
var ErrTooManyRuns = errors.New("too many SARIF runs")

// writeFleetSARIF writes a fleet as SARIF 2.1.0 for GitHub code scanning.
//
// With SARIFRunsSingle, one run holds every finding: its automation ID is
// "leakcord/fleet/<mode>/", each result's location is the repository's
// path (see [RepoPath]) joined with the file, so that the same file in two
// repositories are two locations, and its properties hold "repository"
// and the "file" as the repository names it. The run's properties list
// each repository with findings, with its number of findings and its
// status (see [FleetRepo]), then those the results do not cover in full
// (failed, interrupted, not scanned) with theirs.
//
// With SARIFRunsPerRepo, each repository with findings is one run whose
// automation ID "leakcord/fleet/<mode>/<path>/" is a category of its own
// (GitHub rejects two runs of one tool and category in one upload), with
// locations relative to the repository's root. More than [SARIFMaxRuns]
// runs is [ErrTooManyRuns]; a fleet without findings is one empty run.
// Each run's properties name its repository and status.
//
// An interrupted fleet (Result.Incomplete) is, in every run, an invocation
// with executionSuccessful false and a notification that says what the
// results leave out, as [Write] does for an interrupted scan: the tool's
// execution did not complete, even where a run's repository was scanned
// in full.
func writeFleetSARIF(buf *bytes.Buffer, fl *Fleet, red *redactor, opts FleetOptions) error {
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
	status := make(map[string]string, len(fl.Repos))
	for _, r := range fl.Repos {
		status[r.Name] = r.Status
	}
	counts := countFleet(fl, rankRepos(fl))
	switch opts.SARIFRuns {
	case "", SARIFRunsSingle:
		run := fleetRun(res, base, true, hide, red, opts.Options)
		var repos []map[string]any
		listed := make(map[string]bool)
		for _, g := range groups {
			name := g[0].Repository
			listed[name] = true
			repos = append(repos, withStatus(map[string]any{"repository": name, "findings": len(g)}, status[name]))
		}
		for _, r := range fl.Repos {
			switch r.Status {
			case FleetFailed, FleetInterrupted, FleetNotScanned:
				if !listed[r.Name] {
					repos = append(repos, map[string]any{"repository": r.Name, "findings": 0, "status": r.Status})
				}
			}
		}
		if len(repos) > 0 {
			run.Properties = sarif.Properties{"repositories": repos}
		}
		if res.Incomplete {
			run.WithInvocations(interruptedInvocation(
				"The fleet scan was interrupted: " + counts.leftOut() + "; these results cover only what was read before."))
		}
		log.AddRun(run)
	case SARIFRunsPerRepo:
		if len(groups) > SARIFMaxRuns {
			return fmt.Errorf("%w: %d repositories have findings, GitHub code scanning accepts at most %d runs in one file",
				ErrTooManyRuns, len(groups), SARIFMaxRuns)
		}
		if len(groups) == 0 {
			run := fleetRun(res, base, false, hide, red, opts.Options)
			if res.Incomplete {
				run.WithInvocations(interruptedInvocation(
					"The fleet scan was interrupted: " + counts.leftOut() + "; no credentials were found in what was read before."))
			}
			log.AddRun(run)
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
			run.Properties = withStatus(sarif.Properties{"repository": name, "findings": len(g)}, status[name])
			switch {
			case !res.Incomplete:
			case status[name] == FleetInterrupted:
				run.WithInvocations(interruptedInvocation(
					"The scan of this repository was interrupted: these results cover only what was read before."))
			default:
				run.WithInvocations(interruptedInvocation(
					"The fleet scan was interrupted: this repository was scanned in full, but " + counts.leftOut() + "."))
			}
			log.AddRun(run)
		}
	default:
		return fmt.Errorf("unknown SARIF run layout %q (valid: %s, %s)", opts.SARIFRuns, SARIFRunsSingle, SARIFRunsPerRepo)
	}
	enc := newEncoder(buf)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// withStatus adds "status" to a repository's properties, when known.
func withStatus(props map[string]any, status string) map[string]any {
	if status != "" {
		props["status"] = status
	}
	return props
}

// fleetRun is one run of res's findings with automation ID id; prefixed
// puts each result under its repository's path.
func fleetRun(res *scanner.Result, id string, prefixed bool, hide, red *redactor, opts Options) *sarif.Run {
	ruleIDs, descriptors := sarifRules(res)
	run := sarif.NewRun(sarif.Tool{Driver: sarifDriver(opts.Version, descriptors)})
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(id))
	run.WithColumnKind(columnKind)
	for i := range res.Findings {
		f := &res.Findings[i]
		r := sarifResult(f, slices.Index(ruleIDs, f.RuleID), hide, red)
		if prefixed && f.Repository != "" {
			uri := relativeURI(RepoPath(f.Repository) + "/" + f.File)
			r.Locations[0].PhysicalLocation.ArtifactLocation.WithUri(uri)
			r.Properties["file"] = f.File
		}
		run.Results = append(run.Results, r)
	}
	return run
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
