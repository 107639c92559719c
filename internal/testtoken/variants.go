package testtoken

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// webhookAt returns a discord.com webhook URL whose ID was created at t and
// whose token encodes n random bytes (51 bytes give the usual 68 characters).
func webhookAt(r *rand.Rand, t time.Time, n int) string {
	return fmt.Sprintf("https://discord.com/api/webhooks/%d/%s", Snowflake(r, t), randomBytesB64(r, n))
}

// withSeg returns token with its i-th dot-separated segment replaced by seg.
func withSeg(token string, i int, seg string) string {
	parts := strings.Split(token, ".")
	parts[i] = seg
	return strings.Join(parts, ".")
}

// setEdge returns s with the first (first=true) or last byte of s[from:]
// replaced by c, or of s[from:to] when to > 0.
func setEdge(s string, from, to int, first bool, c byte) string {
	if to <= 0 {
		to = len(s)
	}
	b := []byte(s)
	if first {
		b[from] = c
	} else {
		b[to-1] = c
	}
	return string(b)
}

// segBounds returns where the i-th dot-separated segment of token lies.
func segBounds(token string, i int) (from, to int) {
	for ; i > 0; i-- {
		from += strings.IndexByte(token[from:], '.') + 1
	}
	to = strings.IndexByte(token[from:], '.')
	if to < 0 {
		return from, len(token)
	}
	return from, from + to
}

// addEdgeKinds adds kinds that force '-' or '_' at the first or last
// position of a secret's random part, where matchers that trim or anchor on
// word characters tend to fail:
//
//	bot.seg2-first … bot.seg3_last            current tokens, segments 2 and 3
//	bot.legacy.seg2-first … bot.legacy.seg3_last  legacy tokens
//	mfa.-first … mfa._last                    the part after "mfa."
//	webhook.-first … webhook._last            the webhook token
//	secret.-first … secret._last              client secrets
func addEdgeKinds(k map[string]Generator) {
	for _, c := range []byte("-_") {
		for _, first := range []bool{true, false} {
			pos := "last"
			if first {
				pos = "first"
			}
			for _, seg := range []int{1, 2} {
				k[fmt.Sprintf("bot.seg%d%c%s", seg+1, c, pos)] = real(func(r *rand.Rand) string {
					t := BotToken(r)
					from, to := segBounds(t, seg)
					return setEdge(t, from, to, first, c)
				})
				k[fmt.Sprintf("bot.legacy.seg%d%c%s", seg+1, c, pos)] = real(func(r *rand.Rand) string {
					t := LegacyToken(r)
					from, to := segBounds(t, seg)
					return setEdge(t, from, to, first, c)
				})
			}
			k[fmt.Sprintf("mfa.%c%s", c, pos)] = real(func(r *rand.Rand) string {
				return setEdge(MFAToken(r), len("mfa."), 0, first, c)
			})
			k[fmt.Sprintf("webhook.%c%s", c, pos)] = real(func(r *rand.Rand) string {
				u := WebhookURL(r, "discord.com", "")
				return setEdge(u, strings.LastIndexByte(u, '/')+1, 0, first, c)
			})
			k[fmt.Sprintf("secret.%c%s", c, pos)] = real(func(r *rand.Rand) string {
				return setEdge(ClientSecret(r), 0, 0, first, c)
			})
		}
	}
}

// fakeSeg1 returns a token shape whose first segment encodes text instead
// of a plausible ID.
func fakeSeg1(r *rand.Rand, text string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(text)) + ".G" + RandomB64(r, 5) + "." + RandomB64(r, 38)
}

func withSeg3(token, seg3 string) string {
	return token[:strings.LastIndexByte(token, '.')+1] + seg3
}
