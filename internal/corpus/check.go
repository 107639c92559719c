package corpus

import (
	"fmt"
	"io"
)

// Found is one finding of a scan, as much of it as the check needs.
type Found struct {
	File   string `json:"file"`
	RuleID string `json:"rule_id"`
	SHA256 string `json:"secret_sha256"`
}

// CheckResult is how a scan's findings compare with a manifest.
type CheckResult struct {
	Expected int // findings the scan had to report
	Matched  int // of those, reported by the right rule
	// Missing are expected credentials that were not reported.
	Missing []Secret
	// WrongRule are expected credentials reported by another rule.
	WrongRule []Found
	// InIgnored are credentials from ignored files that were reported.
	InIgnored []Secret
	// Extra are findings that match no planted credential: look-alikes
	// reported as leaks, or secrets cut at the wrong place.
	Extra []Found
}

// OK reports whether the scan found exactly what was planted.
func (c *CheckResult) OK() bool {
	return len(c.Missing) == 0 && len(c.WrongRule) == 0 && len(c.InIgnored) == 0 && len(c.Extra) == 0
}

// Check compares the findings of a scan of the tree with the manifest. With
// noIgnore, the scan is expected to have read ignored files too.
func (m *Manifest) Check(found []Found, noIgnore bool) *CheckResult {
	type key struct{ file, sha string }
	want := map[key]Secret{}
	for _, s := range m.Expected {
		want[key{s.File, s.SHA256}] = s
	}
	ignored := map[key]Secret{}
	for _, s := range m.Ignored {
		if noIgnore {
			want[key{s.File, s.SHA256}] = s
		} else {
			ignored[key{s.File, s.SHA256}] = s
		}
	}
	res := &CheckResult{Expected: len(want)}
	seen := map[key]bool{}
	for _, f := range found {
		k := key{f.File, f.SHA256}
		if s, ok := want[k]; ok {
			if seen[k] {
				res.Extra = append(res.Extra, f) // reported twice
				continue
			}
			seen[k] = true
			if s.RuleID != f.RuleID {
				res.WrongRule = append(res.WrongRule, f)
				continue
			}
			res.Matched++
			continue
		}
		if s, ok := ignored[k]; ok {
			res.InIgnored = append(res.InIgnored, s)
			continue
		}
		res.Extra = append(res.Extra, f)
	}
	for _, s := range m.Expected {
		if !seen[key{s.File, s.SHA256}] {
			res.Missing = append(res.Missing, s)
		}
	}
	if noIgnore {
		for _, s := range m.Ignored {
			if !seen[key{s.File, s.SHA256}] {
				res.Missing = append(res.Missing, s)
			}
		}
	}
	return res
}

// Report writes a summary and every failure (with its context, never the
// secret) to w.
func (c *CheckResult) Report(w io.Writer) {
	fmt.Fprintf(w, "expected %d, matched %d, missing %d, wrong rule %d, reported from ignored files %d, extra %d\n",
		c.Expected, c.Matched, len(c.Missing), len(c.WrongRule), len(c.InIgnored), len(c.Extra))
	for _, s := range c.Missing {
		fmt.Fprintf(w, "missing: %s: %s (%s, context %s)\n", s.File, s.RuleID, s.Kind, s.Context)
	}
	for _, f := range c.WrongRule {
		fmt.Fprintf(w, "wrong rule: %s: reported as %s (sha256 %s)\n", f.File, f.RuleID, f.SHA256)
	}
	for _, s := range c.InIgnored {
		fmt.Fprintf(w, "reported from an ignored file: %s (ignored by %s, context %s)\n", s.File, s.IgnoredBy, s.Context)
	}
	for _, f := range c.Extra {
		fmt.Fprintf(w, "extra: %s: %s (sha256 %s)\n", f.File, f.RuleID, f.SHA256)
	}
}
