package main

import (
	"testing"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/rules/verify"
	"github.com/leakcord/leakcord/scanner"
)

// TestVerificationStatuses checks that the verifier's statuses are the
// strings of a finding's verification.status (DESIGN.md §4).
func TestVerificationStatuses(t *testing.T) {
	for v, s := range map[verify.Status]string{
		verify.NotChecked: scanner.StatusNotChecked,
		verify.Live:       scanner.StatusLive,
		verify.Invalid:    scanner.StatusInvalid,
		verify.Unknown:    scanner.StatusUnknown,
	} {
		if string(v) != s {
			t.Errorf("verify status %q, scanner status %q", v, s)
		}
	}
}

// TestSetVerification checks the severities a check's outcome sets: live
// is critical, invalid is low, anything else keeps the rule's severity.
func TestSetVerification(t *testing.T) {
	for _, tc := range []struct {
		res  verify.Result
		want rules.Severity
	}{
		{verify.Result{Status: verify.Live, Identity: &verify.Identity{Kind: verify.KindBot, ID: "1"}}, rules.Critical},
		{verify.Result{Status: verify.Invalid}, rules.Low},
		{verify.Result{Status: verify.Unknown, Detail: "budget exhausted"}, rules.High},
		{verify.Result{Status: verify.NotChecked}, rules.High},
	} {
		f := scanner.Finding{RuleID: rules.IDBotToken, Severity: rules.High}
		setVerification(&f, tc.res)
		if f.Severity != tc.want || f.Verification.Status != string(tc.res.Status) || f.Verification.Detail != tc.res.Detail {
			t.Errorf("%s: severity %s, verification %+v", tc.res.Status, f.Severity, f.Verification)
		}
		if (f.Verification.Identity != nil) != (tc.res.Identity != nil) {
			t.Errorf("%s: identity %v", tc.res.Status, f.Verification.Identity)
		}
	}
}
