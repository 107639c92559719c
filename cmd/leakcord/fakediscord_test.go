package main

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/leakcord/leakcord/internal/fakediscord"
	"github.com/leakcord/leakcord/rules/verify"
)

// fakeKey is the testscript value under which a script's fake API is kept.
type fakeKey struct{}

// startFakeDiscord starts a fake Discord API for one script, points
// LEAKCORD_DISCORD_API_URL at it, and fails the script if anything but GET
// reached it.
func startFakeDiscord(env *testscript.Env) {
	fake := fakediscord.Start()
	env.Setenv(verify.EnvBaseURL, fake.URL())
	env.Values[fakeKey{}] = fake
	env.Defer(func() {
		fake.Close()
		if v := fake.Violations(); len(v) > 0 {
			env.T().Fatal("the fake Discord API received requests other than GET: " + strings.Join(v, "; "))
		}
	})
}

// cmdDiscord sets up and queries the script's fake Discord API. N is the
// 1-based index of a planted secret (in the order expand planted them).
//
//	discord bot N [guilds=G] [intents=a,b] [public=true] [name=NAME]
//	                                   register secret N as a live bot token
//	discord user N                     register secret N as a live user token
//	discord webhook N                  register secret N (a webhook URL) as live
//	discord respond N KIND [SECONDS]   always answer requests about secret N with
//	                                   KIND: forbidden, ratelimit, cloudflare, 503, slow
//	discord requests COUNT [N]         require COUNT requests in all (or about secret N)
//	discord waitrequests COUNT         wait (up to 10s) until COUNT requests arrived
//	discord methods                    require that every request was a GET
//	discord env VAR N [PREFIX [SUFFIX]]
//	                                   set VAR to secret N wrapped in PREFIX and
//	                                   SUFFIX (Go string escapes such as \n work)
//	discord file NAME N [PREFIX [SUFFIX]]
//	                                   the same, written to the file NAME
func cmdDiscord(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: discord bot|user|webhook|respond|requests|waitrequests|methods|env|file ...")
	}
	fake := ts.Value(fakeKey{}).(*fakediscord.Server)
	planted := strings.Fields(ts.Getenv("PLANTED"))
	secret := func(arg string) string {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 || n > len(planted) {
			ts.Fatalf("discord: no planted secret %q (have %d)", arg, len(planted))
		}
		return planted[n-1]
	}
	key := func(s string) string {
		if id, _, ok := splitHook(s); ok {
			return id
		}
		return s
	}
	wrap := func(args []string) string {
		s := secret(args[0])
		if len(args) > 1 {
			s = unescape(ts, args[1]) + s
		}
		if len(args) > 2 {
			s += unescape(ts, args[2])
		}
		return s
	}
	switch cmd, rest := args[0], args[1:]; {
	case cmd == "bot" && len(rest) >= 1:
		b := fakediscord.Bot{Username: "alert-bot", App: fakediscord.App{Name: "Alerts", OwnerID: "80351110224678912", OwnerName: "ada"}}
		for _, kv := range rest[1:] {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "guilds":
				b.App.Guilds, _ = strconv.Atoi(v)
			case "public":
				b.App.Public = v == "true"
			case "name":
				b.Username, b.App.Name = v, v
			case "intents":
				for _, in := range strings.Split(v, ",") {
					b.App.Flags |= map[string]uint64{"presence": 1 << 12, "server_members": 1 << 14, "message_content": 1 << 18}[in]
				}
			default:
				ts.Fatalf("discord bot: unknown option %q", kv)
			}
		}
		fake.AddBot(secret(rest[0]), b)
	case cmd == "user" && len(rest) == 1:
		fake.AddUser(secret(rest[0]), fakediscord.User{Username: "someone"})
	case cmd == "webhook" && len(rest) == 1:
		id, tok, ok := splitHook(secret(rest[0]))
		if !ok {
			ts.Fatalf("discord webhook: secret %s is not a webhook URL", rest[0])
		}
		fake.AddWebhook(fakediscord.Webhook{ID: id, Token: tok, Name: "deploys", GuildID: "80351110224678914", ChannelID: "80351110224678915"})
	case cmd == "respond" && len(rest) >= 2:
		secs := 0.0
		if len(rest) > 2 {
			secs, _ = strconv.ParseFloat(rest[2], 64)
		}
		d := time.Duration(secs * float64(time.Second))
		var r fakediscord.Response
		switch rest[1] {
		case "forbidden":
			r = fakediscord.Forbidden(40002, "You need to verify your account in order to perform this action.")
		case "ratelimit":
			r = fakediscord.RateLimited(d, false, "user")
		case "cloudflare":
			r = fakediscord.CloudflareBan()
		case "503":
			r = fakediscord.ServerError(503)
		case "slow":
			r = fakediscord.Slow(d)
		default:
			ts.Fatalf("discord respond: unknown kind %q", rest[1])
		}
		fake.Always(key(secret(rest[0])), r)
	case cmd == "requests" && (len(rest) == 1 || len(rest) == 2):
		want, err := strconv.Atoi(rest[0])
		if err != nil {
			ts.Fatalf("discord requests: bad count %q", rest[0])
		}
		got := len(fake.Requests())
		if len(rest) == 2 {
			got = fake.Count(key(secret(rest[1])))
		}
		if got != want {
			ts.Fatalf("discord: %d requests, want %d", got, want)
		}
	case cmd == "waitrequests" && len(rest) == 1:
		want, err := strconv.Atoi(rest[0])
		if err != nil {
			ts.Fatalf("discord waitrequests: bad count %q", rest[0])
		}
		for deadline := time.Now().Add(10 * time.Second); len(fake.Requests()) < want; {
			if time.Now().After(deadline) {
				ts.Fatalf("discord: %d requests after 10s, want %d", len(fake.Requests()), want)
			}
			time.Sleep(10 * time.Millisecond)
		}
	case cmd == "methods" && len(rest) == 0:
		for _, r := range fake.Requests() {
			if r.Method != "GET" {
				ts.Fatalf("discord: %s %s was sent", r.Method, r.Path)
			}
		}
	case cmd == "env" && len(rest) >= 2 && len(rest) <= 4:
		ts.Setenv(rest[0], wrap(rest[1:]))
	case cmd == "file" && len(rest) >= 2 && len(rest) <= 4:
		if err := os.WriteFile(ts.MkAbs(rest[0]), []byte(wrap(rest[1:])), 0o600); err != nil {
			ts.Fatalf("discord file: %v", err)
		}
	default:
		ts.Fatalf("discord: bad arguments %q", args)
	}
}

// splitHook returns the ID and token of a webhook URL.
func splitHook(u string) (id, token string, ok bool) {
	i := strings.LastIndex(u, "/webhooks/")
	if i < 0 {
		return "", "", false
	}
	id, token, ok = strings.Cut(u[i+len("/webhooks/"):], "/")
	return id, token, ok
}

// unescape interprets Go string escapes in s.
func unescape(ts *testscript.TestScript, s string) string {
	u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
	if err != nil {
		ts.Fatalf("discord: bad escapes in %q", s)
	}
	return u
}
