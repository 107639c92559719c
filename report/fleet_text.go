package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/leakcord/leakcord/scanner"
)

// fleetMaxPlaces caps the places listed under one incident.
const fleetMaxPlaces = 10

// writeFleetText writes the fleet summary, then the findings of each
// repository grouped by file, then the summary line and what to do:
//
//	200 repositories: 3 with findings, 196 clean, 1 failed
//	   live  unverified  findings  repository
//	      1           2         3  https://git.example.com/org/bot.git
//	  failed: https://git.example.com/org/gone.git: repository not found
//
// After an interruption, a repository scanned in part is marked
// "(interrupted)" in the table and listed as "interrupted: … (scanned in
// part)", and the first of those never started as "not scanned: …".
//
//	Incidents (credentials by owner, across repositories)
//	  account 1085170463541917759: 2 tokens in 3 repositories (4 places)
//	    https://git.example.com/org/bot.git  config.py:3  MTA4…Xm  still in HEAD
func writeFleetText(buf *bytes.Buffer, fl *Fleet, red *redactor, opts FleetOptions) error {
	p := newPalette(opts.Color)
	res := fl.Result
	ranked := rankRepos(fl)
	counts := countFleet(fl, ranked)
	buf.WriteString(counts.line(fl.merged()) + "\n")
	if len(ranked) > 0 {
		w := len("findings")
		fmt.Fprintf(buf, "  %4s  %10s  %*s  %s\n", "live", "unverified", w, "findings", "repository")
		for _, r := range ranked {
			mark := ""
			if r.repo != nil && r.repo.Status == FleetInterrupted {
				mark = " (interrupted)"
			}
			fmt.Fprintf(buf, "  %4d  %10d  %*d  %s%s\n", r.live, r.unverified, w, r.total, printable(r.name), mark)
		}
	}
	notScanned := 0
	for _, r := range fl.Repos {
		switch r.Status {
		case FleetFailed:
			fmt.Fprintf(buf, "  failed: %s: %s\n", printable(r.Name), printable(red.scrub(r.Error)))
		case FleetInterrupted:
			fmt.Fprintf(buf, "  interrupted: %s (scanned in part)\n", printable(r.Name))
		case FleetNotScanned:
			if notScanned++; notScanned <= fleetMaxPlaces {
				fmt.Fprintf(buf, "  not scanned: %s\n", printable(r.Name))
			}
		}
	}
	if n := notScanned - fleetMaxPlaces; n > 0 {
		fmt.Fprintf(buf, "  …and %d more not scanned\n", n)
	}
	buf.WriteByte('\n')

	if ins := incidents(res.Findings); len(ins) > 0 {
		buf.WriteString("Incidents (credentials by owner, across repositories)\n")
		for _, in := range ins {
			what := plural(len(in.secrets), "token", "tokens")
			if in.kind == "webhook" {
				what = plural(len(in.secrets), "URL", "URLs")
			}
			live := ""
			if in.live > 0 {
				live = fmt.Sprintf(", %d verified live", in.live)
			}
			fmt.Fprintf(buf, "  %s %s: %s in %s (%s%s)\n", in.kind, printable(in.id), what,
				plural(len(in.repos), "repository", "repositories"), plural(len(in.places), "place", "places"), live)
			for _, f := range in.places[:min(len(in.places), fleetMaxPlaces)] {
				fmt.Fprintf(buf, "    %s  %s:%d  %s%s\n", printable(f.Repository), printable(f.File), f.Line,
					printable(red.secret(f)), prefixed("  ", placeState(f)))
			}
			if n := len(in.places) - fleetMaxPlaces; n > 0 {
				fmt.Fprintf(buf, "    …and %d more\n", n)
			}
		}
		buf.WriteByte('\n')
	}

	for _, g := range groupByRepo(res.Findings) {
		name := g[0].Repository
		if name == "" {
			name = "(no repository)"
		}
		buf.WriteString("== " + printable(name) + "\n")
		for _, fg := range groupByFile(g) {
			writeGroup(buf, fg, p, red)
		}
		buf.WriteByte('\n')
	}

	buf.WriteString(fleetSummary(fl, counts, p) + "\n")
	if len(res.Findings) > 0 {
		buf.WriteString(p.advice.Sprint(advice(res.CountByRule(), len(res.Findings))) + "\n")
		if len(incidents(res.Findings)) < len(res.Findings) {
			buf.WriteString(p.advice.Sprint("one owner's credentials in many places are one incident: reset each token once, then remove every copy.") + "\n")
		}
	}
	return nil
}

// fleetSummary is the line that ends a fleet's text report: the scan's
// summary line with the number of repositories, or for a merge (which
// knows no file or commit counts) the findings and repositories.
func fleetSummary(fl *Fleet, counts fleetCounts, p *palette) string {
	res := fl.Result
	repos := plural(counts.repos, "repository", "repositories")
	if !fl.Merged && !fl.merged() {
		return strings.Replace(summary(res, p), " in ", " in "+repos+", ", 1)
	}
	if len(res.Findings) == 0 {
		return p.clean.Sprint("no Discord credentials found") + " in " + repos
	}
	return p.found.Sprint(plural(len(res.Findings), "finding", "findings")) +
		" (" + ruleCounts(res.CountByRule()) + ") in " + repos
}

// placeState is the short state of a finding in an incident's list: in
// HEAD or not, and the outcome of a live check.
func placeState(f *scanner.Finding) string {
	var parts []string
	if s := inHeadState(f); s != "" {
		parts = append(parts, s)
	}
	switch verificationStatus(f) {
	case scanner.StatusLive:
		parts = append(parts, "live")
	case scanner.StatusInvalid:
		parts = append(parts, "rejected by Discord")
	}
	return strings.Join(parts, ", ")
}
