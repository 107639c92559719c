package main

import (
	"testing"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// A finding carried over from the state takes this run's verification and
// the severity that goes with it: a token live before and invalid now is
// low, not critical.
func TestMergeFindingsVerificationSeverity(t *testing.T) {
	prior := []scanner.Finding{{Fingerprint: "f1", Severity: rules.Critical, Verification: scanner.Verification{Status: scanner.StatusLive}}}
	fresh := []scanner.Finding{{Fingerprint: "f1", Severity: rules.Low, Verification: scanner.Verification{Status: scanner.StatusInvalid}}}
	got := mergeFindings(fresh, prior, false)
	if len(got) != 1 || got[0].Verification.Status != scanner.StatusInvalid || got[0].Severity != rules.Low {
		t.Errorf("merged %+v, want one invalid finding of low severity", got)
	}
	// Not checked in this run: the carried outcome and severity stay.
	got = mergeFindings([]scanner.Finding{{Fingerprint: "f1", Severity: rules.High}}, prior, false)
	if got[0].Verification.Status != scanner.StatusLive || got[0].Severity != rules.Critical {
		t.Errorf("merged %+v, want the carried live finding", got)
	}
}
