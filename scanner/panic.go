package scanner

import (
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leakcord/leakcord/rules"
)

// InternalError is a panic that leakcord recovered from while it scanned
// one file, file version or repository: a bug in leakcord. The scan goes on
// without it. Value and Stack are scrubbed of secrets (see [Recovered]): a
// panic may quote the data it was working on.
type InternalError struct {
	What  string // what was being scanned (a path, a repository's name)
	Value string // the panic's value, scrubbed
	Stack string // the stack of the goroutine that panicked, scrubbed
}

// Error is the one-line message followed by the stack.
func (e *InternalError) Error() string {
	return e.Short() + "\n" + e.Stack
}

// Short is the message without the stack, for reports.
func (e *InternalError) Short() string {
	return fmt.Sprintf("internal error while scanning %s, which was not scanned (a bug in leakcord; please report it with this message): %s",
		e.What, e.Value)
}

// Masks of Recovered: runs of base64, hex or digit characters, and lists
// of numbers (a byte slice printed).
var (
	longRunRE  = regexp.MustCompile(`[A-Za-z0-9+/=_-]{24,}`)
	byteListRE = regexp.MustCompile(`\d{1,3}(?:[ ,]+\d{1,3}){7,}`)
)

// maxPanicValue bounds how much of a panic's value is shown.
const maxPanicValue = 300

// Recovered turns the value p of a recovered panic into an
// [InternalError] about what, with the current goroutine's stack. Call it
// from the deferred function that recovered. A runtime error (index out of
// range, nil map…) is shown as is: the runtime's text holds only numbers.
// Any other value is shown as scrubbed text: NUL bytes and their escapes
// removed (the text of UTF-16 data), every secret that a matcher with
// every rule and decoding finds redacted ([Scrub]), every run of 24 or more
// base64, hex or digit characters and every list of eight or more numbers
// (a byte slice) replaced by "[…]", and the rest cut to maxPanicValue
// bytes. The stack (function names, files, lines and hex words) is
// scrubbed the same way, without the masking.
func Recovered(what string, p any) *InternalError {
	m := rules.NewMatcher(time.Now())
	var value string
	if re, ok := p.(runtime.Error); ok {
		value = re.Error()
	} else {
		value = fmt.Sprint(p)
		value = strings.NewReplacer("\x00", "", `\x00`, "", `\u0000`, "", `\000`, "").Replace(value)
		value = Scrub(m, value)
		value = longRunRE.ReplaceAllLiteralString(value, "[…]")
		value = byteListRE.ReplaceAllLiteralString(value, "[…]")
		if len(value) > maxPanicValue {
			cut := maxPanicValue
			for cut > 0 && !utf8.RuneStart(value[cut]) {
				cut--
			}
			value = value[:cut] + "…"
		}
	}
	return &InternalError{What: what, Value: value, Stack: Scrub(m, strings.TrimSpace(string(debug.Stack())))}
}

// Scrub returns text with every secret that m finds in it replaced by its
// redacted form ([Redact]); a secret found encoded or split is replaced
// whole by "[redacted]". It is for diagnostic text that may quote scanned
// data, such as a panic's value. A nil m scrubs nothing.
func Scrub(m *rules.Matcher, text string) string {
	if m == nil {
		return text
	}
	cands := m.Find([]byte(text))
	if len(cands) == 0 {
		return text
	}
	slices.SortFunc(cands, func(a, b rules.Candidate) int { return a.Start - b.Start })
	var b strings.Builder
	at := 0
	for _, c := range cands {
		if c.Start < at { // overlaps one replaced already
			c.Start = at
		}
		if c.End <= c.Start {
			continue
		}
		b.WriteString(text[at:c.Start])
		if c.Encoding == nil && c.Secret == text[c.Start:c.End] {
			b.WriteString(Redact(c.RuleID, c.Secret))
		} else {
			b.WriteString("[redacted]")
		}
		at = c.End
	}
	b.WriteString(text[at:])
	return b.String()
}
