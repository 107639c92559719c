package scanner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

// Regression: Range silently overrode Branches, and a revision of Range
// that did not resolve was reported as a --branch. Every revision that
// does not resolve is an error naming the option it came from.
func TestHistoryRevisionErrors(t *testing.T) {
	b := newTwoBranches(t)
	for _, tc := range []struct {
		name string
		opts scanner.HistoryOptions
		want string // in the error
	}{
		{"range and branch", scanner.HistoryOptions{Range: "main..feature", Branches: []string{"main"}}, "--range and --branch"},
		{"range tip", scanner.HistoryOptions{Range: "main..nope"}, "--range main..nope: nope"},
		{"range base", scanner.HistoryOptions{Range: "nope..main"}, "--range nope..main: nope"},
		{"branch", scanner.HistoryOptions{Branches: []string{"main", "nope"}}, "--branch nope"},
		{"since-commit", scanner.HistoryOptions{SinceCommit: "nope"}, "--since-commit nope"},
	} {
		tc.opts.Options = scanner.Options{Matcher: matcher(), Warn: func(err error) { t.Errorf("unexpected warning: %v", err) }}
		_, err := scanner.ScanHistory(context.Background(), b.x.dir, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one with %q", tc.name, err, tc.want)
			continue
		}
		if tc.opts.Range != "" && strings.Contains(err.Error(), "--branch nope") {
			t.Errorf("%s: err = %v names --branch", tc.name, err)
		}
	}
}
