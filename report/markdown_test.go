package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

func renderMarkdown(t *testing.T, res *scanner.Result, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, FormatMarkdown, res, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// tableRows returns the table's data rows.
func tableRows(md string) []string {
	var rows []string
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| Severity") && !strings.HasPrefix(l, "| ---") {
			rows = append(rows, l)
		}
	}
	return rows
}

// cells splits a table row at the pipes GitHub treats as cell borders:
// those not escaped by a backslash.
func cells(row string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row):
			cur.WriteByte(row[i])
			cur.WriteByte(row[i+1])
			i++
		case row[i] == '|':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return out[1:] // before the first pipe
}

func TestMarkdownEmpty(t *testing.T) {
	md := renderMarkdown(t, emptyResult(), Options{})
	if !strings.Contains(md, "No Discord credentials found") || strings.Contains(md, "|") {
		t.Errorf("empty report:\n%s", md)
	}
}

func TestMarkdownTable(t *testing.T) {
	res := allResult()
	md := renderMarkdown(t, res, Options{})
	rows := tableRows(md)
	if len(rows) != len(res.Findings) {
		t.Fatalf("%d rows for %d findings:\n%s", len(rows), len(res.Findings), md)
	}
	for i, row := range rows {
		c := cells(row)
		if len(c) != 5 {
			t.Errorf("row %d has %d cells: %q", i, len(c), row)
			continue
		}
		f := res.Findings[i]
		if c[0] != string(f.Severity) || c[1] != "`"+f.RuleID+"`" {
			t.Errorf("row %d: %q", i, row)
		}
		if strings.Contains(row, f.Secret) || !strings.Contains(c[4], f.RedactedSecret()) {
			t.Errorf("row %d: secret cell %q", i, c[4])
		}
	}
	for _, want := range []string{"## leakcord history", "**9 findings** (1 critical, 6 high, 1 medium, 1 low)", "**What to do:**", "does not revoke"} {
		if !strings.Contains(md, want) {
			t.Errorf("report does not contain %q:\n%s", want, md)
		}
	}
}

// TestMarkdownEscaping puts pipes, backticks and Markdown in a path and a
// secret: each row must keep its five cells and its code spans.
func TestMarkdownEscaping(t *testing.T) {
	file := "a|b/`x``y`/*c*_[d](e)<f>@g.txt"
	f := fake(rules.IDClientSecret, rules.Medium, file, 7, 1, "TEST|SECRET`x``")
	md := renderMarkdown(t, &scanner.Result{Findings: []scanner.Finding{f}}, Options{ShowSecrets: true})
	rows := tableRows(md)
	if len(rows) != 1 {
		t.Fatalf("%d rows:\n%s", len(rows), md)
	}
	c := cells(rows[0])
	if len(c) != 5 {
		t.Fatalf("%d cells in %q", len(c), rows[0])
	}
	if want := "```" + strings.ReplaceAll(file, "|", `\|`) + ":7```"; c[2] != want {
		t.Errorf("file cell %q, want %q", c[2], want)
	}
	if want := "``` TEST\\|SECRET`x`` ```"; c[4] != want {
		t.Errorf("secret cell %q, want %q", c[4], want)
	}
	for in, want := range map[string]string{
		"a|b":      `a\|b`,
		"`x`":      "\\`x\\`",
		"*_[x]<y>": `\*\_\[x\]\<y\>`,
		"@user":    `\@user`,
		"a\nb":     `a\\nb`,
	} {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMarkdownRowCap keeps a huge result within a comment's size.
func TestMarkdownRowCap(t *testing.T) {
	res := &scanner.Result{Mode: "scan"}
	for i := range markdownMaxRows + 5 {
		res.Findings = append(res.Findings, currentToken(fmt.Sprintf("f%03d.env", i), 1, 1, fmt.Sprintf("TEST-SECRET-%03d", i)))
	}
	md := renderMarkdown(t, res, Options{})
	if n := len(tableRows(md)); n != markdownMaxRows {
		t.Errorf("%d rows, want %d", n, markdownMaxRows)
	}
	if !strings.Contains(md, "…and 5 more") {
		t.Errorf("no note on the rows left out:\n%s", md[len(md)-400:])
	}
	if len(md) > 65536 {
		t.Errorf("%d bytes, over a pull request comment's limit", len(md))
	}
}
