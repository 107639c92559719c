package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// markdownMaxRows caps the table, so that a report stays within what a pull
// request comment (65,536 characters) or a job summary can hold.
const markdownMaxRows = 100

// writeMarkdown writes a short GitHub-flavoured Markdown summary for a job
// summary or a pull request comment: a heading, a counts line, a table of
// findings and what to do. Free text (paths, secrets) goes into code
// spans and everything else is escaped, so scanned content cannot break
// the table, inject links or mention users.
func writeMarkdown(buf *bytes.Buffer, res *scanner.Result, red *redactor, opts Options) error {
	mode := res.Mode
	if mode == "" {
		mode = "scan"
	}
	fmt.Fprintf(buf, "## leakcord %s\n\n", mdText(mode))
	if res.Incomplete {
		why := res.IncompleteText()
		fmt.Fprintf(buf, "**Incomplete:** %s.\n\n", mdText(strings.ToUpper(why[:1])+why[1:]))
	}
	n := len(res.Findings)
	if n == 0 {
		fmt.Fprintf(buf, "No Discord credentials found in %s.\n", mdScanned(res.Stats))
		return nil
	}
	fmt.Fprintf(buf, "**%s** (%s) in %s.\n\n", plural(n, "finding", "findings"),
		mdText(severityCounts(res.Findings)), mdScanned(res.Stats))

	secretHead := "Secret (redacted)"
	if opts.ShowSecrets {
		secretHead = "Secret"
	}
	buf.WriteString("| Severity | Rule | File:Line | Owner / details | " + secretHead + " |\n")
	buf.WriteString("| --- | --- | --- | --- | --- |\n")
	for i := range res.Findings[:min(n, markdownMaxRows)] {
		f := &res.Findings[i]
		file := f.File
		if file == "-" {
			file = stdinName
		}
		cells := []string{
			mdText(string(f.Severity)),
			codeSpan(f.RuleID),
			codeSpan(fmt.Sprintf("%s:%d", file, f.Line)),
			mdText(mdDetails(f)),
			codeSpan(red.secret(f)),
		}
		buf.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	mdFooter(buf, res, n)
	return nil
}

// mdScanned says how much was scanned: "12 files (48.2 KiB)", with files
// skipped and errors when there were any.
func mdScanned(st scanner.Stats) string {
	s := plural(st.Files, "file", "files") + " (" + humanBytes(st.Bytes)
	if k := st.SkippedBinary + st.SkippedLarge; k > 0 {
		s += "; " + plural(k, "file", "files") + " skipped"
	}
	if st.Errors > 0 {
		s += "; " + plural(st.Errors, "error", "errors")
	}
	return s + ")"
}

// severityCounts returns "1 critical, 4 high, 1 medium", most urgent first.
func severityCounts(fs []scanner.Finding) string {
	counts := make(map[rules.Severity]int)
	var other int
	for _, f := range fs {
		if f.Severity.Rank() == 0 {
			other++
			continue
		}
		counts[f.Severity]++
	}
	var parts []string
	for _, s := range []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	if other > 0 {
		parts = append(parts, fmt.Sprintf("%d other", other))
	}
	return strings.Join(parts, ", ")
}

// mdDetails returns the owner and short facts of a finding for its table
// cell: "user 1085170463541917759, account created 2023-03-14, current
// format; commit 3f2a9c41d0b7, no longer in HEAD; not verified".
func mdDetails(f *scanner.Finding) string {
	var parts []string
	if facts := append([]string{owner(f)}, dates(f)...); facts[0] != "" || len(facts) > 1 {
		if facts[0] == "" {
			facts = facts[1:]
		}
		parts = append(parts, strings.Join(facts, ", "))
	}
	var hist []string
	if f.Commit != nil {
		hist = append(hist, "commit "+short(f.Commit.SHA))
	}
	if f.InHead != nil {
		if *f.InHead {
			hist = append(hist, "still in HEAD")
		} else {
			hist = append(hist, "no longer in HEAD")
		}
	}
	if f.Superseded {
		hist = append(hist, "probably superseded")
	}
	if len(hist) > 0 {
		parts = append(parts, strings.Join(hist, ", "))
	}
	if len(f.Encoding) > 0 {
		parts = append(parts, "hidden by "+strings.Join(f.Encoding, ", "))
	}
	switch verificationStatus(f) {
	case scanner.StatusLive:
		parts = append(parts, "verified live")
	case scanner.StatusInvalid:
		parts = append(parts, "rejected by Discord")
	case scanner.StatusUnknown:
		parts = append(parts, "verification inconclusive")
	case scanner.StatusNotChecked:
		parts = append(parts, "not verified")
	default:
		parts = append(parts, "verification "+f.Verification.Status)
	}
	return strings.Join(parts, "; ")
}

// mdEscaper backslash-escapes the characters that could start Markdown or
// HTML constructs, or end a table cell.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`, "@", `\@`, "#", `\#`,
)

// mdText returns s as literal Markdown text on one line.
func mdText(s string) string {
	return mdEscaper.Replace(printable(s))
}

// codeSpan returns s as a Markdown code span on one line: the fence is
// longer than any run of backticks in s, and "|" is escaped, which GitHub
// requires even inside code spans in a table.
func codeSpan(s string) string {
	s = strings.ReplaceAll(printable(s), "|", `\|`)
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mdFooter ends a markdown table of n findings: how many rows were left
// out, and what to do.
func mdFooter(buf *bytes.Buffer, res *scanner.Result, n int) {
	if n > markdownMaxRows {
		fmt.Fprintf(buf, "\n…and %d more; see the SARIF or JSON report for all of them.\n", n-markdownMaxRows)
	}
	buf.WriteString("\n**What to do:** ")
	buf.WriteString(mdText(strings.TrimPrefix(advice(res.CountByRule(), n), "what to do: ")))
	buf.WriteByte('\n')
}
