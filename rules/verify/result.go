package verify

import (
	"strings"
	"time"
	"unicode"
)

// Status is the outcome of a check. The values are the strings of a
// finding's verification.status.
type Status string

// Statuses.
const (
	NotChecked Status = "not_checked" // not checked (client secrets, user tokens without opt-in)
	Live       Status = "live"        // Discord accepted it
	Invalid    Status = "invalid"     // Discord rejected it
	Unknown    Status = "unknown"     // could not tell
)

// Reason says why a check ended as it did, as a stable word.
type Reason string

// Reasons.
const (
	ReasonAccepted       Reason = "accepted"         // 200: live
	ReasonUnauthorized   Reason = "unauthorized"     // 401: invalid
	ReasonUnknownWebhook Reason = "unknown_webhook"  // 404 with code 10015: invalid
	ReasonForbidden      Reason = "forbidden"        // 403 (restricted or unverified account): unknown
	ReasonRateLimited    Reason = "rate_limited"     // 429 longer than it waits, or too often: unknown
	ReasonBlocked        Reason = "blocked"          // Cloudflare block or code 40333; checking stopped: unknown
	ReasonServerError    Reason = "server_error"     // 5xx: unknown
	ReasonTimeout        Reason = "timeout"          // no answer in time: unknown
	ReasonNetwork        Reason = "network"          // connection or proxy problem: unknown
	ReasonBadResponse    Reason = "bad_response"     // unexpected status, redirect, malformed or oversized body: unknown
	ReasonBudget         Reason = "budget_exhausted" // request or invalid-answer budget used up: unknown
	ReasonCanceled       Reason = "canceled"         // the context ended: unknown
	ReasonInternal       Reason = "internal_error"   // a bug in leakcord stopped the check: unknown
	ReasonNotSupported   Reason = "not_supported"    // not checked: client secrets, unknown rules, malformed values
	ReasonUserTokensOff  Reason = "user_tokens_off"  // not checked: a user token without Options.UserTokens
)

// Result is the outcome of checking one secret.
type Result struct {
	Status Status
	Reason Reason
	// Detail says what happened in one line. It never contains the secret.
	Detail string
	// HTTPStatus is the status of the last answer, 0 when there was none.
	HTTPStatus int
	// Code is Discord's JSON error code of the last answer, 0 when none.
	Code int
	// RetryAfter is how long Discord asked to wait, for [ReasonRateLimited].
	RetryAfter time.Duration
	// Identity is what a live secret revealed; nil otherwise.
	Identity *Identity
}

// Identity kinds.
const (
	KindBot     = "bot"
	KindUser    = "user"
	KindWebhook = "webhook"
)

// Identity is what a live secret revealed. It has no field for an email
// address or phone number: those are never read from Discord's answers.
type Identity struct {
	Kind     string // KindBot, KindUser or KindWebhook
	ID       string // the account's or the webhook's ID
	Username string // the account's username, or the webhook's name
	// MFAEnabled is whether a user account has two-factor authentication.
	MFAEnabled bool
	// Application is a bot's application, nil when it could not be read.
	Application *Application
	// GuildID and ChannelID are where a webhook posts.
	GuildID, ChannelID string
	// WebhookType is "incoming", "channel_follower" or "application".
	WebhookType string
}

// Application is a bot's application, from GET /oauth2/applications/@me.
type Application struct {
	ID   string
	Name string
	// OwnerID and OwnerName name the user who owns the application; for an
	// application owned by a team they are empty and TeamID and TeamName
	// are set.
	OwnerID, OwnerName string
	TeamID, TeamName   string
	// Public is whether anyone can add the bot to a server (bot_public).
	Public bool
	// ApproxGuilds is Discord's approximate count of servers the bot is in;
	// -1 when Discord did not say.
	ApproxGuilds int
	// PrivilegedIntents lists the privileged gateway intents the
	// application has enabled: "presence", "server_members",
	// "message_content", in that order.
	PrivilegedIntents []string
}

// Map returns the identity as flat key/value pairs for reports. Keys:
// kind, id, username; for bots application, application_id, owner or team
// ("name (id)"), public_bot, approximate_guilds and privileged_intents (a
// []string, empty when none); for users mfa_enabled; for webhooks name,
// guild_id, channel_id and webhook_type. Report writers rely on "kind" and
// "application_id".
func (id *Identity) Map() map[string]any {
	if id == nil {
		return nil
	}
	m := map[string]any{"kind": id.Kind}
	set := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	set("id", id.ID)
	switch id.Kind {
	case KindWebhook:
		set("name", id.Username)
		set("guild_id", id.GuildID)
		set("channel_id", id.ChannelID)
		set("webhook_type", id.WebhookType)
	case KindUser:
		set("username", id.Username)
		m["mfa_enabled"] = id.MFAEnabled
	default:
		set("username", id.Username)
	}
	if a := id.Application; a != nil {
		set("application", a.Name)
		set("application_id", a.ID)
		if a.TeamID != "" {
			set("team", nameID(a.TeamName, a.TeamID))
		} else {
			set("owner", nameID(a.OwnerName, a.OwnerID))
		}
		m["public_bot"] = a.Public
		if a.ApproxGuilds >= 0 {
			m["approximate_guilds"] = a.ApproxGuilds
		}
		intents := a.PrivilegedIntents
		if intents == nil {
			intents = []string{}
		}
		m["privileged_intents"] = intents
	}
	return m
}

// nameID formats "name (id)", or whichever of them is set.
func nameID(name, id string) string {
	switch {
	case name == "":
		return id
	case id == "":
		return name
	}
	return name + " (" + id + ")"
}

// privilegedIntents decodes the privileged-intent bits of application flags
// (GATEWAY_PRESENCE 1<<12 and its _LIMITED 1<<13, GATEWAY_GUILD_MEMBERS
// 1<<14 and 1<<15, GATEWAY_MESSAGE_CONTENT 1<<18 and 1<<19).
func privilegedIntents(flags uint64) []string {
	intents := []string{}
	for _, f := range []struct {
		bits uint64
		name string
	}{
		{1<<12 | 1<<13, "presence"},
		{1<<14 | 1<<15, "server_members"},
		{1<<18 | 1<<19, "message_content"},
	} {
		if flags&f.bits != 0 {
			intents = append(intents, f.name)
		}
	}
	return intents
}

// webhookType names a webhook type.
func webhookType(t int) string {
	switch t {
	case 1:
		return "incoming"
	case 2:
		return "channel_follower"
	case 3:
		return "application"
	}
	return ""
}

// clean makes text from Discord's answers safe to print on one line: no
// control, format or other unprintable characters, at most n runes.
func clean(s string, n int) string {
	var b strings.Builder
	count := 0
	for _, r := range s {
		if !unicode.IsPrint(r) {
			continue
		}
		if count == n {
			b.WriteString("...")
			break
		}
		b.WriteRune(r)
		count++
	}
	return b.String()
}
