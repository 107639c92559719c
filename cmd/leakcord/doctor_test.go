package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/fakediscord"
	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules/verify"
)

func doctorRand(t *testing.T) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(t.Name()))
	return testtoken.New(h.Sum64())
}

// TestDiagnose covers every problem code with the inputs that raise it, and
// checks that cleaning recovers the token where it can.
func TestDiagnose(t *testing.T) {
	r := doctorRand(t)
	tok := testtoken.BotToken(r)
	legacy := testtoken.LegacyToken(r)
	parts := strings.Split(tok, ".")
	now := time.Now()
	for _, tc := range []struct {
		name  string
		value string
		codes []string
		clean bool // the cleaned value is tok and can be checked live
	}{
		{"ok current", tok, nil, true},
		{"ok legacy", legacy, nil, false},
		{"empty", "", []string{probEmpty}, false},
		{"only spaces", " \n\t", []string{probEmpty}, false},
		{"only quotes", `""`, []string{probQuotes, probEmpty}, false},
		{"trailing newline", tok + "\n", []string{probWhitespace}, true},
		{"crlf", tok + "\r\n", []string{probWhitespace}, true},
		{"leading space", "  " + tok, []string{probWhitespace}, true},
		{"tab", "\t" + tok, []string{probWhitespace}, true},
		{"zero-width inside", tok[:10] + "\u200b" + tok[10:], []string{probWhitespace}, true},
		{"bom", "\ufeff" + tok, []string{probWhitespace}, true},
		{"newline inside", tok[:30] + "\n" + tok[30:], []string{probWhitespace}, true},
		{"look-alike letter", strings.Replace(tok, tok[40:41], "а", 1), []string{probWhitespace}, false},
		{"double quotes", `"` + tok + `"`, []string{probQuotes}, true},
		{"single quotes", "'" + tok + "'", []string{probQuotes}, true},
		{"backticks", "`" + tok + "`", []string{probQuotes}, true},
		{"smart quotes", "“" + tok + "”", []string{probQuotes}, true},
		{"lone quote", `"` + tok, []string{probQuotes}, true},
		{"bot prefix", "Bot " + tok, []string{probBotPrefix}, true},
		{"bot prefix lower", "bot  " + tok, []string{probBotPrefix}, true},
		{"everything", ` "Bot ` + tok + "\"\n", []string{probWhitespace, probQuotes, probBotPrefix}, true},
		{"two parts", parts[0] + parts[1] + "." + parts[2], []string{probSegments}, false},
		{"four parts", tok + ".abc", []string{probSegments}, false},
		{"empty part", parts[0] + ".." + parts[2], []string{probSegments}, false},
		{"mfa token", testtoken.MFAToken(r), []string{probSegments}, false},
		{"plus sign", tok[:50] + "+" + tok[51:], []string{probAlphabet}, false},
		{"slash", tok[:50] + "/" + tok[51:], []string{probAlphabet}, false},
		{"comma", tok + ",", []string{probAlphabet}, false},
		{"bad id", "Z" + tok[1:], []string{probBadID}, false},
		{"bad id digit", parts[0][:5] + "!" + parts[0][6:] + "." + parts[1] + "." + parts[2], []string{probAlphabet}, false},
		{"mistyped id", parts[0][:6] + "zz" + parts[0][8:] + "." + parts[1] + "." + parts[2], []string{probBadID}, false},
		{"cut seg3", tok[:len(tok)-5], []string{probTruncated}, false},
		{"cut seg1", parts[0][:20] + "." + parts[1] + "." + parts[2], []string{probTruncated}, false},
		{"cut seg2", parts[0] + "." + parts[1][:4] + "." + parts[2], []string{probTruncated}, false},
		{"too long", tok + "abc", []string{probSegments}, false},
		{"client secret", testtoken.ClientSecret(r), []string{probClientSecret}, false},
		{"public key", fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64()), []string{probPublicKey}, false},
		{"application id", strconv.FormatUint(testtoken.Snowflake(r, time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)), 10), []string{probApplicationID}, false},
		{"webhook url", testtoken.WebhookURL(r, "discord.com", "/v10"), []string{probWebhookURL}, false},
		{"quoted webhook url", `"` + testtoken.WebhookURL(r, "discord.com", "") + `"`, []string{probQuotes, probWebhookURL}, false},
		{"oauth token", strings.NewReplacer("-", "a", "_", "b").Replace(testtoken.RandomB64(r, 30)), []string{probOAuthToken}, false},
		{"placeholder", parts[0] + "." + parts[1] + "." + strings.Repeat("x", 38), []string{probExampleToken}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := diagnose(tc.value, now)
			var codes []string
			for _, p := range d.problems {
				codes = append(codes, p.Code)
				if p.Message == "" || p.Fix == "" {
					t.Errorf("%s: empty message or fix", p.Code)
				}
				for _, s := range []string{tc.value, strings.TrimSpace(tc.value), tok, parts[2]} {
					if len(s) > 8 && (strings.Contains(p.Message, s) || strings.Contains(p.Fix, s)) {
						t.Errorf("%s: the message quotes the value", p.Code)
					}
				}
			}
			if !slices.Equal(codes, tc.codes) {
				t.Errorf("problems %v, want %v", codes, tc.codes)
			}
			if got := d.cleanable() && d.cleaned == tok; got != tc.clean {
				t.Errorf("cleanable to the token: %v, want %v", got, tc.clean)
			}
		})
	}
}

// doctorRun runs leakcord doctor in-process against fake.
func doctorRun(t *testing.T, fake *fakediscord.Server, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if fake != nil {
		t.Setenv(verify.EnvBaseURL, fake.URL())
	}
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"doctor"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func assertNoToken(t *testing.T, tok string, outputs ...string) {
	t.Helper()
	seg3 := tok[strings.LastIndexByte(tok, '.')+1:]
	for _, o := range outputs {
		if strings.Contains(o, tok) || strings.Contains(o, seg3) {
			t.Errorf("output holds the token:\n%s", o)
		}
	}
}

// TestDoctorLive checks each live status and its exit code, with the token
// in $DISCORD_TOKEN.
func TestDoctorLive(t *testing.T) {
	for _, tc := range []struct {
		name   string
		prep   func(fake *fakediscord.Server, tok string)
		status string
		code   int
		want   []string
	}{
		{"valid", func(f *fakediscord.Server, tok string) {
			f.AddBot(tok, fakediscord.Bot{Username: "alert-bot", App: fakediscord.App{Name: "Alerts", Public: true, Guilds: 12, Flags: 1 << 18}})
		}, doctorValid, 0, []string{"identity: bot alert-bot", "application Alerts", "public bot", "in about 12 servers",
			"privileged intents: message_content", "note: privileged intents enabled", "note: Public Bot is on", "result: valid"}},
		{"invalid", nil, doctorInvalid, 1, []string{"live: invalid", "result: invalid", "revokes a token by itself", "/bot (Reset Token)"}},
		{"forbidden", func(f *fakediscord.Server, tok string) { f.Always(tok, fakediscord.Forbidden(40002, "verify")) },
			doctorForbidden, 2, []string{"result: forbidden", "403"}},
		{"rate limited", func(f *fakediscord.Server, tok string) {
			f.Always(tok, fakediscord.RateLimited(2*time.Minute, false, "user"))
		}, doctorRateLimited, 2, []string{"result: rate_limited", "wait 2m0s"}},
		{"cloudflare", func(f *fakediscord.Server, tok string) { f.Always(tok, fakediscord.CloudflareBan()) },
			doctorRateLimited, 2, []string{"result: rate_limited"}},
		{"server error", func(f *fakediscord.Server, tok string) { f.Always(tok, fakediscord.ServerError(502)) },
			doctorUnreachable, 2, []string{"result: unreachable", "not a token problem"}},
		{"timeout", func(f *fakediscord.Server, tok string) { f.Always(tok, fakediscord.Slow(5*time.Second)) },
			doctorUnreachable, 2, []string{"result: unreachable", "no answer within 100ms"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakediscord.NewTest(t)
			tok := testtoken.BotToken(doctorRand(t))
			if tc.prep != nil {
				tc.prep(fake, tok)
			}
			t.Setenv("DISCORD_TOKEN", tok)
			// 1s leaves room for the second request of a valid bot, paced
			// 200ms after the first; the slow answer needs a short one.
			timeout := "1s"
			if tc.status == doctorUnreachable {
				timeout = "100ms"
			}
			code, out, errs := doctorRun(t, fake, "", "--timeout", timeout)
			if code != tc.code {
				t.Errorf("exit code %d, want %d\n%s%s", code, tc.code, out, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			assertNoToken(t, tok, out, errs)

			code, out, _ = doctorRun(t, fake, "", "--timeout", timeout, "-f", "json")
			var rep doctorReport
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("JSON: %v\n%s", err, out)
			}
			if rep.Status != tc.status || code != tc.code || rep.Live == nil || rep.Live.Checked != "as given" {
				t.Errorf("JSON status %q live %+v (exit %d), want %q", rep.Status, rep.Live, code, tc.status)
			}
			if rep.Source != "env:DISCORD_TOKEN" || rep.Token == nil || rep.Token.Format != "current" || len(rep.Problems) != 0 {
				t.Errorf("JSON source %q token %+v problems %v", rep.Source, rep.Token, rep.Problems)
			}
		})
	}
}

// TestDoctorUnreachable checks a network failure: exit 2, "unreachable".
func TestDoctorUnreachable(t *testing.T) {
	fake := fakediscord.Start()
	fake.Close()
	tok := testtoken.BotToken(doctorRand(t))
	t.Setenv("DISCORD_TOKEN", tok)
	code, out, errs := doctorRun(t, fake, "")
	if code != 2 || !strings.Contains(out, "result: unreachable") || !strings.Contains(out, "network error") {
		t.Errorf("exit %d:\n%s%s", code, out, errs)
	}
	assertNoToken(t, tok, out, errs)
}

// TestDoctorCleaned checks that a value that only needs cleaning is
// malformed (exit 1) and that the cleaned value's live result is reported.
func TestDoctorCleaned(t *testing.T) {
	fake := fakediscord.NewTest(t)
	tok := testtoken.BotToken(doctorRand(t))
	fake.AddBot(tok, fakediscord.Bot{})
	t.Setenv("DISCORD_TOKEN", "Bot "+tok+"\n")
	code, out, errs := doctorRun(t, fake, "", "-f", "json")
	var rep doctorReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	if code != 1 || rep.Status != doctorMalformed || rep.Live == nil || rep.Live.Status != doctorValid || rep.Live.Checked != "cleaned" {
		t.Errorf("exit %d, report %+v, live %+v", code, rep, rep.Live)
	}
	if len(rep.Problems) != 2 || rep.Problems[0].Code != probWhitespace || rep.Problems[1].Code != probBotPrefix {
		t.Errorf("problems %+v", rep.Problems)
	}
	if !strings.Contains(rep.Advice, `Remove the whitespace and the "Bot " prefix and the token works`) {
		t.Errorf("advice %q", rep.Advice)
	}
	if rep.Identity["kind"] != "bot" {
		t.Errorf("identity %v", rep.Identity)
	}
	assertNoToken(t, tok, out, errs)

	// A value that cleaning cannot fix is not sent.
	t.Setenv("DISCORD_TOKEN", tok[:len(tok)-3])
	before := len(fake.Requests())
	code, out, _ = doctorRun(t, fake, "")
	if code != 1 || !strings.Contains(out, "truncated:") || strings.Contains(out, "live") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if len(fake.Requests()) != before {
		t.Error("a malformed value was sent to Discord")
	}
}

// TestDoctorInput checks where doctor reads the token from: the variable
// --env names, stdin with "-" (one line break ignored), never an argument.
func TestDoctorInput(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := doctorRand(t)
	tok, other := testtoken.BotToken(r), testtoken.BotToken(r)
	fake.AddBot(tok, fakediscord.Bot{})
	t.Setenv("DISCORD_TOKEN", other) // rejected by the fake

	if code, out, _ := doctorRun(t, fake, ""); code != 1 || !strings.Contains(out, "from $DISCORD_TOKEN") {
		t.Errorf("default variable: exit %d\n%s", code, out)
	}
	t.Setenv("MY_BOT_TOKEN", tok)
	if code, out, _ := doctorRun(t, fake, "", "--env", "MY_BOT_TOKEN"); code != 0 || !strings.Contains(out, "from $MY_BOT_TOKEN") {
		t.Errorf("--env: exit %d\n%s", code, out)
	}
	t.Setenv("UNSET_TOKEN", "")
	if code, out, _ := doctorRun(t, fake, "", "--env", "UNSET_TOKEN"); code != 1 || !strings.Contains(out, "UNSET_TOKEN is not set, or empty") {
		t.Errorf("unset: exit %d\n%s", code, out)
	}
	for _, in := range []string{tok, tok + "\n", tok + "\r\n"} {
		if code, out, _ := doctorRun(t, fake, in, "-"); code != 0 || !strings.Contains(out, "from stdin") {
			t.Errorf("stdin %q: exit %d\n%s", in[len(tok):], code, out)
		}
	}
	if code, out, _ := doctorRun(t, fake, tok+"\n\n", "-"); code != 1 || !strings.Contains(out, "whitespace:") {
		t.Errorf("stdin with two newlines: exit %d\n%s", code, out)
	}
	if code, _, errs := doctorRun(t, fake, strings.Repeat("x", maxDoctorInput+1), "-"); code != 2 || !strings.Contains(errs, "more than 64 KiB") {
		t.Errorf("huge stdin: exit %d\n%s", code, errs)
	}

	// A token as an argument: a warning, a refusal, exit 2, and the token
	// neither printed nor sent.
	before := len(fake.Requests())
	code, out, errs := doctorRun(t, fake, "", tok)
	if code != 2 || out != "" || !strings.Contains(errs, "leakcord: warning: never pass a token as an argument") ||
		!strings.Contains(errs, "error: doctor does not read a token from its arguments") || !strings.Contains(errs, "hint: ") {
		t.Errorf("argv: exit %d\nstdout %q\nstderr %s", code, out, errs)
	}
	assertNoToken(t, tok, out, errs)
	if len(fake.Requests()) != before {
		t.Error("a token given as an argument was sent")
	}
	if code, _, errs := doctorRun(t, fake, tok, "--env", "X", "-"); code != 2 || !strings.Contains(errs, "not both") {
		t.Errorf("--env and -: exit %d\n%s", code, errs)
	}
	if code, _, errs := doctorRun(t, fake, tok, "-f", "xml", "-"); code != 2 || !strings.Contains(errs, "unknown format") {
		t.Errorf("-f xml: exit %d\n%s", code, errs)
	}
}

// TestDoctorOffline checks that --offline sends nothing.
func TestDoctorOffline(t *testing.T) {
	fake := fakediscord.NewTest(t)
	tok := testtoken.LegacyToken(doctorRand(t))
	code, out, _ := doctorRun(t, fake, tok, "--offline", "-")
	if code != 0 || !strings.Contains(out, "result: well_formed") || !strings.Contains(out, "legacy format, token issued") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, out, _ = doctorRun(t, fake, "'"+tok+"'", "--offline", "-")
	if code != 1 || !strings.Contains(out, "quotes:") {
		t.Errorf("quoted: exit %d\n%s", code, out)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Errorf("%d requests with --offline", n)
	}
}

// TestDoctorTimeoutRateLimited is the regression test for doctor waiting out
// two 30s Retry-After answers (60s in all) with --timeout 10s: --timeout
// bounds the whole check, so a wait longer than what is left ends it at
// once as rate_limited, with the wait shown.
func TestDoctorTimeoutRateLimited(t *testing.T) {
	for _, tc := range []struct {
		name       string
		retryAfter time.Duration
		requests   int
		want       string
	}{
		{"longer than the timeout", 30 * time.Second, 1, "wait 30s"},
		{"second wait longer than what is left", 700 * time.Millisecond, 2, "wait 700ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakediscord.NewTest(t)
			tok := testtoken.BotToken(doctorRand(t))
			fake.Always(tok, fakediscord.RateLimited(tc.retryAfter, false, "user"))
			start := time.Now()
			code, out, errs := doctorRun(t, fake, tok+"\n", "--timeout", "1s", "-")
			if d := time.Since(start); d > 1200*time.Millisecond {
				t.Errorf("doctor took %s with --timeout 1s", d)
			}
			if code != 2 || !strings.Contains(out, "result: rate_limited") || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, want 2, rate_limited and %q:\n%s%s", code, tc.want, out, errs)
			}
			if n := len(fake.Requests()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
			assertNoToken(t, tok, out, errs)
		})
	}
}
