package report

import (
	"bytes"
	"fmt"
	"strings"
)

// writeFleetMarkdown writes the fleet summary for a job summary: counts,
// a table of the repositories with findings (most live first), the failed
// ones, those an interruption left scanned in part or not at all, a table
// of incidents (credentials by owner across repositories)
// and a table of findings with their repository, each capped at
// markdownMaxRows rows.
func writeFleetMarkdown(buf *bytes.Buffer, fl *Fleet, red *redactor, opts FleetOptions) error {
	res := fl.Result
	mode := res.Mode
	if mode == "" {
		mode = "scan"
	}
	ranked := rankRepos(fl)
	counts := countFleet(fl, ranked)
	fmt.Fprintf(buf, "## leakcord fleet %s\n\n", mdText(mode))
	if res.Incomplete {
		fmt.Fprintf(buf, "**Interrupted:** this report is incomplete: %s.\n\n", mdText(counts.leftOut()))
	}
	n := len(res.Findings)
	if n == 0 {
		fmt.Fprintf(buf, "No Discord credentials found. %s.\n", mdText(counts.line(fl.merged())))
	} else {
		fmt.Fprintf(buf, "**%s** (%s). %s.\n", plural(n, "finding", "findings"),
			mdText(severityCounts(res.Findings)), mdText(counts.line(fl.merged())))
	}

	if len(ranked) > 0 {
		buf.WriteString("\n### Repositories with findings\n\n")
		buf.WriteString("| Live | Unverified | Findings | Repository |\n| ---: | ---: | ---: | --- |\n")
		for _, r := range ranked[:min(len(ranked), markdownMaxRows)] {
			mark := ""
			if r.repo != nil && r.repo.Status == FleetInterrupted {
				mark = " (interrupted)"
			}
			fmt.Fprintf(buf, "| %d | %d | %d | %s%s |\n", r.live, r.unverified, r.total, codeSpan(r.name), mark)
		}
		if k := len(ranked) - markdownMaxRows; k > 0 {
			fmt.Fprintf(buf, "\n…and %d more repositories.\n", k)
		}
	}
	var failed, partial []string
	for _, r := range fl.Repos {
		switch r.Status {
		case FleetFailed:
			failed = append(failed, "- "+codeSpan(r.Name)+": "+mdText(red.scrub(r.Error)))
		case FleetInterrupted:
			partial = append(partial, "- "+codeSpan(r.Name)+": interrupted, scanned in part")
		case FleetNotScanned:
			partial = append(partial, "- "+codeSpan(r.Name)+": not scanned")
		}
	}
	mdList(buf, "Repositories that could not be scanned", failed)
	mdList(buf, "Repositories not scanned in full (the run was interrupted)", partial)

	if ins := incidents(res.Findings); len(ins) > 0 {
		buf.WriteString("\n### Incidents: credentials by owner, across repositories\n\n")
		buf.WriteString("| Owner | Secrets | Repositories | Places | Live |\n| --- | ---: | ---: | ---: | ---: |\n")
		for _, in := range ins[:min(len(ins), markdownMaxRows)] {
			fmt.Fprintf(buf, "| %s | %d | %d | %d | %d |\n", mdText(in.kind+" "+in.id),
				len(in.secrets), len(in.repos), len(in.places), in.live)
		}
		if k := len(ins) - markdownMaxRows; k > 0 {
			fmt.Fprintf(buf, "\n…and %d more incidents.\n", k)
		}
	}

	if n == 0 {
		return nil
	}
	secretHead := "Secret (redacted)"
	if opts.ShowSecrets {
		secretHead = "Secret"
	}
	buf.WriteString("\n### Findings\n\n")
	buf.WriteString("| Severity | Rule | Repository | File:Line | Owner / details | " + secretHead + " |\n")
	buf.WriteString("| --- | --- | --- | --- | --- | --- |\n")
	for i := range res.Findings[:min(n, markdownMaxRows)] {
		f := &res.Findings[i]
		cells := []string{
			mdText(string(f.Severity)),
			codeSpan(f.RuleID),
			codeSpan(f.Repository),
			codeSpan(fmt.Sprintf("%s:%d", f.File, f.Line)),
			mdText(mdDetails(f)),
			codeSpan(red.secret(f)),
		}
		buf.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	mdFooter(buf, res, n)
	return nil
}

// mdList writes a section of list items under title, at most
// markdownMaxRows of them; nothing when there are none.
func mdList(buf *bytes.Buffer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	buf.WriteString("\n### " + title + "\n\n")
	for _, l := range items[:min(len(items), markdownMaxRows)] {
		buf.WriteString(l + "\n")
	}
	if k := len(items) - markdownMaxRows; k > 0 {
		fmt.Fprintf(buf, "- …and %d more\n", k)
	}
}
