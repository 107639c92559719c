package rules

import "time"

// MFATokenRule finds legacy user tokens of accounts with two-factor
// authentication: "mfa." followed by exactly 84 base64url characters.
// Discord stopped issuing them in 2022, so most are dead, but they are still
// user credentials and belong out of the code.
type MFATokenRule struct{}

var _ Rule = MFATokenRule{}

// Info describes the rule.
func (MFATokenRule) Info() Info {
	return Info{
		ID:       IDMFAToken,
		Name:     "DiscordMFAToken",
		Title:    "Discord legacy mfa. user token",
		Severity: High,
		Description: "A legacy Discord user token of an account with two-factor authentication " +
			"(\"mfa.\" and 84 base64url characters). Host names and placeholders are ignored.",
		Remediation: "Change the account's password to invalidate its tokens, remove the token from the " +
			"code and its git history, and never automate a user account (self-bots break Discord's terms).",
	}
}

const mfaBodyLen = 84

// Find reports every mfa. token in data.
func (r MFATokenRule) Find(data []byte, now time.Time, emit func(Candidate)) {
	r.findHinted(data, now, emit, nil)
}

var _ hinter = MFATokenRule{}

// findHinted is Find that, when h is not nil, also notes the mfa. tokens
// whose body ends at a quote (pieces of a split token).
func (MFATokenRule) findHinted(data []byte, now time.Time, emit func(Candidate), h *hints) {
	const prefix = "mfa."
	for i := 0; ; {
		s := indexPair(data, i, len(prefix)-1, 'm', '.', false)
		if s < 0 {
			return
		}
		i = s + 1
		if data[s+1] != 'f' || data[s+2] != 'a' || !startsAfterEscape(data, s) {
			continue
		}
		b := s + len(prefix)
		e := runFwd(data, b, mfaBodyLen+1)
		if h != nil && e < len(data) && isQuote(data[e]) {
			h.addConcat(e - 1)
		}
		if e-b != mfaBodyLen || !endsClean(data, e) {
			continue
		}
		body := data[b:e]
		if looksPlaceholder(body) {
			continue
		}
		if _, known := KnownExample(body); known {
			continue
		}
		emit(Candidate{
			RuleID: IDMFAToken, Severity: High, Start: s, End: e, Secret: string(data[s:e]),
			Token: &TokenInfo{Format: FormatLegacy},
		})
		i = e
	}
}
