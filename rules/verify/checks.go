package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// userJSON is the part of GET /users/@me that is read. It has no email or
// phone field on purpose: they are never decoded, stored or printed.
type userJSON struct {
	ID         string `json:"id"`
	Username   string `json:"username"`
	Bot        bool   `json:"bot"`
	MFAEnabled bool   `json:"mfa_enabled"`
}

// appJSON is the part of GET /oauth2/applications/@me that is read.
type appJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	BotPublic bool   `json:"bot_public"`
	Flags     uint64 `json:"flags"`
	Guilds    *int   `json:"approximate_guild_count"`
	Owner     *struct {
		ID       string `json:"id"`
		Username string `json:"username"`
	} `json:"owner"`
	Team *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"team"`
}

// webhookJSON is the part of GET /webhooks/{id}/{token} that is read (not
// its token).
type webhookJSON struct {
	ID        string `json:"id"`
	Type      int    `json:"type"`
	Name      string `json:"name"`
	GuildID   string `json:"guild_id"`
	ChannelID string `json:"channel_id"`
}

// checkToken checks a token as a bot token, then (when allowed) as a user
// token.
func (v *Verifier) checkToken(ctx context.Context, t target) Result {
	if t.kind == kindToken {
		rep := v.get(ctx, "/users/@me", "Bot "+t.token)
		switch {
		case rep.fail != nil:
			return *rep.fail
		case rep.status == http.StatusOK:
			return v.liveBot(ctx, t, rep)
		case rep.status != http.StatusUnauthorized:
			return judge(rep, "GET /users/@me")
		case !v.opts.UserTokens:
			res := judge(rep, "GET /users/@me")
			res.Detail = "Discord rejected it as a bot token (401 Unauthorized): reset, revoked or mistyped; " +
				"user-token checks are off"
			return res
		}
	}
	rep := v.get(ctx, "/users/@me", t.token)
	switch {
	case rep.fail != nil:
		return *rep.fail
	case rep.status == http.StatusOK:
		var u userJSON
		if err := json.Unmarshal(rep.body, &u); err != nil || u.ID == "" {
			return malformed(rep, "GET /users/@me")
		}
		return Result{
			Status: Live, Reason: ReasonAccepted, HTTPStatus: rep.status,
			Detail:   "user token accepted (GET /users/@me without the Bot prefix: 200)",
			Identity: &Identity{Kind: KindUser, ID: clean(u.ID, 32), Username: clean(u.Username, 64), MFAEnabled: u.MFAEnabled},
		}
	case rep.status == http.StatusUnauthorized:
		res := judge(rep, "GET /users/@me")
		res.Detail = "Discord rejected it as a user token (401 Unauthorized): the password was changed or the token mistyped"
		if t.kind == kindToken {
			res.Detail = "Discord rejected it as a bot token and as a user token (401 Unauthorized)"
		}
		return res
	}
	return judge(rep, "GET /users/@me")
}

// liveBot builds the result of a bot token that /users/@me accepted, and
// reads its application.
func (v *Verifier) liveBot(ctx context.Context, t target, rep reply) Result {
	var u userJSON
	if err := json.Unmarshal(rep.body, &u); err != nil || u.ID == "" {
		return malformed(rep, "GET /users/@me")
	}
	res := Result{
		Status: Live, Reason: ReasonAccepted, HTTPStatus: rep.status,
		Detail:   "bot token accepted (GET /users/@me: 200)",
		Identity: &Identity{Kind: KindBot, ID: clean(u.ID, 32), Username: clean(u.Username, 64)},
	}
	app := v.get(ctx, "/oauth2/applications/@me", "Bot "+t.token)
	var a appJSON
	switch {
	case app.fail != nil:
		res.Detail += "; application not read: " + app.fail.Detail
	case app.status != http.StatusOK:
		res.Detail += "; application not read: " + judge(app, "GET /oauth2/applications/@me").Detail
	case json.Unmarshal(app.body, &a) != nil:
		res.Detail += "; application not read: malformed answer"
	default:
		ai := &Application{
			ID: clean(a.ID, 32), Name: clean(a.Name, 64), Public: a.BotPublic, ApproxGuilds: -1,
			PrivilegedIntents: privilegedIntents(a.Flags),
		}
		if a.Guilds != nil {
			ai.ApproxGuilds = *a.Guilds
		}
		if a.Team != nil && a.Team.ID != "" {
			ai.TeamID, ai.TeamName = clean(a.Team.ID, 32), clean(a.Team.Name, 64)
		} else if a.Owner != nil {
			ai.OwnerID, ai.OwnerName = clean(a.Owner.ID, 32), clean(a.Owner.Username, 64)
		}
		res.Identity.Application = ai
	}
	return res
}

// checkWebhook checks a webhook by its ID and token, on the API base.
func (v *Verifier) checkWebhook(ctx context.Context, t target) Result {
	rep := v.get(ctx, "/webhooks/"+t.hookID+"/"+t.hookToken, "")
	const what = "GET /webhooks/{id}/{token}"
	switch {
	case rep.fail != nil:
		return *rep.fail
	case rep.status == http.StatusOK:
		var w webhookJSON
		if err := json.Unmarshal(rep.body, &w); err != nil || w.ID == "" {
			return malformed(rep, what)
		}
		return Result{
			Status: Live, Reason: ReasonAccepted, HTTPStatus: rep.status,
			Detail: "webhook exists (" + what + ": 200)",
			Identity: &Identity{
				Kind: KindWebhook, ID: clean(w.ID, 32), Username: clean(w.Name, 80),
				GuildID: clean(w.GuildID, 32), ChannelID: clean(w.ChannelID, 32), WebhookType: webhookType(w.Type),
			},
		}
	case rep.status == http.StatusNotFound && rep.code == 10015:
		return Result{Status: Invalid, Reason: ReasonUnknownWebhook, HTTPStatus: rep.status, Code: rep.code,
			Detail: "unknown webhook (404, code 10015): it was deleted"}
	case rep.status == http.StatusUnauthorized:
		res := judge(rep, what)
		res.Detail = "invalid webhook token (401, code 50027): the webhook's token no longer works"
		if rep.code != 50027 {
			res.Detail = fmt.Sprintf("Discord rejected the webhook token (401, code %d)", rep.code)
		}
		return res
	}
	return judge(rep, what)
}

// judge turns an answer other than 200 into a result: 401 is invalid,
// everything else unknown.
func judge(rep reply, what string) Result {
	res := Result{Status: Unknown, HTTPStatus: rep.status, Code: rep.code}
	code := ""
	if rep.code != 0 || rep.msg != "" {
		code = fmt.Sprintf(", code %d", rep.code)
		if rep.msg != "" {
			code += ": " + rep.msg
		}
	}
	switch s := rep.status; {
	case s == http.StatusUnauthorized:
		res.Status, res.Reason = Invalid, ReasonUnauthorized
		res.Detail = fmt.Sprintf("Discord rejected it (401%s)", code)
	case s == http.StatusForbidden:
		res.Reason = ReasonForbidden
		res.Detail = fmt.Sprintf("%s: 403 Forbidden%s: the account is restricted or unverified; not proof that it works or not", what, code)
	case s >= 500:
		res.Reason = ReasonServerError
		res.Detail = fmt.Sprintf("%s: Discord answered %d %s", what, s, http.StatusText(s))
	case s >= 300 && s < 400:
		res.Reason = ReasonBadResponse
		res.Detail = fmt.Sprintf("%s: redirect %d not followed", what, s)
	case s == http.StatusOK:
		return malformed(rep, what)
	default:
		res.Reason = ReasonBadResponse
		res.Detail = fmt.Sprintf("%s: unexpected answer %d%s", what, s, code)
	}
	return res
}

// malformed is the result of a 200 whose body is not what Discord sends.
func malformed(rep reply, what string) Result {
	return Result{Status: Unknown, Reason: ReasonBadResponse, HTTPStatus: rep.status,
		Detail: what + ": 200 with a malformed body; not trusted"}
}
