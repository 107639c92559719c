package scanner

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/leakcord/leakcord/rules"
)

// InternalError is a panic that leakcord recovered from while it scanned
// one file or file version: a bug in leakcord. The scan goes on without
// that file. Value and Stack are scrubbed of secrets (see [Scrub]): a
// panic may quote the data it was working on.
type InternalError struct {
	What  string // the file (or file version) being scanned
	Value string // the panic's value
	Stack string // the stack of the goroutine that panicked
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error while scanning %s, which was not scanned (a bug in leakcord; please report it with this message): %s\n%s",
		e.What, e.Value, e.Stack)
}

// Recovered turns the value p of a recovered panic into an
// [InternalError] about what, with the panic's value and the current
// goroutine's stack scrubbed by m. Call it from the deferred function that
// recovered.
func Recovered(m *rules.Matcher, what string, p any) *InternalError {
	var value string
	if re, ok := p.(runtime.Error); ok {
		value = re.Error() // the runtime's own text: numbers, never data
	} else {
		value = Scrub(m, fmt.Sprint(p))
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
