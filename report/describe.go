package report

import (
	"strings"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// This file holds the plain-text sentences that the sarif, github and
// markdown formats share: what a finding is, what its secret reveals, where
// in history it was seen and what a live check said. None of them ever
// contains a secret: free text that could quote one goes through the
// redactor.

// portalURL is where Discord applications, their bots and their OAuth2
// secrets are managed.
const portalURL = "https://discord.com/developers/applications"

// ruleTitle returns the one-line title of the rule with id, or id itself for
// a rule leakcord does not ship.
func ruleTitle(id string) string {
	if r, ok := rules.Lookup(id); ok {
		return r.Info().Title
	}
	return id
}

// owner returns who or what the secret belongs to, as decoded offline:
// "user 1085170463541917759", "webhook 123456789012345678", or "".
func owner(f *scanner.Finding) string {
	switch {
	case f.Token != nil && f.Token.UserID != "":
		return "user " + f.Token.UserID
	case f.Webhook != nil && f.Webhook.ID != "":
		return "webhook " + f.Webhook.ID
	}
	return ""
}

// dates returns the other facts the secret reveals offline: when the owner
// was created, the token format and when a legacy token was issued.
func dates(f *scanner.Finding) []string {
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	if t := f.Token; t != nil {
		add(date("account created ", t.UserCreatedAt))
		add(prefixed("", t.Format) + suffix(t.Format, " format"))
		add(date("issued ", t.IssuedAt))
	}
	if w := f.Webhook; w != nil {
		add(date("created ", w.CreatedAt))
	}
	return out
}

// headline returns the first sentence of a finding's message, which GitHub
// shows as the alert's title: the kind of credential, its owner and dates.
//
//	Discord bot or user token of user 1085170463541917759 (account created 2023-03-14, current format).
func headline(f *scanner.Finding) string {
	s := ruleTitle(f.RuleID)
	if o := owner(f); o != "" {
		s += " of " + o
	}
	if d := dates(f); len(d) > 0 {
		s += " (" + strings.Join(d, ", ") + ")"
	}
	return s + "."
}

// verificationSentence says what a live check found, or how to run one.
func verificationSentence(f *scanner.Finding, red *redactor) string {
	detail := red.scrub(f.Verification.Detail)
	paren := prefixed(" (", detail) + suffix(detail, ")")
	switch verificationStatus(f) {
	case scanner.StatusLive:
		return "Verified live: Discord accepted it" + paren + "."
	case scanner.StatusInvalid:
		return "Discord rejected it" + paren + ": it no longer works, but it still belongs out of the code."
	case scanner.StatusUnknown:
		return "Verification was inconclusive" + paren + "."
	case scanner.StatusNotChecked:
		if detail != "" {
			return "Not verified: " + detail + "."
		}
		if f.RuleID == rules.IDClientSecret {
			return "Not verified: the only live check of a client secret would mint a token, so leakcord never runs it."
		}
		return "Not verified: run leakcord with --verify to ask Discord whether it works."
	}
	return "Verification status: " + f.Verification.Status + paren + "."
}

// historySentences say where in git history a finding was seen.
func historySentences(f *scanner.Finding, red *redactor) []string {
	var out []string
	if c := f.Commit; c != nil {
		s := "Committed in " + short(c.SHA)
		if a := strings.TrimSpace(red.scrub(c.Author)); a != "" {
			s += " by " + a
		}
		out = append(out, s+date(" on ", c.Date)+".")
	}
	if f.InHead != nil {
		if *f.InHead {
			out = append(out, "Still in HEAD.")
		} else {
			out = append(out, "No longer in HEAD, but still in git history.")
		}
	}
	if f.Occurrences > 1 {
		out = append(out, "Seen "+plural(f.Occurrences, "time", "times")+" in history.")
	}
	if f.Superseded {
		out = append(out, "A newer token of the same account appears later, so this one was probably reset.")
	}
	return out
}

// resetSentence points at the Developer Portal page where the secret is
// reset: the application's bot page when a token names its ID (for most
// bots the user ID in the token is the application ID), the portal
// otherwise. It is empty for secrets Discord already rejects and for
// secrets the portal does not manage.
func resetSentence(f *scanner.Finding) string {
	if verificationStatus(f) == scanner.StatusInvalid {
		return ""
	}
	switch f.RuleID {
	case rules.IDBotToken:
		if f.Token != nil && f.Token.UserID != "" {
			return "If it is a bot token, reset it at " + portalURL + "/" + f.Token.UserID + "/bot."
		}
		return "If it is a bot token, reset it in the Discord Developer Portal (" + portalURL + ")."
	case rules.IDClientSecret:
		return "Reset it in the Discord Developer Portal (" + portalURL + "), under OAuth2."
	case rules.IDWebhookURL:
		return "Delete the webhook and create a new one."
	case rules.IDMFAToken:
		return "Change the account's password to invalidate it."
	}
	return ""
}

// message returns the whole plain-text description of a finding: headline,
// verification, history, encoding and where to reset it. It never contains
// the secret.
func message(f *scanner.Finding, red *redactor) string {
	parts := []string{headline(f), verificationSentence(f, red)}
	parts = append(parts, historySentences(f, red)...)
	if len(f.Encoding) > 0 {
		parts = append(parts, "Hidden by "+strings.Join(f.Encoding, ", ")+".")
	}
	if s := resetSentence(f); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
