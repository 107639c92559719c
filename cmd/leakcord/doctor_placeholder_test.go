package main

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// TestDiagnosePlaceholder is the regression test for placeholders and JWTs
// diagnosed as typos: "xxxx….xxxxxx.xxxx…" was bad_id, "YOUR.TOKEN.HERE"
// truncated and a JWT segments ("something was pasted onto it"). They are
// example_token and jwt, and a placeholder is never sent to Discord.
func TestDiagnosePlaceholder(t *testing.T) {
	r := doctorRand(t)
	tok := testtoken.BotToken(r)
	parts := strings.Split(tok, ".")
	x := strings.Repeat
	for _, tc := range []struct {
		name  string
		value string
		codes []string
		says  string // in the first problem's message
	}{
		{"x filler token", x("x", 24) + "." + x("x", 6) + "." + x("x", 27), []string{probExampleToken}, "filler"},
		{"X filler current", x("X", 26) + "." + x("X", 6) + "." + x("X", 38), []string{probExampleToken}, "filler"},
		{"zeros", x("0", 24) + "." + x("0", 6) + "." + x("0", 27), []string{probExampleToken}, "filler"},
		{"filler last part", parts[0] + "." + parts[1] + "." + x("x", 38), []string{probExampleToken}, "filler"},
		{"filler without dots", x("x", 59), []string{probExampleToken}, "filler"},
		{"filler client secret", x("x", 32), []string{probExampleToken}, "filler"},
		{"filler public key", x("0", 64), []string{probExampleToken}, "filler"},
		{"filler ID", x("1", 18), []string{probExampleToken}, "filler"},
		{"alphabet", "abcdefghijklmnopqrstuvwx.abcdef.abcdefghijklmnopqrstuvwxyza", []string{probExampleToken}, "filler"},
		{"filler mfa", "mfa." + x("x", 84), []string{probExampleToken}, "filler"},
		{"dots", "YOUR.TOKEN.HERE", []string{probExampleToken}, "placeholder text"},
		{"underscores", "YOUR_TOKEN_HERE", []string{probExampleToken}, "placeholder text"},
		{"words", "your bot token goes here", []string{probExampleToken}, "placeholder text"},
		{"camel case", "YourBotTokenHere", []string{probExampleToken}, "placeholder text"},
		{"variable name", "DISCORD_TOKEN", []string{probExampleToken}, "placeholder text"},
		{"undefined", "undefined", []string{probExampleToken}, "placeholder text"},
		{"changeme", "changeme", []string{probExampleToken}, "placeholder text"},
		{"quoted", `"PASTE_YOUR_TOKEN_HERE"`, []string{probQuotes, probExampleToken}, "the value is wrapped in quotes"},
		{"shell", "${DISCORD_TOKEN}", []string{probExampleToken}, "template reference (${…})"},
		{"shell default", "${DISCORD_TOKEN:-changeme}", []string{probExampleToken}, "template reference (${…})"},
		{"shell bare", "$DISCORD_TOKEN", []string{probExampleToken}, "template reference ($NAME)"},
		{"command", "$(cat /run/secrets/token)", []string{probExampleToken}, "template reference ($(…))"},
		{"angle", "<token>", []string{probExampleToken}, "template reference (<…>)"},
		{"angle words", "<YOUR BOT TOKEN>", []string{probExampleToken}, "template reference (<…>)"},
		{"mustache", "{{ .Values.discord.token }}", []string{probExampleToken}, "template reference ({{…}})"},
		{"github actions", "${{ secrets.DISCORD_TOKEN }}", []string{probExampleToken}, "template reference (${…})"},
		{"windows", "%DISCORD_TOKEN%", []string{probExampleToken}, "template reference (%…%)"},
		{"bot prefix", "Bot <token>", []string{probBotPrefix, probExampleToken}, `the value starts with "Bot "`},
		{"jwt", testtoken.JWT(r), []string{probJWT}, "JSON Web Token"},
		{"jwt with newline", testtoken.JWT(r) + "\n", []string{probWhitespace, probJWT}, "the value has a trailing newline"},
		// Not placeholders: what the other checks say stands.
		{"token", tok, nil, ""},
		{"mistyped id", parts[0][:6] + "zz" + parts[0][8:] + "." + parts[1] + "." + parts[2], []string{probBadID}, "mistyped"},
		{"cut", tok[:len(tok)-30], []string{probTruncated}, "cut off"},
		{"client secret", testtoken.ClientSecret(r), []string{probClientSecret}, "client secret"},
		{"application id", strconv.FormatUint(testtoken.Snowflake(r, time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)), 10),
			[]string{probApplicationID}, "Discord ID"},
		{"webhook template", "https://discord.com/api/webhooks/{id}/{token}", []string{probWebhookURL}, "URL"},
		{"one word", "hello", []string{probSegments}, "three parts"},
		// A real token left between a template's brackets is a token with
		// stray characters, not a template never filled in.
		{"token in angle brackets", "<" + tok + ">", []string{probAlphabet}, ""},
		{"token in braces", "{{" + tok + "}}", []string{probAlphabet}, ""},
		{"token after $", "$" + tok, []string{probAlphabet}, ""},
		{"token in percents", "%" + tok + "%", []string{probAlphabet}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := diagnose(tc.value, time.Now())
			var codes []string
			for _, p := range d.problems {
				codes = append(codes, p.Code)
				if p.Message == "" || p.Fix == "" {
					t.Errorf("%s: empty message or fix", p.Code)
				}
			}
			if !slices.Equal(codes, tc.codes) {
				t.Errorf("problems %v, want %v", codes, tc.codes)
			}
			if tc.says != "" && (len(d.problems) == 0 || !strings.Contains(d.problems[0].Message, tc.says)) {
				t.Errorf("first problem %+v, want it to say %q", d.problems, tc.says)
			}
			if slices.Contains(tc.codes, probExampleToken) && d.cleanable() {
				t.Error("a placeholder would be checked live")
			}
		})
	}
}

// TestFillerRandom checks that the random last part of a token, cut or
// whole, is not taken for filler: the rules' check is built for parts of
// 27 characters and more, doctor also applies it to what is left of a cut
// one.
func TestFillerRandom(t *testing.T) {
	r := doctorRand(t)
	const n = 20000
	for size := 6; size <= 38; size++ {
		bad := 0
		for range n {
			if filler(testtoken.RandomB64(r, 24) + "." + testtoken.RandomB64(r, 6) + "." + testtoken.RandomB64(r, size)) {
				bad++
			}
		}
		if bad > 2 {
			t.Errorf("%d of %d random last parts of %d characters taken for filler", bad, n, size)
		}
	}
}
