package scanner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

// Regression: an explicit Head that does not resolve (a typo of --head)
// was a warning, and every finding said in_head false. It is an error
// naming the flag and the ref, as an unknown --branch is; only the default
// HEAD may be missing (an empty repository, an unborn branch).
func TestHistoryHeadNotFound(t *testing.T) {
	b := newTwoBranches(t)
	for _, tc := range []scanner.HistoryOptions{
		{Head: "nope"},
		{Head: "nope", Branches: []string{"feature"}},
		{Head: "nope", Range: "main..feature"},
		{Head: "0123456789abcdef0123456789abcdef01234567"},
	} {
		var warnings []string
		tc.Options = scanner.Options{Matcher: matcher(), Warn: func(err error) { warnings = append(warnings, err.Error()) }}
		res, err := scanner.ScanHistory(context.Background(), b.x.dir, tc)
		if err == nil || !strings.Contains(err.Error(), "--head "+tc.Head) {
			t.Errorf("Head %q, Branches %q, Range %q: err = %v, want one naming --head %s", tc.Head, tc.Branches, tc.Range, err, tc.Head)
		}
		if res != nil {
			t.Errorf("Head %q: a result of %d findings, want none", tc.Head, len(res.Findings))
		}
		if len(warnings) > 0 {
			t.Errorf("Head %q: warnings %q, want none", tc.Head, warnings)
		}
	}

	// An unborn branch checked out: no HEAD commit, no error, nothing in it.
	b.x.git("checkout", "-q", "--orphan", "unborn")
	res := scanHistory(t, b.x.dir, scanner.HistoryOptions{})
	if len(res.Findings) != 4 {
		t.Fatalf("%d findings, want 4:%s", len(res.Findings), describe(res))
	}
	for _, f := range res.Findings {
		if f.InHead == nil || *f.InHead {
			t.Errorf("%s: in_head %s, want false (HEAD is unborn)", f.File, ptrString(f.InHead))
		}
	}
	// An explicit Head that resolves still decides.
	res = scanHistory(t, b.x.dir, scanner.HistoryOptions{Head: "feature"})
	for _, f := range res.Findings {
		if want := f.File != "main2.py"; f.InHead == nil || *f.InHead != want {
			t.Errorf("Head feature: %s in_head %s, want %v", f.File, ptrString(f.InHead), want)
		}
	}
}
