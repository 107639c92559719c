package fakediscord

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// get sends a GET to the fake and decodes its JSON answer.
func get(t *testing.T, s *Server, path, auth string) (int, http.Header, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL()+path, nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	return resp.StatusCode, resp.Header, m
}

// TestDocumentedAnswers checks that the fake answers as Discord documents
// (../shared/discord-tokens.md §4).
func TestDocumentedAnswers(t *testing.T) {
	s := NewTest(t)
	r := testtoken.New(7)
	bot, user := testtoken.BotToken(r), testtoken.BotToken(r)
	s.AddBot(bot, Bot{App: App{Guilds: 3, Flags: 1 << 18}})
	s.AddUser(user, User{})
	s.AddWebhook(Webhook{ID: "123456789012345678", Token: "tok"})

	for _, tc := range []struct {
		path, auth string
		status     int
		code       float64
		field      string
	}{
		{"/users/@me", "Bot " + bot, 200, -1, "id"},
		{"/users/@me", bot, 401, 0, ""},
		{"/users/@me", user, 200, -1, "email"},
		{"/users/@me", "Bot " + user, 401, 0, ""},
		{"/users/@me", "", 401, 0, ""},
		{"/oauth2/applications/@me", "Bot " + bot, 200, -1, "approximate_guild_count"},
		{"/oauth2/applications/@me", user, 401, 0, ""},
		{"/webhooks/123456789012345678/tok", "", 200, -1, "channel_id"},
		{"/webhooks/123456789012345678/nope", "", 401, 50027, ""},
		{"/webhooks/876543210987654321/tok", "", 404, 10015, ""},
		{"/gateway/bot", "Bot " + bot, 404, 0, ""},
	} {
		status, h, m := get(t, s, tc.path, tc.auth)
		if status != tc.status {
			t.Errorf("GET %s: %d, want %d", tc.path, status, tc.status)
		}
		if tc.code >= 0 && m["code"] != tc.code {
			t.Errorf("GET %s: code %v, want %v", tc.path, m["code"], tc.code)
		}
		if tc.field != "" && m[tc.field] == nil {
			t.Errorf("GET %s: no %q in %v", tc.path, tc.field, m)
		}
		if h.Get("Via") == "" || h.Get("X-RateLimit-Limit") == "" {
			t.Errorf("GET %s: no Via or X-RateLimit headers", tc.path)
		}
	}
	if n := s.Count(bot); n != 4 {
		t.Errorf("Count(bot) = %d, want 4", n)
	}
}

// TestCanned checks scripted and permanent canned answers.
func TestCanned(t *testing.T) {
	s := NewTest(t)
	tok := testtoken.BotToken(testtoken.New(8))
	s.AddBot(tok, Bot{})
	s.Script(tok, RateLimited(1500*time.Millisecond, true, "global"), CloudflareBan())
	status, h, m := get(t, s, "/users/@me", "Bot "+tok)
	if status != 429 || m["retry_after"] != 1.5 || h.Get("Retry-After") != "2" || h.Get("X-RateLimit-Global") != "true" {
		t.Errorf("429: %d %v %v", status, m, h)
	}
	status, h, m = get(t, s, "/users/@me", "Bot "+tok)
	if status != 429 || m != nil || h.Get("Via") != "" {
		t.Errorf("Cloudflare: %d %v %v", status, m, h)
	}
	if status, _, _ = get(t, s, "/users/@me", "Bot "+tok); status != 200 {
		t.Errorf("after the script: %d, want 200", status)
	}
	s.Always(tok, ServerError(502))
	for range 2 {
		if status, _, _ = get(t, s, "/users/@me", "Bot "+tok); status != 502 {
			t.Errorf("Always: %d, want 502", status)
		}
	}
}
