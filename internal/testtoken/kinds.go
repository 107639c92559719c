package testtoken

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Generator makes one value; secret is what a scanner must report ("" for
// look-alikes).
type Generator func(r *rand.Rand) (value, secret string)

func real(f func(r *rand.Rand) string) Generator {
	return func(r *rand.Rand) (string, string) { v := f(r); return v, v }
}

func fake(f func(r *rand.Rand) string) Generator {
	return func(r *rand.Rand) (string, string) { return f(r), "" }
}

func tok(spec TokenSpec) func(r *rand.Rand) string {
	return func(r *rand.Rand) string { t, _ := Token(r, spec); return t }
}

func webhook(host, version string) func(r *rand.Rand) string {
	return func(r *rand.Rand) string { return WebhookURL(r, host, version) }
}

// Kinds maps template names to generators. A kind's [Family] (the part
// before its first dot) says which rule must find it:
//
//   - bot: tokens. "bot" is a current-format token of a 2023 account
//     (19-digit ID); bot.legacy (2018, 2011 offset), bot.legacy2020 (plain
//     Unix seconds), bot.2015 and bot.2015cur (17-digit IDs), bot.2016,
//     bot.2021, bot.new18, bot.2018cur and bot.2022cur cover the ID lengths,
//     M/N/O prefixes and eras; bot.recent is two days old. The bot.seg* and
//     bot.legacy.seg* kinds force '-' or '_' at the first or last position
//     of the second or third segment.
//   - mfa: legacy "mfa." tokens, with edge variants.
//   - webhook: URLs on every host form, 17- to 19-digit IDs, a 60-character
//     token, and edge variants.
//   - secret: client secrets, with edge and alphanumeric variants.
//   - fake: look-alikes that no rule may report (they plant nothing).
//
// The encoded kinds (bot.b64, webhook.pct, mfa.hex, bot.rev, ...; see
// [EncodedKind]) write a credential encoded, escaped or reversed and plant
// the credential itself: a scanner finds them only by decoding. Their
// look-alikes (fake.b64jwt, fake.b64bin, fake.revjwt, ...) are encoded too.
var Kinds = func() map[string]Generator {
	k := baseKinds()
	addEdgeKinds(k)
	addEncodedKinds(k)
	return k
}()

// baseKinds returns the kinds other than the edge variants of [addEdgeKinds].
func baseKinds() map[string]Generator {
	return map[string]Generator{
		"bot":            real(BotToken),
		"bot.legacy":     real(LegacyToken),
		"bot.legacy2020": real(tok(TokenSpec{Created: date(2020, 11, 3), Issued: date(2021, 2, 1), Plain: true})),
		"bot.2015":       real(tok(TokenSpec{Created: date(2015, 6, 1)})),
		"bot.2015cur":    real(tok(TokenSpec{Created: date(2015, 6, 1), Current: true})),
		"bot.2016":       real(tok(TokenSpec{Created: date(2016, 3, 9)})),
		"bot.2021":       real(tok(TokenSpec{Created: date(2021, 7, 9), Plain: true})),
		"bot.new18":      real(tok(TokenSpec{Created: date(2021, 12, 24), Current: true})),
		"bot.2018cur":    real(tok(TokenSpec{Created: date(2018, 2, 11), Current: true})),
		"bot.2022cur":    real(tok(TokenSpec{Created: date(2022, 5, 30), Current: true})),
		"bot.recent":     real(tok(TokenSpec{Created: time.Now().Add(-48 * time.Hour), Current: true})),

		"mfa":            real(MFAToken),
		"webhook":        real(webhook("discord.com", "")),
		"webhook.v10":    real(webhook("discord.com", "/v10")),
		"webhook.app":    real(webhook("discordapp.com", "")),
		"webhook.ptb":    real(webhook("ptb.discord.com", "/v9")),
		"webhook.canary": real(webhook("canary.discord.com", "")),
		"webhook.www":    real(webhook("www.discordapp.com", "/v6")),
		"webhook.http": real(func(r *rand.Rand) string {
			return "http://" + strings.TrimPrefix(WebhookURL(r, "discord.com", ""), "https://")
		}),
		"webhook.bare": real(func(r *rand.Rand) string {
			return strings.TrimPrefix(WebhookURL(r, "discord.com", "/v10"), "https://")
		}),
		"webhook.17":  real(func(r *rand.Rand) string { return webhookAt(r, date(2015, 7, 20), 51) }),
		"webhook.19":  real(func(r *rand.Rand) string { return webhookAt(r, date(2024, 4, 2), 51) }),
		"webhook.t60": real(func(r *rand.Rand) string { return webhookAt(r, date(2017, 9, 1), 45) }),
		"secret":      real(ClientSecret),
		"secret.alnum": real(func(r *rand.Rand) string {
			return strings.Map(func(c rune) rune {
				if c == '-' || c == '_' {
					return 'q'
				}
				return c
			}, ClientSecret(r))
		}),

		"fake.jwt":       fake(JWT),
		"fake.b64":       fake(func(r *rand.Rand) string { return RandomB64(r, 59) }),
		"fake.future":    fake(tok(TokenSpec{Created: time.Now().AddDate(1, 0, 0), Current: true})),
		"fake.prehist":   fake(func(r *rand.Rand) string { return fakeSeg1(r, "14200704000") }),
		"fake.notdigits": fake(func(r *rand.Rand) string { return fakeSeg1(r, "abcdefghijklmnopqr") }),
		"fake.seqid":     fake(func(r *rand.Rand) string { return fakeSeg1(r, "123456789012345678") }),
		"fake.sameid":    fake(func(r *rand.Rand) string { return fakeSeg1(r, "111111111111111111") }),
		"fake.zeroid": fake(func(r *rand.Rand) string {
			return fakeSeg1(r, "0"+strconv.FormatUint(Snowflake(r, date(2015, 6, 1)), 10))
		}),
		"fake.xfill":      fake(func(r *rand.Rand) string { return withSeg3(BotToken(r), strings.Repeat("X", 38)) }),
		"fake.seq":        fake(func(r *rand.Rand) string { return withSeg3(LegacyToken(r), "abcdefghijklmnopqrstuvwxyz0") }),
		"fake.lowentropy": fake(func(r *rand.Rand) string { return withSeg3(BotToken(r), strings.Repeat("aB3", 13)[:38]) }),
		"fake.seg3long":   fake(func(r *rand.Rand) string { return BotToken(r) + RandomB64(r, 1) }),
		"fake.seg3short":  fake(func(r *rand.Rand) string { t := LegacyToken(r); return t[:len(t)-1] }),
		"fake.seg3-30":    fake(func(r *rand.Rand) string { return withSeg3(BotToken(r), RandomB64(r, 30)) }),
		"fake.seg2short":  fake(func(r *rand.Rand) string { return withSeg(LegacyToken(r), 1, RandomB64(r, 5)) }),
		"fake.seg2long":   fake(func(r *rand.Rand) string { return withSeg(BotToken(r), 1, "G"+RandomB64(r, 6)) }),
		"fake.seg1-25":    fake(func(r *rand.Rand) string { t := BotToken(r); return t[:25] + t[26:] }),
		"fake.seg1long":   fake(func(r *rand.Rand) string { return RandomB64(r, 3) + BotToken(r) }),
		"fake.b64wrap":    fake(func(r *rand.Rand) string { return RandomB64(r, 40) + LegacyToken(r) + RandomB64(r, 12) }),
		"fake.firstP":     fake(func(r *rand.Rand) string { return "P" + BotToken(r)[1:] }),
		"fake.plus":       fake(func(r *rand.Rand) string { t := BotToken(r); return t[:len(t)-20] + "+" + t[len(t)-19:] }),
		"fake.dotted":     fake(func(r *rand.Rand) string { return "x." + BotToken(r) + ".y" + RandomB64(r, 4) }),
		"fake.id":         fake(func(r *rand.Rand) string { return strconv.FormatUint(Snowflake(r, date(2022, 1, 1)), 10) }),
		"fake.id17":       fake(func(r *rand.Rand) string { return strconv.FormatUint(Snowflake(r, date(2015, 5, 1)), 10) }),
		"fake.id19":       fake(func(r *rand.Rand) string { return strconv.FormatUint(Snowflake(r, date(2025, 1, 1)), 10) }),
		"fake.futureid": fake(func(r *rand.Rand) string {
			return strconv.FormatUint(Snowflake(r, time.Now().AddDate(2, 0, 0)), 10)
		}),
		"fake.mfashort": fake(func(r *rand.Rand) string { return "mfa." + RandomB64(r, 40) }),
		"fake.mfalong":  fake(func(r *rand.Rand) string { return "mfa." + RandomB64(r, 85) }),
		"fake.webhookshort": fake(func(r *rand.Rand) string {
			return fmt.Sprintf("https://discord.com/api/webhooks/%d/%s", Snowflake(r, date(2021, 1, 1)), RandomB64(r, 40))
		}),
		"fake.webhook59": fake(func(r *rand.Rand) string {
			return fmt.Sprintf("https://discord.com/api/webhooks/%d/%s", Snowflake(r, date(2021, 1, 1)), RandomB64(r, 59))
		}),
		"fake.webhooklong": fake(func(r *rand.Rand) string {
			return fmt.Sprintf("https://discord.com/api/webhooks/%d/%s", Snowflake(r, date(2021, 1, 1)), RandomB64(r, 69))
		}),
		"fake.webhookid": fake(func(r *rand.Rand) string {
			return "https://discord.com/api/webhooks/1234/" + randomBytesB64(r, 51)
		}),
		"fake.webhookfuture": fake(func(r *rand.Rand) string {
			return fmt.Sprintf("https://discord.com/api/webhooks/%d/%s", Snowflake(r, time.Now().AddDate(1, 0, 0)), randomBytesB64(r, 51))
		}),
		"fake.webhookhost": fake(func(r *rand.Rand) string {
			return fmt.Sprintf("https://example.com/api/webhooks/%d/%s", Snowflake(r, date(2021, 1, 1)), randomBytesB64(r, 51))
		}),
		"fake.secret": fake(ClientSecret),
		"fake.hex32":  fake(func(r *rand.Rand) string { return fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64()) }),
		"fake.hex64": fake(func(r *rand.Rand) string {
			return fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())
		}),
		"fake.uuid": fake(func(r *rand.Rand) string {
			h := fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())
			return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
		}),
		"fake.oauth":  fake(func(r *rand.Rand) string { return strings.NewReplacer("-", "a", "_", "b").Replace(RandomB64(r, 30)) }),
		"fake.b64-32": fake(func(r *rand.Rand) string { return RandomB64(r, 32) }),
		"fake.b64-68": fake(func(r *rand.Rand) string { return randomBytesB64(r, 51) }),
		"fake.b64-84": fake(func(r *rand.Rand) string { return randomBytesB64(r, 63) }),
		"fake.redacted": fake(func(r *rand.Rand) string {
			t := BotToken(r)
			return t[:strings.IndexByte(t, '.')] + ".******.********"
		}),
		// fake.lbraces writes a literal "{{", for templates that show
		// "${{ secrets.X }}" or Jinja expressions.
		"fake.lbraces": fake(func(*rand.Rand) string { return "{{" }),
	}
}
