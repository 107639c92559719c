package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/baseline"
)

// --report-stale lists entries only when the run covers what the baseline
// was written from; an interrupted run, or one that could not read
// everything (a shallow clone's history), says why not instead.
func TestStaleComparable(t *testing.T) {
	b := &baseline.Baseline{Scope: "history"}
	for _, tc := range []struct {
		name string
		pol  policy
		res  scanner.Result
		ok   bool
		says string
	}{
		{"same scope", policy{scope: "history"}, scanner.Result{}, true, ""},
		{"unscoped baseline, whole tree", policy{scope: "scan .", baseline: &baseline.Baseline{}}, scanner.Result{}, true, ""},
		{"unscoped baseline, subfolder", policy{scope: "scan sub", baseline: &baseline.Baseline{}}, scanner.Result{}, false, "an older leakcord"},
		{"unscoped baseline, no decoding", policy{scope: "scan .", narrowed: " --no-decode", baseline: &baseline.Baseline{}}, scanner.Result{}, false, "an older leakcord"},
		{"other scope", policy{scope: "scan ."}, scanner.Result{}, false, "written by 'leakcord history'"},
		{"partial", policy{scope: "history", partial: "this history scan covers only part of the history (--range)"}, scanner.Result{}, false, "--range"},
		{"interrupted", policy{scope: "history"}, scanner.Result{Incomplete: true}, false, "interrupted"},
		{"unreadable", policy{scope: "history"}, scanner.Result{Stats: scanner.Stats{Errors: 2}}, false, "could not read 2"},
		{"narrower", policy{scope: "history", narrowed: " --no-decode"}, scanner.Result{}, false, "'leakcord history --no-decode'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if tc.pol.baseline == nil {
				tc.pol.baseline = b
			}
			a := &app{stderr: &stderr}
			if ok := a.staleComparable(&tc.pol, &tc.res, &stderr); ok != tc.ok || !strings.Contains(stderr.String(), tc.says) {
				t.Errorf("comparable %v, stderr %q; want %v and %q", ok, stderr.String(), tc.ok, tc.says)
			}
		})
	}
}
