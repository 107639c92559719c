package report

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/leakcord/leakcord/scanner"
)

// writeGitHub writes one GitHub Actions workflow command per finding, so
// that a step running leakcord turns findings into annotations on the
// files of a pull request:
//
//	::error file=config/bot.env,line=12,col=9,endLine=12,endColumn=31,title=Discord bot or user token (high)::Secret MTA4…Xy. Discord bot or user token of user …
//
// Critical and high findings are errors, medium ones warnings, low ones and
// secrets Discord rejected notices. A finding read from stdin has no file
// and shows in the job's summary only. Nothing is written when there are no
// findings. GitHub shows at most 10 annotations of each level per step.
func writeGitHub(buf *bytes.Buffer, res *scanner.Result, red *redactor, _ Options) error {
	for i := range res.Findings {
		f := &res.Findings[i]
		buf.WriteString("::")
		buf.WriteString(githubLevel(f))
		buf.WriteByte(' ')
		var props []string
		prop := func(k, v string) { props = append(props, k+"="+escapeProperty(printable(v))) }
		if f.File != "-" {
			prop("file", f.File)
			prop("line", strconv.Itoa(f.Line))
			prop("col", strconv.Itoa(f.Column))
			prop("endLine", strconv.Itoa(max(f.Line, f.EndLine)))
			prop("endColumn", strconv.Itoa(f.EndColumn))
		}
		prop("title", ruleTitle(f.RuleID)+" ("+string(f.Severity)+")")
		buf.WriteString(strings.Join(props, ","))
		buf.WriteString("::")
		msg := "Secret " + red.secret(f) + " (rule " + f.RuleID + "). " + message(f, red)
		buf.WriteString(escapeData(printable(msg)))
		buf.WriteByte('\n')
	}
	return nil
}

// githubLevel returns the workflow command for a finding's annotation.
// It follows the finding's SARIF level, with "notice" for "note".
func githubLevel(f *scanner.Finding) string {
	if l := sarifLevel(f); l != "note" {
		return l
	}
	return "notice"
}

// escapeData escapes a workflow command's message as @actions/core does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value as
// @actions/core does: the data escapes plus ":" and ",".
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
