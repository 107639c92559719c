package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/report"
	"github.com/leakcord/leakcord/rules/verify"
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
			"de-duplicated by repository and fingerprint, so a shard reported twice counts once;\n" +
			"a duplicate keeps the most decisive verification (and its severity), a secret in full\n" +
			"if any report holds it, and the commit of a history report. The text and markdown\n" +
			"reports rank repositories by live and unverified findings and group credentials by\n" +
			"owner across repositories. A SARIF report holds one run, or one run per repository\n" +
			"with --sarif-runs per-repo (GitHub accepts at most 20 runs a file).\n" +
			"Secrets stay as the reports hold them: redacted unless the shards used --show-secrets.\n" +
			"A fleet's SARIF report lists every repository with its status: when the reports say\n" +
			"that repositories failed or were not scanned in full, merge exits 2, as the run did.",
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
			m, err := a.readReports(args)
			if err != nil {
				return err
			}
			fl := m.fleet(mode)
			if mixed := m.modes(); mode == "" && len(mixed) > 1 && !out.quiet {
				a.warnf("the reports come from different scans (%s): the merged report is a %s report\n"+
					"hint: --mode sets the mode, which names the SARIF category", strings.Join(mixed, ", "), fl.Result.Mode)
			}
			if err := a.writeFleetReport(&out, &ff, fl); err != nil {
				return err
			}
			return a.mergeOutcome(fl, m)
		},
	}
	out.register(c)
	f := c.Flags()
	f.StringVar(&ff.sarifRuns, "sarif-runs", report.SARIFRunsSingle, "SARIF layout: single (one run) or per-repo (one run per repository)")
	f.StringVar(&mode, "mode", "", "the scan mode the reports came from, for SARIF categories (default: what the reports say)")
	return c
}

// readReports reads every report into a merger.
func (a *app) readReports(names []string) (*merger, error) {
	m := newMerger()
	var reads []named
	stdinUsed := false
	const hint = "merge reads the json, jsonl or sarif files that leakcord wrote"
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
				return nil, hinted{err: fmt.Errorf("read report: %w", openErr), hint: hint}
			}
			rd, err = report.ReadReport(f)
			f.Close()
		}
		if err != nil {
			return nil, hinted{err: fmt.Errorf("report %s: %w", name, err), hint: hint}
		}
		reads = append(reads, named{name, rd})
	}
	m.addAll(reads)
	return m, nil
}

// addAll adds the reports read: the SARIF ones first, then json and
// jsonl, so that a json finding is joined to a SARIF one under another
// root knowing every SARIF finding (see addFinding), whatever the order
// the reports were given in.
func (m *merger) addAll(reads []named) {
	slices.SortStableFunc(reads, func(x, y named) int {
		return cmp.Compare(sarifLast(y.rd), sarifLast(x.rd))
	})
	for _, r := range reads {
		m.add(r.name, r.rd)
	}
}

// named is a report read, with its name.
type named struct {
	name string
	rd   *report.Read
}

// sarifLast is 1 for a SARIF report, 0 for others: sorted descending,
// SARIF reports come first.
func sarifLast(rd *report.Read) int {
	if rd.Format == report.FormatSARIF {
		return 1
	}
	return 0
}

// mergeOutcome reports, once the merged report is written, what the
// reports say the scans did not cover, as the runs that wrote them did:
// each repository that failed is an error, the report is an error (exit
// code 2) when any failed, and a warning and exit code 2 when a scan was
// interrupted.
func (a *app) mergeOutcome(fl *report.Fleet, m *merger) error {
	failed, partial, never := 0, 0, 0
	for _, r := range fl.Repos {
		switch r.Status {
		case report.FleetFailed:
			failed++
			fmt.Fprintf(a.stderr, "leakcord: error: repository %s: %s\n", r.Name, scanner.RedactURLs(r.Error))
		case report.FleetInterrupted:
			partial++
		case report.FleetNotScanned:
			never++
		}
	}
	var left []string
	if partial > 0 {
		left = append(left, plural(partial, "repository was", "repositories were")+" scanned in part")
	}
	if never > 0 {
		left = append(left, plural(never, "repository was", "repositories were")+" not scanned")
	}
	for _, name := range m.interrupted {
		left = append(left, "the scan of report "+name+" was interrupted")
	}
	if len(left) > 0 {
		// Even with --quiet, as the interrupted runs warned.
		a.warnf("the merged report is incomplete: %s; it covers only what the scans read", strings.Join(left, " and "))
		a.code = exitError
	}
	if failed > 0 {
		return hinted{err: fmt.Errorf("the reports say %d of %s could not be scanned", failed, plural(len(fl.Repos), "repository", "repositories")),
			hint: "the merged report covers the other repositories; run the shards that failed again (with --report sarif=FILE, whose repository statuses replace the failure), then merge their new reports too"}
	}
	return nil
}

// merger combines the findings and repositories of many reports.
//
// Two findings are one when they have the same repository and
// fingerprint, or, from different reports, the same repository, rule,
// secret, commit, line and column, and paths of which one is the other
// with folders in front ("sub/.env" and ".env"). The second kind is one
// finding named from two roots: SARIF names a scanned file relative to the
// root of its git work tree (as code scanning wants it) while json and
// jsonl name it relative to the folder scanned, and the fingerprints hash
// the path. A report never holds one finding twice, so within a report
// the second kind does not apply: a copy of a file in a subfolder stays a
// finding of its own.
type merger struct {
	all      []scanner.Finding
	lastSeen []int  // the last report that held each finding
	inSARIF  []bool // whether its path comes from a SARIF report
	byPrint  map[printKey]int
	bySecret map[secretKey][]int

	repos     []report.FleetRepo // in the order the reports list them
	repoIndex map[string]int

	votes       []modeVote
	interrupted []string // reports of one scan that say it was interrupted
	reports     int
}

type printKey struct{ repo, fingerprint string }

type secretKey struct {
	repo, rule, sha, commit, base string
	line, column                  int
}

// modeVote is what one report says of the scan mode: a SARIF report names
// it; a json report of history findings has commits, one of a scan (or
// staged) has none.
type modeVote struct {
	mode     string
	inferred bool
}

func newMerger() *merger {
	return &merger{byPrint: make(map[printKey]int), bySecret: make(map[secretKey][]int), repoIndex: make(map[string]int)}
}

// add merges one report named name.
func (m *merger) add(name string, rd *report.Read) {
	// Repository names without the credentials of their URLs, whatever
	// wrote the report.
	for i := range rd.Findings {
		rd.Findings[i].Repository = scanner.RedactURL(rd.Findings[i].Repository)
	}
	for i := range rd.Repos {
		rd.Repos[i].Name = scanner.RedactURL(rd.Repos[i].Name)
		rd.Repos[i].Error = scanner.RedactURLs(rd.Repos[i].Error)
	}
	k := m.reports
	m.reports++
	switch {
	case rd.Mode != "":
		m.votes = append(m.votes, modeVote{mode: rd.Mode})
	case len(rd.Findings) > 0:
		v := modeVote{mode: "scan", inferred: true}
		if slices.ContainsFunc(rd.Findings, func(f scanner.Finding) bool { return f.Commit != nil }) {
			v.mode = "history"
		}
		m.votes = append(m.votes, v)
	}
	// An interrupted run whose report does not say which repositories it
	// cut short (a single scan, or a merged report of findings only).
	if rd.Incomplete && !slices.ContainsFunc(rd.Repos, func(r report.FleetRepo) bool {
		return r.Status == report.FleetInterrupted || r.Status == report.FleetNotScanned
	}) {
		m.interrupted = append(m.interrupted, name)
	}
	for _, r := range rd.Repos {
		m.addRepo(r)
	}
	sarif := rd.Format == report.FormatSARIF
	m.all = slices.Grow(m.all, len(rd.Findings))
	// Same fingerprints first: a finding that another report holds under
	// the same path is that one, not one under a path with fewer folders.
	var rest []*scanner.Finding
	for i := range rd.Findings {
		if !m.addDuplicate(k, &rd.Findings[i], sarif) {
			rest = append(rest, &rd.Findings[i])
		}
	}
	prefix := ""
	if !sarif {
		prefix = m.rootPrefix(rest)
	}
	for _, f := range rest {
		m.addFinding(k, f, sarif, prefix)
	}
}

// rootPrefix returns the folder, relative to the work tree, that the paths
// of a json report's findings are relative to, as the SARIF findings read
// before show it: the prefix that most of its findings take to match a
// SARIF finding of the same secret at the same place ("sub/" when ".env"
// matches "sub/.env"), or "" when none does or two prefixes tie.
func (m *merger) rootPrefix(fs []*scanner.Finding) string {
	votes := make(map[string]int)
	for _, f := range fs {
		for _, i := range m.bySecret[secretKeyOf(f)] {
			if g := &m.all[i]; m.inSARIF[i] && strings.HasSuffix(g.File, "/"+f.File) {
				votes[strings.TrimSuffix(g.File, f.File)]++
			}
		}
	}
	best, n, tie := "", 0, false
	for p, v := range votes {
		switch {
		case v > n:
			best, n, tie = p, v, false
		case v == n:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// addDuplicate merges f, of the k-th report (a SARIF one when sarif), into
// the finding with its repository and fingerprint, and reports whether
// there was one.
func (m *merger) addDuplicate(k int, f *scanner.Finding, sarif bool) bool {
	i, ok := m.byPrint[printKey{f.Repository, f.Fingerprint}]
	if ok {
		m.combine(i, f, false)
		m.lastSeen[i] = k
		m.inSARIF[i] = m.inSARIF[i] || sarif
	}
	return ok
}

// addRepo records what a report says of a repository: of two reports
// that list it, the one that scanned more of it wins (scanned, unchanged,
// interrupted, failed, not scanned), so that a shard run again after a
// failure counts as scanned.
func (m *merger) addRepo(r report.FleetRepo) {
	i, ok := m.repoIndex[r.Name]
	if !ok {
		m.repoIndex[r.Name] = len(m.repos)
		m.repos = append(m.repos, r)
		return
	}
	if statusRank(r.Status) > statusRank(m.repos[i].Status) {
		m.repos[i] = r
	}
}

// statusRank orders repository statuses by how much of the repository
// the report covers.
func statusRank(status string) int {
	i := slices.Index(statusOrder, status)
	if i < 0 {
		return 0
	}
	return len(statusOrder) - i
}

var statusOrder = []string{report.FleetScanned, report.FleetUnchanged, report.FleetInterrupted, report.FleetFailed, report.FleetNotScanned}

// addFinding merges f, of the k-th report, into the findings: into the
// same finding named from another root, else as a new one. Only a json or
// jsonl report (paths relative to the folder scanned) and a SARIF one
// (paths relative to the work tree) name one file from two roots: f, of a
// json report whose folder is prefix within the work tree (see
// rootPrefix), is the SARIF finding at prefix+f.File with its secret at
// its place. Two reports of one kind never are (the same token in two
// repositories' .env files, scanned on their own).
func (m *merger) addFinding(k int, f *scanner.Finding, sarif bool, prefix string) {
	if m.addDuplicate(k, f, sarif) {
		return // a report that holds a finding twice
	}
	sk := secretKeyOf(f)
	if !sarif && prefix != "" {
		for _, i := range m.bySecret[sk] {
			g := &m.all[i]
			if m.lastSeen[i] == k || !m.inSARIF[i] || g.File != prefix+f.File {
				continue
			}
			m.combine(i, f, false) // under its SARIF path
			m.lastSeen[i] = k
			return
		}
	}
	i := len(m.all)
	m.all = append(m.all, *f)
	m.lastSeen = append(m.lastSeen, k)
	m.inSARIF = append(m.inSARIF, sarif)
	m.byPrint[printKey{f.Repository, f.Fingerprint}] = i
	m.bySecret[sk] = append(m.bySecret[sk], i)
}

func secretKeyOf(f *scanner.Finding) secretKey {
	k := secretKey{repo: f.Repository, rule: f.RuleID, sha: f.SecretSHA256, base: path.Base(f.File), line: f.Line, column: f.Column}
	if f.Commit != nil {
		k.commit = f.Commit.SHA
	}
	return k
}

// combine merges f into the finding it duplicates. The most decisive
// verification wins, with the severity a scan gives it; a secret in full
// wins over a redacted one; a history finding's commit, position and
// sightings fill in a scan finding's; withPath takes f's path (and the
// fingerprint that hashes it).
func (m *merger) combine(i int, f *scanner.Finding, withPath bool) {
	g := &m.all[i]
	if rank(f.Verification.Status) > rank(g.Verification.Status) {
		keepVerification(g, f.Verification)
	}
	if !secretInFull(g) && secretInFull(f) {
		g.Secret = f.Secret
	}
	if g.Commit == nil && f.Commit != nil {
		g.Commit, g.InHead, g.Occurrences, g.LastSeenCommit, g.Superseded = f.Commit, f.InHead, f.Occurrences, f.LastSeenCommit, f.Superseded
		g.Line, g.Column, g.EndLine, g.EndColumn = f.Line, f.Column, f.EndLine, f.EndColumn
	}
	if withPath {
		g.File, g.Fingerprint = f.File, f.Fingerprint
	}
}

// keepVerification records v, a duplicate's more decisive outcome, in f,
// with the severity that a scan's check gives that outcome (see
// setVerification): live is critical, invalid low.
func keepVerification(f *scanner.Finding, v scanner.Verification) {
	setVerification(f, verify.Result{Status: verify.Status(v.Status)})
	f.Verification = v // with its detail and identity as the report holds them
}

// secretInFull reports whether a finding holds its secret unredacted: the
// secret hashes to the finding's secret_sha256.
func secretInFull(f *scanner.Finding) bool {
	return f.Secret != "" && scanner.SecretHash(f.Secret) == f.SecretSHA256
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

// modes returns the distinct scan modes the reports say, in the order of
// the reports. A json report without commits is a scan's or a staged
// check's: it agrees with a SARIF report of either.
func (m *merger) modes() []string {
	var out []string
	onlyInferred := true // "scan" comes only from json reports without commits
	for _, v := range m.votes {
		if v.mode == "scan" && !v.inferred {
			onlyInferred = false
		}
		if !slices.Contains(out, v.mode) {
			out = append(out, v.mode)
		}
	}
	if onlyInferred && slices.Contains(out, "staged") {
		out = slices.DeleteFunc(out, func(mode string) bool { return mode == "scan" })
	}
	return out
}

// fleet returns the merged findings, sorted, and the repositories: those
// the reports list, then those only findings name. mode, when set, is the
// report's mode; else a history report when any report is one (its
// findings carry commits), else the mode the reports say, else history
// for a merge of reports without findings.
func (m *merger) fleet(mode string) *report.Fleet {
	if mode == "" {
		modes := m.modes()
		switch {
		case slices.Contains(modes, "history"), len(modes) == 0:
			mode = "history"
		default:
			mode = modes[0]
		}
	}
	sortFleetFindings(m.all)
	res := &scanner.Result{Mode: mode, Findings: m.all, Incomplete: len(m.interrupted) > 0}
	fl := &report.Fleet{Result: res, Repos: slices.Clone(m.repos), Merged: true}
	listed := make(map[string]bool, len(fl.Repos))
	for _, r := range fl.Repos {
		listed[r.Name] = true
		if r.Status == report.FleetInterrupted || r.Status == report.FleetNotScanned {
			res.Incomplete = true
		}
	}
	for _, f := range m.all {
		if !listed[f.Repository] {
			listed[f.Repository] = true
			fl.Repos = append(fl.Repos, report.FleetRepo{Name: f.Repository})
		}
	}
	return fl
}
