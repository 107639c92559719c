// Package fakediscord is an in-process imitation of the few Discord HTTP API
// endpoints that leakcord reads, for tests only. It listens on 127.0.0.1, so
// no test that uses it reaches the internet.
//
// It mirrors the documented behaviour (see ../shared/discord-tokens.md §4):
//
//   - GET /users/@me: 200 with the account for a registered bot token sent
//     as "Authorization: Bot <token>" or a registered user token sent
//     without a prefix; 401 {"message": "401: Unauthorized", "code": 0}
//     otherwise. A user's answer carries an email and a phone number, so
//     that tests can prove leakcord never prints them.
//   - GET /oauth2/applications/@me: 200 with the bot's application for a
//     registered bot token, 401 otherwise.
//   - GET /webhooks/{id}/{token}: 200 with the webhook (token included, as
//     Discord does) when both match; 401 with code 50027 (invalid webhook
//     token) for a known ID with the wrong token; 404 with code 10015
//     (unknown webhook) otherwise.
//   - Every answer carries Via and X-RateLimit-* headers.
//
// Any method other than GET is a violation: the server answers 405 and
// records it, and [NewTest] fails the test. [Server.Script] and
// [Server.Always] replace the normal answer for one credential with canned
// ones: 403, 429 with retry_after, a Cloudflare-style 429 without JSON, 5xx,
// slow, malformed and oversized answers.
//
// A Server is safe for concurrent use.
package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakcord/leakcord/rules"
)

// APIPath is the path of the API below the server's URL, as in
// https://discord.com/api/v10.
const APIPath = "/api/v10"

// Server is a running fake API.
type Server struct {
	srv *httptest.Server

	mu         sync.Mutex
	bots       map[string]Bot     // token → bot
	users      map[string]User    // token → user
	webhooks   map[string]Webhook // ID → webhook
	scripts    map[string][]Response
	always     map[string]Response
	requests   []Request
	violations []string
	onViolate  func(string)
}

// Bot is a bot account and its application.
type Bot struct {
	ID       string // default: the ID encoded in the token
	Username string // default "test-bot"
	App      App
}

// App is a bot's application, as GET /oauth2/applications/@me returns it.
type App struct {
	ID        string // default: the bot's ID
	Name      string // default: the bot's username
	OwnerID   string // the owning user, when there is no team
	OwnerName string
	TeamID    string // the owning team, if any
	TeamName  string
	Public    bool   // bot_public
	Flags     uint64 // application flags (privileged intents: 1<<12 … 1<<19)
	Guilds    int    // approximate_guild_count
}

// User is a user account.
type User struct {
	ID       string // default: the ID encoded in the token
	Username string // default "test-user"
	MFA      bool
}

// Webhook is an incoming webhook.
type Webhook struct {
	ID, Token string
	Name      string // default "test-hook"
	GuildID   string
	ChannelID string
	Type      int // default 1 (incoming)
}

// Request is one request the server received.
type Request struct {
	Method        string
	Path          string // below APIPath, e.g. "/users/@me"
	Authorization string
	UserAgent     string
	// Key is the credential the request was about: the token (without a
	// "Bot " prefix) or the webhook ID.
	Key string
}

// Response is a canned answer. A zero Status means the normal answer,
// after Delay.
type Response struct {
	Status int
	Header map[string]string
	Body   string
	Delay  time.Duration // wait before answering (the client may time out)
	NoVia  bool          // leave out the Via header, as a Cloudflare block does
}

// Start starts a server on 127.0.0.1. Close it when done.
func Start() *Server {
	s := &Server{
		bots:     make(map[string]Bot),
		users:    make(map[string]User),
		webhooks: make(map[string]Webhook),
		scripts:  make(map[string][]Response),
		always:   make(map[string]Response),
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// NewTest starts a server that is closed when t ends and fails t when it
// receives any method other than GET.
func NewTest(t testing.TB) *Server {
	t.Helper()
	s := Start()
	s.OnViolation(func(v string) { t.Errorf("fakediscord: %s", v) })
	t.Cleanup(s.Close)
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// URL returns the API base, e.g. http://127.0.0.1:41234/api/v10.
func (s *Server) URL() string { return s.srv.URL + APIPath }

// OnViolation calls f (from the handler's goroutine) for each request that
// breaks the read-only rule.
func (s *Server) OnViolation(f func(string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onViolate = f
}

// Violations returns the requests that broke the read-only rule.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

// AddBot registers a live bot token.
func (s *Server) AddBot(token string, b Bot) {
	if b.ID == "" {
		b.ID = tokenID(token)
	}
	if b.Username == "" {
		b.Username = "test-bot"
	}
	if b.App.ID == "" {
		b.App.ID = b.ID
	}
	if b.App.Name == "" {
		b.App.Name = b.Username
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bots[token] = b
}

// AddUser registers a live user token.
func (s *Server) AddUser(token string, u User) {
	if u.ID == "" {
		u.ID = tokenID(token)
	}
	if u.ID == "" { // an mfa. token encodes no ID
		u.ID = "80351110224678916"
	}
	if u.Username == "" {
		u.Username = "test-user"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[token] = u
}

// AddWebhook registers a live webhook.
func (s *Server) AddWebhook(w Webhook) {
	if w.Name == "" {
		w.Name = "test-hook"
	}
	if w.Type == 0 {
		w.Type = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhooks[w.ID] = w
}

// Script queues answers for the credential key (a token, or a webhook ID):
// each request about it takes the next one; when they are used up, the
// normal answer (or the [Server.Always] one) returns.
func (s *Server) Script(key string, rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scripts[key] = append(s.scripts[key], rs...)
}

// Always answers every request about key with r.
func (s *Server) Always(key string, r Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.always[key] = r
}

// Requests returns the requests received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Count returns how many requests were about key (a token or webhook ID).
func (s *Server) Count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Key == key {
			n++
		}
	}
	return n
}

// tokenID returns the account ID a token encodes, or "" when it does not
// decode.
func tokenID(token string) string {
	seg1, _, _ := strings.Cut(token, ".")
	id, _, ok := rules.DecodeTokenID([]byte(seg1), time.Now())
	if !ok {
		return ""
	}
	return id
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path, ok := strings.CutPrefix(r.URL.EscapedPath(), APIPath)
	if !ok {
		path = r.URL.EscapedPath()
	}
	auth := r.Header.Get("Authorization")
	key := strings.TrimPrefix(auth, "Bot ")
	if id, _, ok := webhookPath(path); ok {
		key = id
	}
	s.mu.Lock()
	s.requests = append(s.requests, Request{
		Method: r.Method, Path: path, Authorization: auth, UserAgent: r.UserAgent(), Key: key,
	})
	if r.Method != http.MethodGet {
		v := fmt.Sprintf("%s %s: only GET is allowed", r.Method, path)
		s.violations = append(s.violations, v)
		f := s.onViolate
		s.mu.Unlock()
		if f != nil {
			f(v)
		}
		writeJSON(w, http.StatusMethodNotAllowed, errorBody("405: Method Not Allowed", 0), true)
		return
	}
	resp, canned := s.canned(key)
	s.mu.Unlock()

	if canned && resp.Delay > 0 {
		select {
		case <-time.After(resp.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if canned && resp.Status != 0 {
		h := w.Header()
		if !resp.NoVia {
			h.Set("Via", "1.1 google")
		}
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", "application/json")
		}
		for k, v := range resp.Header {
			h.Set(k, v)
		}
		w.WriteHeader(resp.Status)
		_, _ = w.Write([]byte(resp.Body))
		return
	}
	s.answer(w, r, path, auth)
}

// canned returns the canned answer for key, if any; s.mu is held.
func (s *Server) canned(key string) (Response, bool) {
	if q := s.scripts[key]; len(q) > 0 {
		s.scripts[key] = q[1:]
		return q[0], true
	}
	r, ok := s.always[key]
	return r, ok
}

// answer gives the normal answer.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, path, auth string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	botToken, isBot := strings.CutPrefix(auth, "Bot ")
	switch {
	case path == "/users/@me":
		if b, ok := s.bots[botToken]; ok && isBot {
			writeJSON(w, http.StatusOK, map[string]any{
				"id": b.ID, "username": b.Username, "discriminator": "0", "global_name": nil,
				"avatar": nil, "bot": true, "verified": true, "mfa_enabled": true, "flags": 0,
				"email": nil,
			}, false)
			return
		}
		if u, ok := s.users[auth]; ok && !isBot {
			writeJSON(w, http.StatusOK, map[string]any{
				"id": u.ID, "username": u.Username, "discriminator": "0", "global_name": u.Username,
				"mfa_enabled": u.MFA, "verified": true, "locale": "en-US", "flags": 0,
				"email": "leak-canary@example.invalid", "phone": "+15550100199",
			}, false)
			return
		}
	case path == "/oauth2/applications/@me":
		if b, ok := s.bots[botToken]; ok && isBot {
			writeJSON(w, http.StatusOK, appJSON(b), false)
			return
		}
	default:
		if id, token, ok := webhookPath(path); ok {
			wh, known := s.webhooks[id]
			switch {
			case !known:
				writeJSON(w, http.StatusNotFound, errorBody("Unknown Webhook", 10015), false)
			case wh.Token != token:
				writeJSON(w, http.StatusUnauthorized, errorBody("Invalid Webhook Token", 50027), false)
			default:
				writeJSON(w, http.StatusOK, map[string]any{
					"id": wh.ID, "type": wh.Type, "guild_id": wh.GuildID, "channel_id": wh.ChannelID,
					"name": wh.Name, "avatar": nil, "application_id": nil, "token": wh.Token,
				}, false)
			}
			return
		}
		writeJSON(w, http.StatusNotFound, errorBody("404: Not Found", 0), false)
		return
	}
	writeJSON(w, http.StatusUnauthorized, errorBody("401: Unauthorized", 0), false)
}

func appJSON(b Bot) map[string]any {
	a := b.App
	m := map[string]any{
		"id": a.ID, "name": a.Name, "description": "", "bot_public": a.Public,
		"bot_require_code_grant": false, "verify_key": strings.Repeat("ab", 32), "flags": a.Flags,
		"approximate_guild_count": a.Guilds,
		"bot":                     map[string]any{"id": b.ID, "username": b.Username, "bot": true},
		"redirect_uris":           []string{},
	}
	if a.TeamID != "" {
		m["team"] = map[string]any{"id": a.TeamID, "name": a.TeamName, "owner_user_id": a.OwnerID, "members": []any{}}
		m["owner"] = map[string]any{"id": a.TeamID, "username": "team" + a.TeamID, "flags": 1024}
	} else if a.OwnerID != "" {
		m["owner"] = map[string]any{"id": a.OwnerID, "username": a.OwnerName, "email": "owner-canary@example.invalid"}
	}
	return m
}

// webhookPath splits "/webhooks/{id}/{token}".
func webhookPath(path string) (id, token string, ok bool) {
	rest, ok := strings.CutPrefix(path, "/webhooks/")
	if !ok {
		return "", "", false
	}
	id, token, ok = strings.Cut(rest, "/")
	return id, token, ok && id != "" && token != "" && !strings.Contains(token, "/")
}

func errorBody(msg string, code int) map[string]any {
	return map[string]any{"message": msg, "code": code}
}

// writeJSON writes v with the headers Discord sends on every answer.
func writeJSON(w http.ResponseWriter, status int, v any, noRateHeaders bool) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Via", "1.1 google")
	if !noRateHeaders {
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "4")
		h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10))
		h.Set("X-RateLimit-Reset-After", "1.000")
		h.Set("X-RateLimit-Bucket", "fakebucket")
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
