package rules

import (
	"cmp"
	"slices"
	"time"
)

// Rule IDs. They are part of leakcord's interface (reports, baselines, allow
// lists) and never change.
const (
	IDBotToken     = "discord-bot-token"
	IDMFAToken     = "discord-mfa-token"
	IDWebhookURL   = "discord-webhook-url"
	IDClientSecret = "discord-client-secret"
)

// Severity ranks a finding. The values are the strings used in reports.
type Severity string

// Severities, from most to least urgent.
const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
)

// Rank orders severities: critical is 4, low is 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 4
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// Info describes a rule for humans and for reports.
type Info struct {
	ID          string   // stable rule ID, e.g. "discord-bot-token"
	Name        string   // short CamelCase name, e.g. "DiscordBotToken"
	Title       string   // one line, e.g. "Discord bot or user token"
	Description string   // what the rule finds and how it rejects look-alikes
	Severity    Severity // severity when the secret is not verified
	Remediation string   // what to do when it fires, plain text
}

// Rule finds one kind of credential.
//
// Find must be a pure function of data and now: no I/O, no retained
// references to data after it returns, safe for concurrent use. It calls emit
// once per candidate, in increasing order of Start.
type Rule interface {
	Info() Info
	Find(data []byte, now time.Time, emit func(Candidate))
}

// Candidate is one credential found in an input.
type Candidate struct {
	RuleID   string
	Severity Severity
	// Start and End are the byte span of the secret in the input (End
	// exclusive). For a secret found inside encoded or split text they
	// cover that text: the base64 run, the escaped characters, the string
	// literals and the operators between them.
	Start, End int
	// Secret is a copy of data[Start:End], or for a hidden secret (Encoding
	// set) the decoded, reassembled secret.
	Secret  string
	Token   *TokenInfo   // for token rules, what the token says about itself
	Webhook *WebhookInfo // for webhook URLs
	// Encoding says how a hidden secret was hidden, outermost first, with
	// the Enc* constants (e.g. ["base64"], ["percent"], ["concat"]); nil
	// for a plain literal.
	Encoding []string
}

// TokenInfo is what a token reveals offline.
type TokenInfo struct {
	UserID        string    // the account's snowflake ID, decimal
	UserCreatedAt time.Time // the snowflake's time (UTC)
	// Format is "legacy" (27-character HMAC, or an mfa. token) or "current"
	// (38-character HMAC, since mid-2022).
	Format string
	// IssuedAt is the time encoded in a legacy token's second segment; zero
	// when the format does not encode one or it is not plausible.
	IssuedAt time.Time
}

// WebhookInfo is what a webhook URL reveals offline.
type WebhookInfo struct {
	ID        string    // the webhook's snowflake ID
	CreatedAt time.Time // the snowflake's time
}

// Token formats.
const (
	FormatLegacy  = "legacy"
	FormatCurrent = "current"
)

// All returns every rule leakcord ships, in a stable order.
func All() []Rule {
	return []Rule{BotTokenRule{}, MFATokenRule{}, WebhookURLRule{}, ClientSecretRule{}}
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	for _, r := range All() {
		if r.Info().ID == id {
			return r, true
		}
	}
	return nil, false
}

// Matcher runs a set of rules over inputs. It is immutable and safe for
// concurrent use.
type Matcher struct {
	rules    []Rule
	now      time.Time
	noDecode bool
}

// NewMatcher returns a matcher for rules (all rules when none are given)
// that judges snowflake times against now. It also looks for hidden
// secrets (see [Matcher.WithDecoding]).
func NewMatcher(now time.Time, rules ...Rule) *Matcher {
	if len(rules) == 0 {
		rules = All()
	}
	return &Matcher{rules: rules, now: now}
}

// WithDecoding returns a matcher like m that does (on) or does not look for
// secrets hidden by encoding, escaping, splitting or reversing, as
// described in the package documentation under "Hidden secrets". Matchers
// decode by default; the passes cost some speed.
func (m *Matcher) WithDecoding(on bool) *Matcher {
	c := *m
	c.noDecode = !on
	return &c
}

// Decoding reports whether the matcher looks for hidden secrets.
func (m *Matcher) Decoding() bool { return !m.noDecode }

// Rules returns the rules the matcher runs.
func (m *Matcher) Rules() []Rule { return slices.Clone(m.rules) }

// Find returns every candidate in data, sorted by Start, then End, then
// rule ID. With decoding on, it also returns the hidden secrets (their
// Encoding set); a secret that is also found plain at the same place is
// reported once, plain.
func (m *Matcher) Find(data []byte) []Candidate {
	var out []Candidate
	emit := func(c Candidate) { out = append(out, c) }
	var h *hints
	if !m.noDecode {
		h = new(hints)
	}
	for _, r := range m.rules {
		if hr, ok := r.(hinter); ok && h != nil {
			hr.findHinted(data, m.now, emit, h)
		} else {
			r.Find(data, m.now, emit)
		}
	}
	if h != nil {
		out = m.findHidden(data, out, h)
	}
	if len(out) > 1 {
		slices.SortFunc(out, func(a, b Candidate) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.RuleID, b.RuleID))
		})
	}
	return out
}
