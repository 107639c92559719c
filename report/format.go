package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/leakcord/leakcord/scanner"
)

// Options control how a result is rendered.
type Options struct {
	// ShowSecrets prints raw secrets instead of redacted ones.
	ShowSecrets bool
	// Color adds ANSI colours to the text format. The caller decides
	// (terminal, NO_COLOR, --no-color); other formats ignore it.
	Color bool
	// Version is leakcord's version, for formats that name the tool that
	// produced them (SARIF, as version and, when it is SemVer,
	// semanticVersion). Other formats do not print it.
	Version string
	// Root is the scan root as the user gave it, a folder, for formats
	// that record where relative paths start (SARIF's %SRCROOT%). Finding
	// paths are already relative to it; "" or "-" (stdin) names no root.
	// Other formats do not print it.
	Root string
}

// Format names accepted by [Write].
const (
	FormatText     = "text"
	FormatJSON     = "json"
	FormatJSONL    = "jsonl"
	FormatSARIF    = "sarif"
	FormatGitHub   = "github"
	FormatMarkdown = "markdown"
)

// renderer returns the function that renders format, or nil. Renderers
// write into a buffer; [Write] copies it to the caller's writer in one call.
func renderer(format string) func(*bytes.Buffer, *scanner.Result, *redactor, Options) error {
	switch format {
	case FormatText:
		return writeText
	case FormatJSON:
		return writeJSON
	case FormatJSONL:
		return writeJSONL
	case FormatSARIF:
		return writeSARIF
	case FormatGitHub:
		return writeGitHub
	case FormatMarkdown:
		return writeMarkdown
	}
	return nil
}

// Formats returns the names of the supported formats, the default first.
func Formats() []string {
	return []string{FormatText, FormatJSON, FormatJSONL, FormatSARIF, FormatGitHub, FormatMarkdown}
}

// Write renders res to w in format (one of [Formats]; "" means "text").
// A nil res is rendered as a scan that found nothing. It returns an error
// naming the valid formats when format is unknown, and any error from w.
func Write(w io.Writer, format string, res *scanner.Result, opts Options) error {
	if format == "" {
		format = FormatText
	}
	render := renderer(format)
	if render == nil {
		return fmt.Errorf("unknown format %q (valid: %s)", format, strings.Join(Formats(), ", "))
	}
	if res == nil {
		res = &scanner.Result{}
	}
	var buf bytes.Buffer
	if err := render(&buf, res, newRedactor(res, opts), opts); err != nil {
		return fmt.Errorf("rendering %s report: %w", format, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing %s report: %w", format, err)
	}
	return nil
}

// redactor prints secrets as the options allow. Besides each finding's
// own secret it hides every secret of the result inside free text such as
// commit messages, where one finding's message may quote another's secret.
type redactor struct {
	show bool
	text *strings.Replacer // nil when there is nothing to hide
}

// newRedactor returns the redactor for res under opts.
func newRedactor(res *scanner.Result, opts Options) *redactor {
	r := &redactor{show: opts.ShowSecrets}
	if r.show || len(res.Findings) == 0 {
		return r
	}
	fs := make([]*scanner.Finding, 0, len(res.Findings))
	for i := range res.Findings {
		if res.Findings[i].Secret != "" {
			fs = append(fs, &res.Findings[i])
		}
	}
	// Longest first: the replacer tries its pairs in order, so a secret
	// that contains another is hidden whole.
	slices.SortStableFunc(fs, func(a, b *scanner.Finding) int { return len(b.Secret) - len(a.Secret) })
	pairs := make([]string, 0, 2*len(fs))
	for _, f := range fs {
		pairs = append(pairs, f.Secret, f.RedactedSecret())
	}
	if len(pairs) > 0 {
		r.text = strings.NewReplacer(pairs...)
	}
	return r
}

// secret returns f's secret, redacted unless secrets are shown.
func (r *redactor) secret(f *scanner.Finding) string {
	if r.show {
		return f.Secret
	}
	return f.RedactedSecret()
}

// scrub redacts every secret of the result found in s.
func (r *redactor) scrub(s string) string {
	if r.text == nil {
		return s
	}
	return r.text.Replace(s)
}
