package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/report"
	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/fleet"
)

// verifyStateHint says why a run with --verify that was interrupted
// recorded none of its repositories in the state file.
const verifyStateHint = "with --verify the state file records a repository only once its findings were checked; a re-run with the same --state FILE scans this run's repositories again"

// stateSaveEvery is how often a fleet run rewrites its state file while it
// runs (and once more at the end), so that an interrupted run keeps most
// of its progress.
const stateSaveEvery = 2 * time.Second

// fleetRun is one run of a scanning command over many repositories.
type fleetRun struct {
	mode string // "history" or "scan"
	out  *outputFlags
	pf   *policyFlags
	ff   *fleetFlags
	// scan scans one target with the options of the run (Warn set to
	// name the repository); since as for fleet.Options.Scan.
	scan       func(ctx context.Context, target string, since []string, opts scanner.Options) (*scanner.Result, error)
	noProgress bool
}

// runFleet scans every target of a fleet run and writes one report. A
// repository that fails is reported on stderr and in the report, and makes
// the exit code 2 once the report is written; the others go on.
//
// An interrupted run (SIGINT, SIGTERM) starts no other repository and
// cuts the scans under way short; it warns on stderr (even with --quiet),
// skips what is left of the live checks (unchecked findings are unknown),
// records only the repositories it finished in the state, writes the
// report of what it found, each repository marked as scanned, interrupted
// or not scanned, and exits 2.
func (a *app) runFleet(c *cobra.Command, fr *fleetRun, args []string) error {
	if err := fr.out.validate(c); err != nil {
		return err
	}
	if err := fr.ff.validate(c, fr.pf); err != nil {
		return err
	}
	start := time.Now()
	warn := func(format string, args ...any) {
		if !fr.out.quiet {
			a.warnf(format, args...)
		}
	}
	all, err := a.fleetTargets(fr.ff, args, warn)
	if err != nil {
		return err
	}
	shard, _ := fleet.ParseShard(fr.ff.shard)
	targets := shard.Filter(all)
	switch {
	case len(all) == 0:
		warn("no repositories to scan")
	case len(targets) == 0:
		warn("shard %s holds none of the %d repositories", shard, len(all))
	}
	// One policy for the whole fleet: --config only. A repository's own
	// .leakcord.toml could switch detection off for itself.
	pol, sopts, err := a.loadPolicy(c, fr.pf, "")
	if err != nil {
		return err
	}
	var state *fleet.State
	if fr.ff.state != "" {
		if state, err = fleet.LoadState(fr.ff.state); err != nil {
			return hinted{err: err, hint: "remove the file to start over, or pass another --state FILE"}
		}
	}
	key := stateKey(c, fr.mode, fr.pf)
	bar := a.fleetProgress(len(targets), fr.out.quiet || fr.noProgress)

	// Each repository's findings go through the configuration's filters as
	// it finishes; live checks run once for the whole fleet at the end, so
	// that each distinct secret is sent once and the run's request budget
	// holds for the run. fresh are a repository's findings of this run,
	// prior those the state carried over.
	filters := withoutVerify(pol)
	fresh := make(map[string][]scanner.Finding, len(targets))
	prior := make(map[string][]scanner.Finding, len(targets))
	record := func(r fleet.Repo, fs []scanner.Finding) {
		enc, err := encodeFindings(fs, fr.out.showSecrets)
		if err != nil {
			warn("%s: not recorded in the state: %v", r.Name, err)
			return
		}
		state.Record(r.Target, fleet.RepoState{Key: key, Refs: r.Refs, ScannedAt: time.Now().UTC(),
			Commits: r.Result.Stats.Commits, Findings: enc})
	}
	var lastSave time.Time
	var saveErr error
	save := func(force bool) {
		if state == nil || (!force && time.Since(lastSave) < stateSaveEvery) {
			return
		}
		lastSave = time.Now()
		// A failed save while the run goes on is tried again; the last
		// save's outcome is the run's.
		saveErr = writeFileAtomic(fr.ff.state, fr.out.showSecrets, state.Encode)
	}
	done := func(r fleet.Repo) {
		bar.add()
		switch r.Status {
		case fleet.Failed:
			bar.clear()
			fmt.Fprintf(a.stderr, "leakcord: error: repository %s: %s\n", r.Name, repoError(r))
			if ie := (*scanner.InternalError)(nil); errors.As(r.Err, &ie) {
				fmt.Fprintf(a.stderr, "%s\n", ie.Stack) // for the bug report
			}
			return
		}
		if r.Status == fleet.Unchanged || r.Since != nil {
			fs, err := priorFindings(r)
			if err != nil {
				warn("%s: the state's findings are unreadable (%v); they are left out", r.Name, err)
			}
			prior[r.Target] = fs
		}
		if (r.Status != fleet.Scanned && r.Status != fleet.Interrupted) || r.Result == nil {
			return
		}
		if err := a.apply(filters, r.Result, a.stderr); err != nil {
			warn("%s: %v", r.Name, err)
		}
		fresh[r.Target] = r.Result.Findings
		// An interrupted repository is not recorded: a resumed run scans
		// it again.
		if state != nil && r.Status == fleet.Scanned && pol.verify == nil {
			// Recorded now, so that an interrupted run keeps it; recorded
			// again at the end. A run that verifies records a repository
			// only once its findings were checked (at the end): recorded
			// before, a repository finished ahead of an interrupt would be
			// carried over unchecked by the next runs, and never checked.
			record(r, mergeFindings(r.Result.Findings, prior[r.Target], headMoved(r)))
			save(false)
		}
	}
	repos, runErr := fleet.Run(c.Context(), targets, fleet.Options{
		Parallel:    fr.ff.parallel,
		State:       state,
		Key:         key,
		Refs:        fleet.ListRefs,
		Incremental: fr.ff.incremental,
		Done:        done,
		Scan: func(ctx context.Context, target string, since []string) (*scanner.Result, error) {
			opts := sopts
			name := fleet.Name(target)
			opts.Warn = func(err error) { warn("%s: %v", name, err) }
			return fr.scan(ctx, target, since, opts)
		},
	})
	bar.clear()
	if runErr != nil && repos == nil {
		save(true)
		return runErr
	}
	interrupted := runErr != nil
	if interrupted {
		// Before the live checks, which the cancel cuts short, and the
		// report, as a single scan does.
		a.fleetInterrupted(runErr, repos, state != nil, pol.verify != nil)
	}
	checks, err := a.verifyFleet(pol, repos, fresh)
	if err != nil {
		save(true)
		return err
	}
	// A signal during the live checks (after every repository was
	// scanned) leaves findings unchecked: as for a single scan, the report
	// is written and the exit code is 2, and this run's repositories are
	// not recorded, so that the next run checks them.
	verifyCut := !interrupted && pol.verify != nil && c.Context().Err() != nil
	if verifyCut && state != nil {
		fmt.Fprintf(a.stderr, "hint: %s\n", verifyStateHint)
	}
	findings := make(map[string][]scanner.Finding, len(repos))
	for _, r := range repos {
		findings[r.Target] = mergeFindings(fresh[r.Target], prior[r.Target], headMoved(r))
		// After an interrupt the live checks checked nothing: the records
		// made as each repository finished stand (none with --verify).
		if state != nil && r.Status == fleet.Scanned && !interrupted && !verifyCut {
			record(r, findings[r.Target])
		}
	}
	save(true)

	fl := assembleFleet(fr.mode, repos, findings, time.Since(start))
	if checks.Incomplete && !fl.Result.Incomplete {
		fl.Result.Incomplete, fl.Result.IncompleteReason = true, checks.IncompleteReason
	}
	if err := a.writeFleetReport(fr.out, fr.ff, fl); err != nil {
		return err
	}
	if interrupted || checks.Incomplete {
		a.code = exitError
	}
	if saveErr != nil {
		// After the report, which holds what the run found.
		return fmt.Errorf("state: %w", saveErr)
	}
	failed := 0
	for _, r := range repos {
		if r.Status == fleet.Failed {
			failed++
		}
	}
	if failed > 0 {
		hint := "see the errors above; the report covers the other repositories"
		if state != nil {
			hint = "see the errors above; a re-run with the same --state FILE scans only the repositories that failed or changed"
		}
		return hinted{err: fmt.Errorf("%d of %s could not be scanned", failed, plural(len(repos), "repository", "repositories")), hint: hint}
	}
	return nil
}

// fleetInterrupted warns that a fleet run was interrupted (err is why)
// and says how much of it the report covers.
func (a *app) fleetInterrupted(err error, repos []fleet.Repo, withState, verifying bool) {
	var full, part, never int
	for _, r := range repos {
		switch r.Status {
		case fleet.Scanned, fleet.Unchanged:
			full++
		case fleet.Interrupted:
			part++
		case fleet.NotScanned:
			never++
		}
	}
	msg := fmt.Sprintf("fleet scan interrupted (%v): the report covers %d of %s in full, %d in part",
		err, full, plural(len(repos), "repository", "repositories"), part)
	if never > 0 {
		msg += fmt.Sprintf("; %d not scanned", never)
	}
	a.warnf("%s", msg)
	switch {
	case withState && verifying:
		fmt.Fprintf(a.stderr, "hint: %s\n", verifyStateHint)
	case withState && part+never > 0:
		fmt.Fprintf(a.stderr, "hint: the state file records only the repositories scanned in full; a re-run with the same --state FILE scans the others\n")
	}
}

// headMoved reports whether r's HEAD differs from the one the state
// recorded.
func headMoved(r fleet.Repo) bool {
	return r.Prior != nil && r.Prior.Refs["HEAD"] != r.Refs["HEAD"]
}

// repoError is why r failed, without the repository's name in front
// (which messages about one repository repeat), on one line: an internal
// error without its stack (see repoStack).
func repoError(r fleet.Repo) string {
	msg := r.Err.Error()
	var ie *scanner.InternalError
	if errors.As(r.Err, &ie) {
		msg = ie.Short()
	}
	msg = scanner.RedactURLs(msg)
	for _, prefix := range []string{r.Target + ": ", r.Name + ": "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	return msg
}

// withoutVerify returns pol without live checks: the filters that apply
// to one repository's findings.
func withoutVerify(pol *policy) *policy {
	p := *pol
	p.verify = nil
	return &p
}

// verifyFleet checks the fresh findings of every repository in one go (when
// the run verifies at all) and puts the outcome back into fresh. The result
// it returns holds them all; it is Incomplete (with its reason) when the
// checks were cut short or --only-verified left out what it could not check.
func (a *app) verifyFleet(pol *policy, repos []fleet.Repo, fresh map[string][]scanner.Finding) (*scanner.Result, error) {
	all := &scanner.Result{}
	if pol.verify == nil {
		return all, nil
	}
	for _, r := range repos {
		all.Findings = append(all.Findings, fresh[r.Target]...)
	}
	if err := a.verifyFindings(pol, all, a.stderr); err != nil {
		return nil, err
	}
	byRepo := make(map[string][]scanner.Finding)
	for _, f := range all.Findings {
		byRepo[f.Repository] = append(byRepo[f.Repository], f)
	}
	for _, r := range repos {
		if _, ok := fresh[r.Target]; ok {
			fresh[r.Target] = byRepo[r.Name]
		}
	}
	return all, nil
}

// plural returns "1 repository" or "n repositories".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// priorFindings decodes what the state recorded for r.
func priorFindings(r fleet.Repo) ([]scanner.Finding, error) {
	if r.Prior == nil || len(r.Prior.Findings) == 0 {
		return nil, nil
	}
	fs, err := report.ReadFindings(bytes.NewReader(r.Prior.Findings))
	for i := range fs {
		fs[i].Repository = r.Name
	}
	return fs, err
}

// encodeFindings renders findings as the JSON array a state records:
// secrets redacted unless shown.
func encodeFindings(fs []scanner.Finding, show bool) ([]byte, error) {
	var buf bytes.Buffer
	err := report.Write(&buf, report.FormatJSON, &scanner.Result{Findings: fs}, report.Options{ShowSecrets: show})
	return buf.Bytes(), err
}

// mergeFindings combines a repository's findings of this run with those
// the state carried over. A secret both hold keeps the carried finding's
// introducing commit and location (an incremental scan sees only the new
// commits, so it attributes a secret that a changed file still holds to
// the commit that changed it), with this run's in_head and last sighting
// and the sum of occurrences. A carried finding that this run did not see
// again has no in_head when headMoved: whether the tip still holds it is
// not known without a full scan.
func mergeFindings(fresh, prior []scanner.Finding, headMoved bool) []scanner.Finding {
	if len(prior) == 0 {
		return fresh
	}
	index := make(map[string]int, len(prior))
	out := slices.Clone(prior)
	for i, p := range out {
		index[p.Fingerprint] = i
		if headMoved {
			out[i].InHead = nil
		}
	}
	for _, f := range fresh {
		i, ok := index[f.Fingerprint]
		if !ok {
			out = append(out, f)
			continue
		}
		g := &out[i]
		g.Secret = f.Secret
		g.InHead = f.InHead
		g.LastSeenCommit = f.LastSeenCommit
		g.Occurrences += f.Occurrences
		g.Superseded = g.Superseded || f.Superseded
		if f.Verification.Status != "" {
			g.Verification, g.Severity = f.Verification, f.Severity // this run's check decides both
		}
	}
	return out
}

// assembleFleet builds the fleet report from the outcomes: the findings of
// every repository, sorted, and each repository's status.
func assembleFleet(mode string, repos []fleet.Repo, findings map[string][]scanner.Finding, wall time.Duration) *report.Fleet {
	res := &scanner.Result{Mode: mode}
	fl := &report.Fleet{Result: res}
	for _, r := range repos {
		if r.Status == fleet.Interrupted || r.Status == fleet.NotScanned {
			res.Incomplete = true
		}
		fr := report.FleetRepo{Name: r.Name, Status: string(r.Status), Duration: r.Duration, Incremental: r.Since != nil}
		if r.Status == fleet.Failed {
			fr.Error = repoError(r)
		}
		if r.Result != nil {
			st := r.Result.Stats
			fr.Commits = st.Commits
			res.Stats.Files += st.Files
			res.Stats.Bytes += st.Bytes
			res.Stats.SkippedBinary += st.SkippedBinary
			res.Stats.SkippedLarge += st.SkippedLarge
			res.Stats.Errors += st.Errors
			res.Stats.Baselined += st.Baselined
			res.Stats.Commits += st.Commits
			res.Stats.SkippedLFS += st.SkippedLFS
			res.Stats.Submodules += st.Submodules
		}
		fl.Repos = append(fl.Repos, fr)
		res.Findings = append(res.Findings, findings[r.Target]...)
	}
	sortFleetFindings(res.Findings)
	res.Stats.Duration = wall
	return fl
}

// sortFleetFindings orders findings by repository, file and position.
func sortFleetFindings(fs []scanner.Finding) {
	slices.SortStableFunc(fs, func(a, b scanner.Finding) int {
		sha := func(f scanner.Finding) string {
			if f.Commit == nil {
				return ""
			}
			return f.Commit.SHA
		}
		return cmp.Or(cmp.Compare(a.Repository, b.Repository), cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(sha(a), sha(b)), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
}

// writeFleetReport renders a fleet to stdout or --output (and every
// --report file), warns of what GitHub would reject, and sets the exit code
// for its findings.
func (a *app) writeFleetReport(o *outputFlags, ff *fleetFlags, fl *report.Fleet) error {
	res := fl.Result
	// What a report passes that GitHub would reject (SARIF size and result
	// limits): warned once each, unless --quiet.
	warned := make(map[string]bool)
	fl.Warn = func(msg string) {
		if !o.quiet && !warned[msg] {
			warned[msg] = true
			a.warnf("%s", msg)
		}
	}
	opts := report.FleetOptions{Options: report.Options{ShowSecrets: o.showSecrets, Version: version()}, SARIFRuns: ff.sarifRuns}
	var err error
	for _, r := range o.reports {
		format, file, _ := strings.Cut(r, "=")
		if err = writeFileAtomic(file, o.showSecrets, func(w io.Writer) error { return report.WriteFleet(w, format, fl, opts) }); err != nil {
			break
		}
	}
	switch {
	case err != nil:
	case o.output == "" && o.quiet && o.format == "text" && len(res.Findings) == 0:
		// -q: no "nothing found" on stdout; files are still written.
	case o.output == "":
		opts.Color = a.colorFor(a.stdout, o.noColor)
		err = report.WriteFleet(a.stdout, o.format, fl, opts)
	default:
		err = writeFileAtomic(o.output, o.showSecrets, func(w io.Writer) error { return report.WriteFleet(w, o.format, fl, opts) })
	}
	if errors.Is(err, report.ErrTooManyRuns) {
		return hinted{err: err, hint: "use --sarif-runs single (one run for every repository), or merge fewer repositories per file"}
	}
	if err != nil {
		return err
	}
	if len(res.Findings) > 0 {
		a.code = o.exitCode
	} else {
		a.code = exitClean
	}
	return nil
}

// fleetBar is a progress bar of repositories on a terminal; its methods do
// nothing when no bar is drawn.
type fleetBar struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

// fleetProgress returns the bar of a fleet run of n repositories: drawn on
// stderr only when it is a terminal, never with --quiet or --no-progress.
func (a *app) fleetProgress(n int, off bool) *fleetBar {
	f, ok := a.stderr.(*os.File)
	if off || n == 0 || !ok || !isatty.IsTerminal(f.Fd()) || a.getenv("TERM") == "dumb" {
		return &fleetBar{}
	}
	return &fleetBar{bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription("repositories"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)}
}

func (b *fleetBar) add() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		_ = b.bar.Add(1)
	}
}

// clear removes the bar from the terminal before a message or the report.
func (b *fleetBar) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		_ = b.bar.Clear()
	}
}
