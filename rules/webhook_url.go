package rules

import (
	"bytes"
	"time"
)

// WebhookURLRule finds Discord webhook URLs:
// https://[ptb.|canary.|www.]discord[app].com/api[/vN]/webhooks/ID/TOKEN.
//
// The ID must be a plausible snowflake and the token 60 to 68 base64url
// characters that are not filler; templates such as {webhook.id} and
// published examples are ignored. The secret is the URL from its scheme (or
// host, when there is none) through the token.
type WebhookURLRule struct{}

var _ Rule = WebhookURLRule{}

// Info describes the rule.
func (WebhookURLRule) Info() Info {
	return Info{
		ID:       IDWebhookURL,
		Name:     "DiscordWebhookURL",
		Title:    "Discord webhook URL",
		Severity: High,
		Description: "A Discord webhook URL with its token. Anyone who has it can post to the channel " +
			"under any name and avatar. Templates and placeholders are ignored.",
		Remediation: "Delete the webhook in Discord (Server Settings > Integrations > Webhooks) and create " +
			"a new one; removing the URL from the code does not revoke it. Keep the new URL in an " +
			"environment variable or a secret manager.",
	}
}

// Webhook token lengths: 68 in practice, shorter ones seen in older URLs.
const (
	webhookTokenMin = 60
	webhookTokenMax = 68
)

// Find reports every webhook URL in data.
func (r WebhookURLRule) Find(data []byte, now time.Time, emit func(Candidate)) {
	r.findHinted(data, now, emit, nil)
}

var _ hinter = WebhookURLRule{}

// findHinted is Find that, when h is not nil, also notes every webhook
// path, which may lie in one piece of a split URL.
func (WebhookURLRule) findHinted(data []byte, now time.Time, emit func(Candidate), h *hints) {
	marker := []byte("/webhooks/")
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], marker)
		if j < 0 {
			return
		}
		m := i + j
		i = m + len(marker)
		if h != nil {
			h.addConcat(m)
		}
		c, ok := matchWebhook(data, m, now)
		if !ok {
			continue
		}
		emit(c)
		i = c.End
	}
}

// matchWebhook checks the URL whose "/webhooks/" starts at m.
func matchWebhook(data []byte, m int, now time.Time) (Candidate, bool) {
	// Backwards: "/api" or "/api/vN", then the host, subdomain and scheme.
	p := m
	if p >= 3 && data[p-1] >= '0' && data[p-1] <= '9' {
		k := p - 1
		for k > p-3 && k > 0 && isDigit(data[k-1]) {
			k--
		}
		if k < 2 || data[k-1] != 'v' || data[k-2] != '/' {
			return Candidate{}, false
		}
		p = k - 2
	}
	if !bytes.HasSuffix(data[:p], []byte("/api")) {
		return Candidate{}, false
	}
	p -= len("/api")
	host := -1
	for _, h := range [...]string{"discord.com", "discordapp.com"} {
		if bytes.HasSuffix(data[:p], []byte(h)) {
			host = p - len(h)
			break
		}
	}
	if host < 0 {
		return Candidate{}, false
	}
	start := host
	for _, sub := range [...]string{"ptb.", "canary.", "www."} {
		if bytes.HasSuffix(data[:start], []byte(sub)) {
			start -= len(sub)
			break
		}
	}
	for _, sch := range [...]string{"https://", "http://"} {
		if hasSuffixFold(data[:start], []byte(sch)) {
			start -= len(sch)
			break
		}
	}
	if !startsAfterEscape(data, start) {
		return Candidate{}, false
	}
	// Forwards: ID, slash, token.
	idStart := m + len("/webhooks/")
	idEnd := idStart
	for idEnd < len(data) && idEnd-idStart <= 20 && isDigit(data[idEnd]) {
		idEnd++
	}
	if idEnd >= len(data) || data[idEnd] != '/' {
		return Candidate{}, false
	}
	idText := string(data[idStart:idEnd])
	id, ok := ParseSnowflake(idText, now)
	if !ok || placeholderID(idText) {
		return Candidate{}, false
	}
	ts := idEnd + 1
	te := runFwd(data, ts, webhookTokenMax+1)
	if n := te - ts; n < webhookTokenMin || n > webhookTokenMax {
		return Candidate{}, false
	}
	tok := data[ts:te]
	if looksPlaceholder(tok) {
		return Candidate{}, false
	}
	if _, known := KnownExample(tok); known {
		return Candidate{}, false
	}
	return Candidate{
		RuleID: IDWebhookURL, Severity: High, Start: start, End: te, Secret: string(data[start:te]),
		Webhook: &WebhookInfo{ID: idText, CreatedAt: SnowflakeTime(id)},
	}, true
}

func hasSuffixFold(b, suffix []byte) bool {
	return len(b) >= len(suffix) && bytes.EqualFold(b[len(b)-len(suffix):], suffix)
}
