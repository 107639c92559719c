package verify

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/fakediscord"
	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
)

func TestParseBaseURL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" for an error
	}{
		{"https://discord.com/api/v10", "https://discord.com/api/v10"},
		{"https://discord.com/api/v10/", "https://discord.com/api/v10"},
		{"http://127.0.0.1:8080/api/v10", "http://127.0.0.1:8080/api/v10"},
		{"http://localhost/api", "http://localhost/api"},
		{"http://[::1]:9/api", "http://[::1]:9/api"},
		{"http://discord.com/api/v10", ""},
		{"http://10.0.0.1/api", ""},
		{"ftp://discord.com/api", ""},
		{"https://user:pass@discord.com/api", ""},
		{"https://discord.com/api?x=1", ""},
		{"https://discord.com/api#x", ""},
		{"discord.com/api", ""},
		{"", ""},
	} {
		u, err := ParseBaseURL(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParseBaseURL(%q) = %s, want an error", tc.in, u)
		case tc.want != "" && err != nil:
			t.Errorf("ParseBaseURL(%q): %v", tc.in, err)
		case tc.want != "" && u.String() != tc.want:
			t.Errorf("ParseBaseURL(%q) = %s, want %s", tc.in, u, tc.want)
		}
	}
	if _, err := New(Options{BaseURL: "http://discord.com/api/v10"}); err == nil {
		t.Error("New accepted a plain-http base on a public host")
	}
}

func TestLiveBot(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := newRand(t)
	tok := testtoken.BotToken(r)
	fake.AddBot(tok, fakediscord.Bot{
		Username: "alert-bot",
		App: fakediscord.App{
			Name: "Alerts", OwnerID: "80351110224678912", OwnerName: "ada", Public: true, Guilds: 5000,
			Flags: 1<<18 | 1<<15,
		},
	})
	v := newVerifier(t, fake, Options{})
	res := check(t, v, botSecret(tok))
	if res.Status != Live || res.Reason != ReasonAccepted {
		t.Fatalf("status %s/%s (%s), want live", res.Status, res.Reason, res.Detail)
	}
	id := res.Identity
	if id == nil || id.Kind != KindBot || id.Username != "alert-bot" || id.ID == "" {
		t.Fatalf("identity %+v", id)
	}
	a := id.Application
	if a == nil || a.Name != "Alerts" || a.OwnerName != "ada" || !a.Public || a.ApproxGuilds != 5000 {
		t.Fatalf("application %+v", a)
	}
	if want := []string{"server_members", "message_content"}; !slices.Equal(a.PrivilegedIntents, want) {
		t.Errorf("intents %v, want %v", a.PrivilegedIntents, want)
	}
	m := id.Map()
	for k, want := range map[string]any{
		"kind": "bot", "username": "alert-bot", "application": "Alerts", "owner": "ada (80351110224678912)",
		"public_bot": true, "approximate_guilds": 5000,
	} {
		if m[k] != want {
			t.Errorf("Map()[%q] = %v, want %v", k, m[k], want)
		}
	}
	reqs := fake.Requests()
	var paths []string
	for _, q := range reqs {
		paths = append(paths, q.Method+" "+q.Path)
		if q.Authorization != "Bot "+tok {
			t.Errorf("%s: Authorization is not the Bot-prefixed token", q.Path)
		}
		if q.UserAgent != "DiscordBot (https://github.com/leakcord/leakcord, 1.2.3-test)" {
			t.Errorf("User-Agent %q", q.UserAgent)
		}
	}
	if want := []string{"GET /users/@me", "GET /oauth2/applications/@me"}; !slices.Equal(paths, want) {
		t.Errorf("requests %v, want %v", paths, want)
	}
	assertNoSecret(t, res, tok)
}

func TestLiveBotTeamAndNoIntents(t *testing.T) {
	fake := fakediscord.NewTest(t)
	tok := testtoken.LegacyToken(newRand(t))
	fake.AddBot(tok, fakediscord.Bot{App: fakediscord.App{TeamID: "80351110224678913", TeamName: "ops", OwnerID: "80351110224678912"}})
	res := check(t, newVerifier(t, fake, Options{}), botSecret(tok))
	m := res.Identity.Map()
	if m["team"] != "ops (80351110224678913)" || m["owner"] != nil {
		t.Errorf("team/owner: %v", m)
	}
	if in, ok := m["privileged_intents"].([]string); !ok || len(in) != 0 {
		t.Errorf("privileged_intents = %#v, want an empty list", m["privileged_intents"])
	}
}

// TestOutcomes checks each outcome against the fake's documented answers.
func TestOutcomes(t *testing.T) {
	type setup struct {
		fake   *fakediscord.Server
		tok    string // a bot-shaped token
		mfa    string
		hook   string // a webhook URL
		hookID string
		hookTk string
	}
	for _, tc := range []struct {
		name   string
		opts   Options
		prep   func(s setup)
		secret func(s setup) Secret
		status Status
		reason Reason
		code   int
		detail string // a substring of the detail
	}{
		{name: "bot live", prep: func(s setup) { s.fake.AddBot(s.tok, fakediscord.Bot{}) },
			status: Live, reason: ReasonAccepted, detail: "bot token accepted"},
		{name: "bot 401", status: Invalid, reason: ReasonUnauthorized, detail: "user-token checks are off"},
		{name: "user token off", prep: func(s setup) { s.fake.AddUser(s.tok, fakediscord.User{}) },
			status: Invalid, reason: ReasonUnauthorized, detail: "rejected it as a bot token"},
		{name: "user token on", opts: Options{UserTokens: true},
			prep:   func(s setup) { s.fake.AddUser(s.tok, fakediscord.User{Username: "someone", MFA: true}) },
			status: Live, reason: ReasonAccepted, detail: "user token accepted"},
		{name: "user token on, both 401", opts: Options{UserTokens: true},
			status: Invalid, reason: ReasonUnauthorized, detail: "as a bot token and as a user token"},
		{name: "mfa off", secret: func(s setup) Secret { return mfaSecret(s.mfa) },
			status: NotChecked, reason: ReasonUserTokensOff, detail: "--verify-user-tokens"},
		{name: "mfa live", opts: Options{UserTokens: true}, secret: func(s setup) Secret { return mfaSecret(s.mfa) },
			prep:   func(s setup) { s.fake.AddUser(s.mfa, fakediscord.User{ID: "80351110224678912"}) },
			status: Live, reason: ReasonAccepted},
		{name: "mfa 401", opts: Options{UserTokens: true}, secret: func(s setup) Secret { return mfaSecret(s.mfa) },
			status: Invalid, reason: ReasonUnauthorized, detail: "as a user token"},
		{name: "webhook live", secret: func(s setup) Secret { return hookSecret(s.hook) },
			prep: func(s setup) {
				s.fake.AddWebhook(fakediscord.Webhook{ID: s.hookID, Token: s.hookTk, GuildID: "1", ChannelID: "2"})
			},
			status: Live, reason: ReasonAccepted, detail: "webhook exists"},
		{name: "webhook unknown", secret: func(s setup) Secret { return hookSecret(s.hook) },
			status: Invalid, reason: ReasonUnknownWebhook, code: 10015, detail: "10015"},
		{name: "webhook wrong token", secret: func(s setup) Secret { return hookSecret(s.hook) },
			prep:   func(s setup) { s.fake.AddWebhook(fakediscord.Webhook{ID: s.hookID, Token: "x" + s.hookTk}) },
			status: Invalid, reason: ReasonUnauthorized, code: 50027, detail: "50027"},
		{name: "403", prep: func(s setup) { s.fake.Always(s.tok, fakediscord.Forbidden(40002, "You need to verify your account")) },
			status: Unknown, reason: ReasonForbidden, code: 40002, detail: "403 Forbidden, code 40002"},
		{name: "503", prep: func(s setup) { s.fake.Always(s.tok, fakediscord.ServerError(503)) },
			status: Unknown, reason: ReasonServerError, detail: "503"},
		{name: "429 too long", prep: func(s setup) { s.fake.Always(s.tok, fakediscord.RateLimited(2*time.Minute, false, "user")) },
			status: Unknown, reason: ReasonRateLimited, detail: "retry after 2m0s"},
		{name: "429 repeated", opts: Options{MaxRetries: 2},
			prep:   func(s setup) { s.fake.Always(s.tok, fakediscord.RateLimited(time.Millisecond, false, "user")) },
			status: Unknown, reason: ReasonRateLimited},
		{name: "cloudflare", prep: func(s setup) { s.fake.Always(s.tok, fakediscord.CloudflareBan()) },
			status: Unknown, reason: ReasonBlocked, detail: "Cloudflare"},
		{name: "40333", prep: func(s setup) { s.fake.Always(s.tok, fakediscord.BlockedUserAgent()) },
			status: Unknown, reason: ReasonBlocked, code: 40333, detail: "40333"},
		{name: "malformed", prep: func(s setup) { s.fake.Always(s.tok, fakediscord.Malformed()) },
			status: Unknown, reason: ReasonBadResponse, detail: "malformed"},
		{name: "oversized", opts: Options{MaxBody: 4096},
			prep:   func(s setup) { s.fake.Always(s.tok, fakediscord.Oversized(64<<10)) },
			status: Unknown, reason: ReasonBadResponse, detail: "larger than 4 KiB"},
		{name: "redirect", prep: func(s setup) { s.fake.Always(s.tok, fakediscord.Redirect("https://example.com/")) },
			status: Unknown, reason: ReasonBadResponse, detail: "redirect 302 not followed"},
		{name: "timeout", opts: Options{Timeout: 100 * time.Millisecond},
			prep:   func(s setup) { s.fake.Always(s.tok, fakediscord.Slow(5*time.Second)) },
			status: Unknown, reason: ReasonTimeout, detail: "no answer within 100ms"},
		{name: "client secret", secret: func(s setup) Secret {
			return Secret{RuleID: rules.IDClientSecret, Value: testtoken.ClientSecret(newRand(t))}
		}, status: NotChecked, reason: ReasonNotSupported, detail: "would mint"},
		{name: "unknown rule", secret: func(s setup) Secret { return Secret{RuleID: "other", Value: s.tok} },
			status: NotChecked, reason: ReasonNotSupported},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakediscord.NewTest(t)
			r := newRand(t)
			s := setup{fake: fake, tok: testtoken.BotToken(r), mfa: testtoken.MFAToken(r),
				hook: testtoken.WebhookURL(r, "discord.com", "/v10")}
			s.hookID, s.hookTk = webhookParts(t, s.hook)
			if tc.prep != nil {
				tc.prep(s)
			}
			sec := botSecret(s.tok)
			if tc.secret != nil {
				sec = tc.secret(s)
			}
			res := check(t, newVerifier(t, fake, tc.opts), sec)
			if res.Status != tc.status || res.Reason != tc.reason {
				t.Errorf("got %s/%s (%s), want %s/%s", res.Status, res.Reason, res.Detail, tc.status, tc.reason)
			}
			if tc.code != 0 && res.Code != tc.code {
				t.Errorf("code %d, want %d", res.Code, tc.code)
			}
			if !strings.Contains(res.Detail, tc.detail) {
				t.Errorf("detail %q does not contain %q", res.Detail, tc.detail)
			}
			if (res.Status == Live) != (res.Identity != nil) {
				t.Errorf("identity %+v with status %s", res.Identity, res.Status)
			}
			assertNoSecret(t, res, s.tok, s.mfa, s.hookTk)
		})
	}
}

// TestOneRequestPerSecret checks that repeats of a secret, also checked
// concurrently and on other webhook hosts, are sent once.
func TestOneRequestPerSecret(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := newRand(t)
	live, dead := testtoken.BotToken(r), testtoken.LegacyToken(r)
	fake.AddBot(live, fakediscord.Bot{})
	hook := testtoken.WebhookURL(r, "discord.com", "")
	id, _ := webhookParts(t, hook)
	var secrets []Secret
	for range 10 {
		secrets = append(secrets, botSecret(live), botSecret(dead), hookSecret(hook),
			hookSecret(strings.Replace(hook, "https://discord.com/api", "https://canary.discordapp.com/api/v9", 1)))
	}
	v := newVerifier(t, fake, Options{Concurrency: 8})
	res := v.CheckAll(context.Background(), secrets)
	for i := 4; i < len(res); i++ {
		if res[i].Status != res[i%4].Status || res[i].Detail != res[i%4].Detail {
			t.Errorf("result %d differs from the first check of the same secret", i)
		}
	}
	if n := fake.Count(live); n != 2 { // /users/@me and the application
		t.Errorf("live token: %d requests, want 2", n)
	}
	if n := fake.Count(dead); n != 1 {
		t.Errorf("dead token: %d requests, want 1", n)
	}
	if n := fake.Count(id); n != 1 {
		t.Errorf("webhook: %d requests, want 1", n)
	}
	if st := v.Stats(); st.Requests != 4 || st.Secrets != 3 || st.Invalid != 2 {
		t.Errorf("stats %+v, want 4 requests, 3 secrets, 2 invalid", st)
	}
}

// TestRetryAfter429 checks that a short 429 is waited out and retried.
func TestRetryAfter429(t *testing.T) {
	for _, tc := range []struct {
		name string
		resp fakediscord.Response
		wait time.Duration
	}{
		{"json retry_after", fakediscord.RateLimited(150*time.Millisecond, false, "user"), 150 * time.Millisecond},
		{"global", fakediscord.RateLimited(150*time.Millisecond, true, "global"), 150 * time.Millisecond},
		{"header only", fakediscord.Response{Status: 429, Body: `{"message": "slow down"}`,
			Header: map[string]string{"Retry-After": "1"}}, time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakediscord.NewTest(t)
			tok := testtoken.BotToken(newRand(t))
			fake.AddBot(tok, fakediscord.Bot{})
			fake.Script(tok, tc.resp)
			v := newVerifier(t, fake, Options{})
			start := time.Now()
			res := check(t, v, botSecret(tok))
			if res.Status != Live {
				t.Fatalf("status %s (%s), want live after the retry", res.Status, res.Detail)
			}
			if d := time.Since(start); d < tc.wait {
				t.Errorf("retried after %s, want at least %s", d, tc.wait)
			}
			if n := fake.Count(tok); n != 3 {
				t.Errorf("%d requests, want 3 (429, retry, application)", n)
			}
			if st := v.Stats(); st.Invalid != 1 {
				t.Errorf("invalid count %d, want 1 (the 429)", st.Invalid)
			}
		})
	}
}

// TestSharedScope429 checks that a 429 of the shared scope does not count
// towards the invalid-request budget.
func TestSharedScope429(t *testing.T) {
	fake := fakediscord.NewTest(t)
	tok := testtoken.BotToken(newRand(t))
	fake.Script(tok, fakediscord.RateLimited(10*time.Millisecond, false, "shared"))
	v := newVerifier(t, fake, Options{})
	if res := check(t, v, botSecret(tok)); res.Status != Invalid {
		t.Fatalf("status %s, want invalid", res.Status)
	}
	if st := v.Stats(); st.Invalid != 1 || st.Requests != 2 {
		t.Errorf("stats %+v, want 2 requests and 1 invalid (the 401)", st)
	}
}

// TestBudget checks that checking stops with "budget exhausted" at the
// request ceiling and at the invalid-answer ceiling.
func TestBudget(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		sent int
	}{
		{"requests", Options{MaxRequests: 3}, 3},
		{"invalid answers", Options{MaxInvalid: 2}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakediscord.NewTest(t)
			r := newRand(t)
			var secrets []Secret
			for range 6 {
				secrets = append(secrets, botSecret(testtoken.BotToken(r)))
			}
			tc.opts.Concurrency = 1
			v := newVerifier(t, fake, tc.opts)
			res := v.CheckAll(context.Background(), secrets)
			for i, r := range res {
				want, reason := Invalid, ReasonUnauthorized
				if i >= tc.sent {
					want, reason = Unknown, ReasonBudget
				}
				if r.Status != want || r.Reason != reason {
					t.Errorf("secret %d: %s/%s (%s), want %s/%s", i, r.Status, r.Reason, r.Detail, want, reason)
				}
				if reason == ReasonBudget && r.Detail != "budget exhausted" {
					t.Errorf("secret %d: detail %q", i, r.Detail)
				}
			}
			if n := len(fake.Requests()); n != tc.sent {
				t.Errorf("%d requests sent, want %d", n, tc.sent)
			}
		})
	}
	if DefaultMaxInvalid > 2000 || DefaultMaxRequests > 2000 {
		t.Error("default budgets must stay far below Discord's 10,000 invalid requests per 10 minutes")
	}
}

// TestBudgetCap checks that the budgets can be lowered but not raised: the
// defaults are also the ceilings. Regression test for verify.max_requests =
// 100000 letting a run check 2,151 webhooks.
func TestBudgetCap(t *testing.T) {
	for _, tc := range []struct {
		in, wantRequests, wantInvalid int
	}{
		{0, DefaultMaxRequests, DefaultMaxInvalid},
		{5, 5, 5},
		{DefaultMaxRequests, DefaultMaxRequests, DefaultMaxInvalid},
		{100000, DefaultMaxRequests, DefaultMaxInvalid},
	} {
		o := Options{MaxRequests: tc.in, MaxInvalid: tc.in}.withDefaults()
		if o.MaxRequests != tc.wantRequests || o.MaxInvalid != tc.wantInvalid {
			t.Errorf("MaxRequests and MaxInvalid %d: got %d and %d, want %d and %d",
				tc.in, o.MaxRequests, o.MaxInvalid, tc.wantRequests, tc.wantInvalid)
		}
	}
}

// TestCircuitBreaker checks that after a Cloudflare block nothing more is
// sent in the run.
func TestCircuitBreaker(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := newRand(t)
	first := testtoken.BotToken(r)
	fake.Always(first, fakediscord.CloudflareBan())
	v := newVerifier(t, fake, Options{Concurrency: 1})
	secrets := []Secret{botSecret(first), botSecret(testtoken.BotToken(r)), hookSecret(testtoken.WebhookURL(r, "discord.com", ""))}
	res := v.CheckAll(context.Background(), secrets)
	for i, r := range res {
		if r.Status != Unknown || r.Reason != ReasonBlocked {
			t.Errorf("secret %d: %s/%s, want unknown/blocked", i, r.Status, r.Reason)
		}
	}
	if n := len(fake.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if v.Stats().Blocked == "" {
		t.Error("Stats().Blocked is empty")
	}
}

// TestRateLimitRemaining checks that an empty bucket holds the next request
// back until X-RateLimit-Reset-After.
func TestRateLimitRemaining(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := newRand(t)
	a, b := testtoken.BotToken(r), testtoken.BotToken(r)
	fake.Script(a, fakediscord.Response{Status: 401, Body: `{"message": "401: Unauthorized", "code": 0}`,
		Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "0.300"}})
	v := newVerifier(t, fake, Options{Concurrency: 1})
	check(t, v, botSecret(a))
	start := time.Now()
	check(t, v, botSecret(b))
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Errorf("next request after %s, want about 300ms", d)
	}
}

// TestPacing checks the default-style spacing of requests.
func TestPacing(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := newRand(t)
	var secrets []Secret
	for range 5 {
		secrets = append(secrets, botSecret(testtoken.BotToken(r)))
	}
	v := newVerifier(t, fake, Options{Rate: 20, Concurrency: 5})
	start := time.Now()
	v.CheckAll(context.Background(), secrets)
	if d := time.Since(start); d < 190*time.Millisecond {
		t.Errorf("5 requests at 20/s took %s, want at least 200ms", d)
	}
}

// TestOnlyGET checks that the fake catches any other method (so that the
// tests that use it prove the verifier sends only GET) and that no request
// of a full run was anything but GET.
func TestOnlyGET(t *testing.T) {
	fake := fakediscord.Start()
	defer fake.Close()
	var caught []string
	fake.OnViolation(func(v string) { caught = append(caught, v) })
	r := newRand(t)
	hook := testtoken.WebhookURL(r, "discord.com", "")
	id, tk := webhookParts(t, hook)
	fake.AddWebhook(fakediscord.Webhook{ID: id, Token: tk})
	for _, m := range []string{http.MethodPost, http.MethodPatch, http.MethodDelete} {
		req, _ := http.NewRequest(m, fake.URL()+"/webhooks/"+id+"/"+tk, strings.NewReader(`{"content":"x"}`))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, resp.StatusCode)
		}
	}
	if len(caught) != 3 || len(fake.Violations()) != 3 {
		t.Fatalf("violations %v, want 3", caught)
	}

	fake2 := fakediscord.NewTest(t)
	tok, user := testtoken.BotToken(r), testtoken.BotToken(r)
	fake2.AddBot(tok, fakediscord.Bot{})
	fake2.AddUser(user, fakediscord.User{})
	fake2.AddWebhook(fakediscord.Webhook{ID: id, Token: tk})
	v := newVerifier(t, fake2, Options{UserTokens: true})
	v.CheckAll(context.Background(), []Secret{botSecret(tok), botSecret(user), hookSecret(hook), mfaSecret(testtoken.MFAToken(r))})
	for _, q := range fake2.Requests() {
		if q.Method != http.MethodGet {
			t.Errorf("%s %s sent", q.Method, q.Path)
		}
	}
	if n := len(fake2.Requests()); n != 6 {
		t.Errorf("%d requests, want 6", n)
	}
}

// TestWebhookRebuiltOnBase checks that a webhook is asked about on the API
// base, whatever host the scanned text named, and that a URL that does not
// split into an ID and a token is not sent at all.
func TestWebhookRebuiltOnBase(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := newRand(t)
	hook := testtoken.WebhookURL(r, "discord.com", "")
	id, tk := webhookParts(t, hook)
	v := newVerifier(t, fake, Options{})
	evil := "https://attacker.example/api/webhooks/" + id + "/" + tk + "/slack?wait=true"
	if res := check(t, v, hookSecret(evil)); res.Reason != ReasonUnknownWebhook {
		t.Errorf("reason %s, want unknown_webhook from the fake", res.Reason)
	}
	reqs := fake.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/webhooks/"+id+"/"+tk || reqs[0].Authorization != "" {
		t.Errorf("requests %+v", reqs)
	}
	for _, bad := range []string{
		"https://discord.com/api/webhooks/" + id + "/../../users/@me",
		"https://discord.com/api/webhooks/" + id + "/" + tk + "%2F..",
		"https://discord.com/api/webhooks/123/" + tk,
		"https://discord.com/api/webhooks/" + id,
	} {
		if res := check(t, v, hookSecret(bad)); res.Status != NotChecked {
			t.Errorf("%q: status %s, want not_checked", bad, res.Status)
		}
	}
	if n := len(fake.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// TestNoSecretInNetworkError checks that a failed connection, whose Go
// error names the URL with the webhook's token, does not leak it.
func TestNoSecretInNetworkError(t *testing.T) {
	fake := fakediscord.Start()
	base := fake.URL()
	fake.Close() // nothing listens there now
	r := newRand(t)
	hook := testtoken.WebhookURL(r, "discord.com", "")
	_, tk := webhookParts(t, hook)
	tok := testtoken.BotToken(r)
	v, err := New(Options{BaseURL: base, Rate: -1, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []Secret{hookSecret(hook), botSecret(tok)} {
		res := check(t, v, s)
		if res.Status != Unknown || res.Reason != ReasonNetwork {
			t.Errorf("%s/%s (%s), want unknown/network", res.Status, res.Reason, res.Detail)
		}
		assertNoSecret(t, res, tk, tok)
		if strings.Contains(res.Detail, "/webhooks/") {
			t.Errorf("detail names the URL: %s", res.Detail)
		}
	}
}

// TestScrubQuotedSecret checks that a secret an answer quotes back is
// hidden.
func TestScrubQuotedSecret(t *testing.T) {
	fake := fakediscord.NewTest(t)
	tok := testtoken.BotToken(newRand(t))
	fake.Always(tok, fakediscord.Forbidden(40002, "token "+tok+" is restricted"))
	res := check(t, newVerifier(t, fake, Options{}), botSecret(tok))
	if res.Reason != ReasonForbidden {
		t.Fatalf("reason %s", res.Reason)
	}
	assertNoSecret(t, res, tok)
}

// TestCancel checks that cancelling stops a slow check and the checks still
// waiting, promptly.
func TestCancel(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := newRand(t)
	var secrets []Secret
	for range 20 {
		tok := testtoken.BotToken(r)
		fake.Always(tok, fakediscord.Slow(10*time.Second))
		secrets = append(secrets, botSecret(tok))
	}
	v := newVerifier(t, fake, Options{Rate: 2, Concurrency: 2})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(200*time.Millisecond, cancel) // a deadline is not a cancellation: see TestDeadline
	start := time.Now()
	res := v.CheckAll(ctx, secrets)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("CheckAll took %s after cancellation", d)
	}
	for i, r := range res {
		if r.Status != Unknown || r.Reason != ReasonCanceled {
			t.Errorf("secret %d: %s/%s, want unknown/canceled", i, r.Status, r.Reason)
		}
	}
}

func TestSplitWebhook(t *testing.T) {
	const id, tk = "123456789012345678", "abcDEF_-0123456789"
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"https://discord.com/api/webhooks/" + id + "/" + tk, true},
		{"discordapp.com/api/v6/webhooks/" + id + "/" + tk + "/github", true},
		{"https://discord.com/api/webhooks/" + id + "/" + tk + "?wait=true", true},
		{"https://discord.com/api/webhooks/" + id + "/" + tk + "#x", true},
		{"https://discord.com/api/webhooks/" + id + "/", false},
		{"https://discord.com/api/webhooks/" + id + "/" + tk + ".x", false},
		{"https://discord.com/api/webhooks/" + id + "/" + tk + "%2e", false},
		{"https://discord.com/api/webhooks/12345/" + tk, false},
		{"https://discord.com/api/webhooks/" + id + "0000/" + tk, false},
		{"https://discord.com/api/hooks/" + id + "/" + tk, false},
	} {
		gotID, gotTk, ok := splitWebhook(tc.in)
		if ok != tc.ok || ok && (gotID == "" || gotTk == "") {
			t.Errorf("splitWebhook(%q) = %q, %q, %v; want ok=%v", tc.in, gotID, gotTk, ok, tc.ok)
		}
	}
}

func TestPrivilegedIntents(t *testing.T) {
	for _, tc := range []struct {
		flags uint64
		want  []string
	}{
		{0, []string{}},
		{1 << 23, []string{}},
		{1 << 12, []string{"presence"}},
		{1 << 13, []string{"presence"}},
		{1<<14 | 1<<15, []string{"server_members"}},
		{1 << 19, []string{"message_content"}},
		{1<<12 | 1<<15 | 1<<18, []string{"presence", "server_members", "message_content"}},
	} {
		if got := privilegedIntents(tc.flags); !slices.Equal(got, tc.want) {
			t.Errorf("privilegedIntents(%#x) = %v, want %v", tc.flags, got, tc.want)
		}
	}
}

// panicTransport panics on every request, quoting its Authorization
// header.
type panicTransport struct{}

func (panicTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	panic("cannot send " + req.Header.Get("Authorization"))
}

// TestPanicIsUnknown checks that a panic while a secret is checked (a bug)
// ends that check as unknown, quoting nothing, and releases the checks
// waiting for the same secret.
func TestPanicIsUnknown(t *testing.T) {
	tok := testtoken.BotToken(newRand(t))
	v, err := New(Options{BaseURL: "http://127.0.0.1:1", Rate: -1, Transport: panicTransport{}, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []Result, 1)
	go func() {
		done <- v.CheckAll(context.Background(), []Secret{botSecret(tok), botSecret(tok), botSecret(tok)})
	}()
	select {
	case res := <-done:
		for i, r := range res {
			if r.Status != Unknown || r.Reason != ReasonInternal {
				t.Errorf("check %d: %s/%s (%s), want unknown/internal_error", i, r.Status, r.Reason, r.Detail)
			}
			assertNoSecret(t, r, tok)
		}
		if st := v.Stats().Panic; !strings.Contains(st, "RoundTrip") || strings.Contains(st, tok) {
			t.Errorf("Stats.Panic = %q: want the stack of the panic, without the secret", st)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("CheckAll hangs after a panic")
	}
}
