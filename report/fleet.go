package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// Fleet is the outcome of a run over many repositories, or of a merge of
// their reports, for [WriteFleet].
type Fleet struct {
	// Result holds every finding, each with its Repository, sorted by
	// repository, file and position; Stats are summed over the repositories
	// scanned and Duration is the wall time of the run. Incomplete is set
	// when the run was interrupted: some repositories were scanned in part
	// (FleetInterrupted) or not at all (FleetNotScanned).
	Result *scanner.Result
	// Repos are the repositories in the order of the list. A merge knows
	// those its reports list (a fleet's SARIF log lists them all) and
	// those their findings name.
	Repos []FleetRepo
	// Merged is set for a fleet read back from reports: it knows no
	// counts of files, bytes and commits, nor how long the scans took.
	Merged bool
	// Warn, when set, is told what a rendering does not stop for but the
	// user should know: a SARIF log that GitHub code scanning would
	// reject or cut (more than [SARIFMaxResults] or [SARIFShownResults]
	// results in a run, more than [SARIFMaxGzipSize] compressed). A
	// message may end with "\nhint: …" lines.
	Warn func(msg string)
}

// FleetRepo is one repository of a fleet.
type FleetRepo struct {
	Name string // as the list named it, without credentials
	// Status is "scanned", "unchanged" (skipped: the state file recorded
	// the same refs; its recorded findings are carried over), "failed",
	// "interrupted" (the run was interrupted while the repository was
	// scanned; its findings are those read before), "not_scanned" (the run
	// was interrupted before the repository's turn), or "" when unknown (a
	// merge).
	Status string
	Error  string // why it failed
	// Incremental: only the commits added since the state file's refs
	// were scanned.
	Incremental bool
	Commits     int
	Duration    time.Duration
}

// Fleet statuses, as in [FleetRepo].Status.
const (
	FleetScanned     = "scanned"
	FleetUnchanged   = "unchanged"
	FleetFailed      = "failed"
	FleetInterrupted = "interrupted"
	FleetNotScanned  = "not_scanned"
)

// SARIF run layouts for [FleetOptions].SARIFRuns.
const (
	SARIFRunsSingle  = "single"
	SARIFRunsPerRepo = "per-repo"
)

// GitHub code scanning's limits on an uploaded SARIF file (see "SARIF
// support for code scanning" in GitHub's documentation).
const (
	// SARIFMaxRuns is how many runs GitHub code scanning accepts in one
	// SARIF file.
	SARIFMaxRuns = 20
	// SARIFMaxResults is how many results GitHub code scanning accepts in
	// one run; it rejects a file with a larger run.
	SARIFMaxResults = 25000
	// SARIFShownResults is how many results of a run GitHub code scanning
	// keeps, the most severe; it ignores the others.
	SARIFShownResults = 5000
	// SARIFMaxGzipSize is the largest SARIF file, gzip-compressed, that
	// GitHub code scanning accepts: 10 MB.
	SARIFMaxGzipSize = 10_000_000
)

// FleetOptions control how a fleet is rendered.
type FleetOptions struct {
	Options
	// SARIFRuns is SARIFRunsSingle (one run for the whole fleet, the
	// default) or SARIFRunsPerRepo (one run per repository with findings).
	SARIFRuns string
}

// WriteFleet renders a fleet to w in format. text and markdown start with
// the fleet summary: the repositories ranked by live and unverified
// findings, failed ones, those an interruption left scanned in part or not
// at all, and incidents, that is tokens grouped by owner
// (and webhooks by ID) across repositories; then the findings, grouped by
// repository. sarif writes one run, or one per repository (see
// [FleetOptions]); json, jsonl and github are the findings as [Write]
// renders them, each with its repository.
func WriteFleet(w io.Writer, format string, fl *Fleet, opts FleetOptions) error {
	if format == "" {
		format = FormatText
	}
	if fl == nil {
		fl = &Fleet{}
	}
	if fl.Result == nil {
		fl = &Fleet{Result: &scanner.Result{}, Repos: fl.Repos, Merged: fl.Merged, Warn: fl.Warn}
	}
	var render func(*bytes.Buffer, *Fleet, *redactor, FleetOptions) error
	switch format {
	case FormatText:
		render = writeFleetText
	case FormatMarkdown:
		render = writeFleetMarkdown
	case FormatSARIF:
		// Streamed: a fleet's log can be hundreds of megabytes. An error
		// of w can leave part of it written.
		if err := writeFleetSARIF(w, fl, newRedactor(fl.Result, opts.Options), opts); err != nil {
			return fmt.Errorf("writing %s report: %w", format, err)
		}
		return nil
	default:
		return Write(w, format, fl.Result, opts.Options)
	}
	var buf bytes.Buffer
	if err := render(&buf, fl, newRedactor(fl.Result, opts.Options), opts); err != nil {
		return fmt.Errorf("rendering %s report: %w", format, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing %s report: %w", format, err)
	}
	return nil
}

// repoCount is what a fleet summary says of one repository.
type repoCount struct {
	name                      string
	live, unverified, invalid int
	total                     int
	repo                      *FleetRepo // nil for a repository only the findings name
}

// rankRepos counts each repository's findings and returns those with
// findings, most live first, then most unverified, then most findings,
// then by name.
func rankRepos(fl *Fleet) []*repoCount {
	byName := make(map[string]*repoCount)
	var out []*repoCount
	get := func(name string) *repoCount {
		c := byName[name]
		if c == nil {
			c = &repoCount{name: name}
			byName[name] = c
			out = append(out, c)
		}
		return c
	}
	for i := range fl.Repos {
		get(fl.Repos[i].Name).repo = &fl.Repos[i]
	}
	for i := range fl.Result.Findings {
		f := &fl.Result.Findings[i]
		c := get(f.Repository)
		c.total++
		switch verificationStatus(f) {
		case scanner.StatusLive:
			c.live++
		case scanner.StatusInvalid:
			c.invalid++
		default:
			c.unverified++
		}
	}
	out = slices.DeleteFunc(out, func(c *repoCount) bool { return c.total == 0 })
	slices.SortStableFunc(out, func(a, b *repoCount) int {
		return cmp.Or(cmp.Compare(b.live, a.live), cmp.Compare(b.unverified, a.unverified),
			cmp.Compare(b.total, a.total), cmp.Compare(a.name, b.name))
	})
	return out
}

// fleetCounts counts the repositories of a fleet by what became of them.
// clean are those scanned in full without findings; an interrupted
// repository is counted with findings when it has some.
type fleetCounts struct {
	repos, withFindings, clean, unchanged, failed, incremental int
	interrupted, notScanned                                    int
}

func countFleet(fl *Fleet, ranked []*repoCount) fleetCounts {
	c := fleetCounts{repos: len(fl.Repos), withFindings: len(ranked)}
	known := make(map[string]bool, len(fl.Repos))
	found := make(map[string]bool, len(ranked))
	for _, r := range ranked {
		found[r.name] = true
	}
	partial := 0 // interrupted without findings: not clean either
	for _, r := range fl.Repos {
		known[r.Name] = true
		switch r.Status {
		case FleetUnchanged:
			c.unchanged++
		case FleetFailed:
			c.failed++
		case FleetInterrupted:
			c.interrupted++
			if !found[r.Name] {
				partial++
			}
		case FleetNotScanned:
			c.notScanned++
		}
		if r.Incremental {
			c.incremental++
		}
	}
	for _, r := range ranked {
		if !known[r.name] {
			c.repos++ // a merge: repositories known from findings only
		}
	}
	c.clean = c.repos - c.withFindings - c.failed - c.notScanned - partial
	return c
}

// countsLine says how many repositories there were and what became of
// them: "200 repositories: 12 with findings, 187 clean, 1 failed; 40
// unchanged since the state file, 3 scanned incrementally", or after an
// interruption "200 repositories: 12 with findings, 90 clean, 97 not
// scanned; 2 interrupted (scanned in part)".
func (c fleetCounts) line(merged bool) string {
	parts := []string{fmt.Sprintf("%d with findings", c.withFindings)}
	if !merged {
		parts = append(parts, fmt.Sprintf("%d clean", max(0, c.clean)))
	}
	if c.failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", c.failed))
	}
	if c.notScanned > 0 {
		parts = append(parts, fmt.Sprintf("%d not scanned", c.notScanned))
	}
	s := plural(c.repos, "repository", "repositories") + ": " + strings.Join(parts, ", ")
	var state []string
	if c.interrupted > 0 {
		state = append(state, fmt.Sprintf("%d interrupted (scanned in part)", c.interrupted))
	}
	if c.unchanged > 0 {
		state = append(state, fmt.Sprintf("%d unchanged since the state file (findings carried over)", c.unchanged))
	}
	if c.incremental > 0 {
		state = append(state, fmt.Sprintf("%d scanned incrementally", c.incremental))
	}
	if len(state) > 0 {
		s += "; " + strings.Join(state, ", ")
	}
	return s
}

// leftOut says what an interruption left out: "1 repository was scanned
// in part and 2 repositories were not scanned".
func (c fleetCounts) leftOut() string {
	var parts []string
	if c.interrupted > 0 {
		parts = append(parts, plural(c.interrupted, "repository was", "repositories were")+" scanned in part")
	}
	if c.notScanned > 0 {
		parts = append(parts, plural(c.notScanned, "repository was", "repositories were")+" not scanned")
	}
	if len(parts) == 0 {
		return "the run did not finish"
	}
	return strings.Join(parts, " and ")
}

// merged reports whether a fleet's repositories have no status, as in a
// merge of reports that do not list them (json, jsonl): its counts cannot
// say which repositories are clean.
func (fl *Fleet) merged() bool {
	for _, r := range fl.Repos {
		if r.Status != "" {
			return false
		}
	}
	return true
}

// incident is one credential owner across the fleet: a token owner (a
// user or bot account) or a webhook.
type incident struct {
	kind, id string             // "account" or "webhook", and its ID
	places   []*scanner.Finding // every finding of it, in report order
	secrets  map[string]bool    // distinct secrets, by hash
	repos    map[string]bool    // distinct repositories
	live     int                // findings verified live
}

// incidents groups token findings by owner and webhook findings by ID,
// across repositories: one bot whose token leaked in five repositories is
// one incident. Most repositories first, then most places, then by ID.
func incidents(fs []scanner.Finding) []*incident {
	byKey := make(map[string]*incident)
	var out []*incident
	for i := range fs {
		f := &fs[i]
		var kind, id string
		switch {
		case f.Token != nil && f.Token.UserID != "":
			kind, id = "account", f.Token.UserID
		case f.Webhook != nil && f.Webhook.ID != "":
			kind, id = "webhook", f.Webhook.ID
		default:
			continue
		}
		in := byKey[kind+id]
		if in == nil {
			in = &incident{kind: kind, id: id, secrets: map[string]bool{}, repos: map[string]bool{}}
			byKey[kind+id] = in
			out = append(out, in)
		}
		in.places = append(in.places, f)
		in.secrets[cmp.Or(f.SecretSHA256, f.Secret)] = true
		in.repos[f.Repository] = true
		if verificationStatus(f) == scanner.StatusLive {
			in.live++
		}
	}
	slices.SortStableFunc(out, func(a, b *incident) int {
		return cmp.Or(cmp.Compare(b.live, a.live), cmp.Compare(len(b.repos), len(a.repos)),
			cmp.Compare(len(b.places), len(a.places)), cmp.Compare(a.kind, b.kind), cmp.Compare(a.id, b.id))
	})
	return out
}

// groupByRepo splits findings into runs of the same repository, in order
// of first appearance.
func groupByRepo(fs []scanner.Finding) [][]scanner.Finding {
	var groups [][]scanner.Finding
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j].Repository == fs[i].Repository {
			j++
		}
		groups = append(groups, fs[i:j])
		i = j
	}
	return groups
}

// inHeadState describes whether a history finding is still in HEAD.
func inHeadState(f *scanner.Finding) string {
	if f.InHead == nil {
		return ""
	}
	if *f.InHead {
		return "still in HEAD"
	}
	return "no longer in HEAD"
}
