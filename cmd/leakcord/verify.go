package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/rules/verify"
	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/config"
)

// verifyFlags ask for live verification (DESIGN.md §5).
type verifyFlags struct {
	on           bool
	userTokens   bool
	onlyVerified bool
	rate         float64
	timeout      time.Duration
}

func (v *verifyFlags) register(f *pflag.FlagSet) {
	f.BoolVar(&v.on, "verify", false, "ask Discord whether each secret works (read-only GET requests; also verify.enabled)")
	f.BoolVar(&v.userTokens, "verify-user-tokens", false, "with --verify: also check user tokens (a token rejected as a bot token, mfa. tokens)")
	f.BoolVar(&v.onlyVerified, "only-verified", false, "with --verify: report only secrets Discord accepted")
	f.Float64Var(&v.rate, "verify-rate", verify.DefaultRate, "with --verify: at most `N` requests per second")
	f.DurationVar(&v.timeout, "verify-timeout", verify.DefaultTimeout, "with --verify: give up on a request after `DURATION`")
}

// verifySettings are what the flags and the configuration decide; nil
// when verification is off.
type verifySettings struct {
	base         string
	userTokens   bool
	onlyVerified bool
	rate         float64
	timeout      time.Duration
	maxRequests  int
}

// resolveVerify combines the verification flags with the [verify] table
// of the configuration (flags win when given) and checks the API base from
// LEAKCORD_DISCORD_API_URL. It returns nil when verification is off.
func (a *app) resolveVerify(c *cobra.Command, v *verifyFlags, cfg *config.Config) (*verifySettings, error) {
	on, user := v.on, v.userTokens
	changed := c.Flags().Changed
	s := &verifySettings{onlyVerified: v.onlyVerified, rate: v.rate, timeout: v.timeout}
	if cfg != nil {
		if !changed("verify") {
			on = cfg.Verify.Enabled
		}
		if !changed("verify-user-tokens") {
			user = cfg.Verify.UserTokens
		}
		s.maxRequests = cfg.Verify.MaxRequests
	}
	s.userTokens = user
	usage := func(msg string) error { return usageError{err: errors.New(msg), cmd: c.CommandPath()} }
	switch {
	case v.onlyVerified && !on:
		return nil, usage("--only-verified needs --verify (or verify.enabled in the configuration)")
	case v.userTokens && !on:
		return nil, usage("--verify-user-tokens needs --verify")
	case v.rate <= 0:
		return nil, usage("--verify-rate must be positive")
	case v.timeout <= 0:
		return nil, usage("--verify-timeout must be positive")
	case !on:
		return nil, nil
	}
	s.base = a.getenv(verify.EnvBaseURL)
	if s.base == "" {
		s.base = verify.DefaultBaseURL
	}
	if _, err := verify.ParseBaseURL(s.base); err != nil {
		return nil, hinted{err: fmt.Errorf("%s: %w", verify.EnvBaseURL, err), hint: "unset it to use " + verify.DefaultBaseURL}
	}
	return s, nil
}

// verifyFindings checks each distinct secret of res once against Discord's
// API, records the outcome in each finding (live is critical, invalid is
// low), warns when checking stopped early, and with --only-verified keeps
// only live findings. An interrupted run keeps what it found: the secrets
// not checked are unknown.
func (a *app) verifyFindings(pol *policy, res *scanner.Result, stderr io.Writer) error {
	s := pol.verify
	if s == nil {
		return nil
	}
	if len(res.Findings) > 0 {
		v, err := verify.New(verify.Options{
			BaseURL: s.base, Version: version(), UserTokens: s.userTokens,
			Rate: s.rate, Timeout: s.timeout, MaxRequests: s.maxRequests,
		})
		if err != nil {
			return err
		}
		defer v.Close()
		secrets := make([]verify.Secret, len(res.Findings))
		for i, f := range res.Findings {
			secrets[i] = verify.Secret{RuleID: f.RuleID, Value: f.Secret}
		}
		results := v.CheckAll(a.ctx, secrets)
		counts := make(map[verify.Reason]int)
		for i := range res.Findings {
			setVerification(&res.Findings[i], results[i])
			counts[results[i].Reason]++
		}
		st := v.Stats()
		switch {
		case counts[verify.ReasonCanceled] > 0:
			n := verifyCount(counts[verify.ReasonCanceled], "finding", "findings")
			fmt.Fprintf(stderr, "leakcord: warning: verification interrupted: %s not checked\n", n)
			markIncomplete(res, "the live checks were interrupted: "+n+" not checked")
		case counts[verify.ReasonBlocked] > 0:
			fmt.Fprintf(stderr, "leakcord: warning: %s; %s not checked\nhint: wait an hour before verifying again from this address\n",
				st.Blocked, verifyCount(counts[verify.ReasonBlocked], "finding", "findings"))
		}
		if n := counts[verify.ReasonInternal]; n > 0 {
			fmt.Fprintf(stderr, "leakcord: warning: %s not checked: internal error (a bug in leakcord; please report it with this message)\n%s\n",
				verifyCount(n, "finding", "findings"), st.Panic)
		}
		if n := counts[verify.ReasonBudget]; n > 0 {
			// verify.max_requests can only lower the cap: suggest raising it
			// only when it, not the cap or the rejected answers, ran out.
			hint := fmt.Sprintf("the caps of %d requests and %d rejected answers per run keep Discord from banning "+
				"this address and cannot be raised; verify the rest in another run, one folder or range of commits at a time",
				verify.DefaultMaxRequests, verify.DefaultMaxInvalid)
			if s.maxRequests > 0 && s.maxRequests < verify.DefaultMaxRequests && st.Requests >= s.maxRequests {
				hint = fmt.Sprintf("raise verify.max_requests in .leakcord.toml (up to %d), or verify in smaller runs",
					verify.DefaultMaxRequests)
			}
			fmt.Fprintf(stderr, "leakcord: warning: verification budget exhausted after %s: %s not checked\nhint: %s\n",
				verifyCount(st.Requests, "request", "requests"), verifyCount(n, "finding", "findings"), hint)
		}

	}
	if s.onlyVerified {
		kept := res.Findings[:0]
		unknown := 0
		for _, f := range res.Findings {
			switch f.Verification.Status {
			case scanner.StatusLive:
				kept = append(kept, f)
			case scanner.StatusUnknown:
				unknown++
			}
		}
		res.Findings = kept
		if unknown > 0 {
			// Left out without knowing that they are dead: the report must
			// not pass for a clean one.
			n := verifyCount(unknown, "finding", "findings")
			fmt.Fprintf(stderr, "leakcord: warning: %s could not be checked (unknown: see the warnings above, or a network error) and are left out by --only-verified\n", n)
			markIncomplete(res, n+" could not be checked and are left out by --only-verified")
		}
	}
	return nil
}

// markIncomplete marks res as an incomplete report for why, unless the scan
// itself was interrupted (which says more).
func markIncomplete(res *scanner.Result, why string) {
	if res.Incomplete {
		return
	}
	res.Incomplete, res.IncompleteReason = true, why
}

// setVerification records a check's result in a finding.
func setVerification(f *scanner.Finding, r verify.Result) {
	f.Verification = scanner.Verification{Status: string(r.Status), Detail: r.Detail, Identity: r.Identity.Map()}
	switch r.Status {
	case verify.Live:
		f.Severity = rules.Critical
	case verify.Invalid:
		f.Severity = rules.Low
	}
}

// verifyCount returns "1 finding" or "2 findings".
func verifyCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
