package corpus

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
)

// kinds are the generators plant templates may name as {{kind}}: those of
// testtoken.Kinds and a few more host variants and look-alikes. Every kind
// is planted at least once (see kindPlants).
var kinds = func() map[string]testtoken.Generator {
	k := maps.Clone(testtoken.Kinds)
	real := func(f func(r *rand.Rand) string) testtoken.Generator {
		return func(r *rand.Rand) (string, string) { v := f(r); return v, v }
	}
	fake := func(f func(r *rand.Rand) string) testtoken.Generator {
		return func(r *rand.Rand) (string, string) { return f(r), "" }
	}
	hook := func(host, version string) testtoken.Generator {
		return real(func(r *rand.Rand) string { return testtoken.WebhookURL(r, host, version) })
	}
	k["webhook.wwwcom"] = hook("www.discord.com", "/v10")
	k["webhook.ptbapp"] = hook("ptb.discordapp.com", "/v6")
	k["webhook.canaryapp"] = hook("canary.discordapp.com", "/v8")

	sf := func(r *rand.Rand) uint64 { return testtoken.Snowflake(r, time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)) }
	alnum := func(r *rand.Rand, n int) string {
		const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		b := make([]byte, n)
		for i := range b {
			b[i] = a[r.IntN(len(a))]
		}
		return string(b)
	}
	hex := func(r *rand.Rand, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = hexDigits[r.IntN(16)]
		}
		return string(b)
	}
	k["fake.invite"] = fake(func(r *rand.Rand) string { return "https://discord.gg/" + alnum(r, 8) })
	k["fake.invite2"] = fake(func(r *rand.Rand) string { return "https://discord.com/invite/" + alnum(r, 10) })
	k["fake.cdn"] = fake(func(r *rand.Rand) string {
		return fmt.Sprintf("https://cdn.discordapp.com/attachments/%d/%d/screenshot.png?ex=%s&is=%s&hm=%s&",
			sf(r), sf(r), hex(r, 8), hex(r, 8), hex(r, 64))
	})
	k["fake.media"] = fake(func(r *rand.Rand) string {
		return fmt.Sprintf("https://media.discordapp.net/attachments/%d/%d/image.png?width=%d&height=%d", sf(r), sf(r), 400+r.IntN(800), 300+r.IntN(600))
	})
	k["fake.avatar"] = fake(func(r *rand.Rand) string {
		return fmt.Sprintf("https://cdn.discordapp.com/avatars/%d/a_%s.gif?size=256", sf(r), hex(r, 32))
	})
	k["fake.msgurl"] = fake(func(r *rand.Rand) string {
		return fmt.Sprintf("https://discord.com/channels/%d/%d/%d", sf(r), sf(r), sf(r))
	})
	k["fake.oauthurl"] = fake(func(r *rand.Rand) string {
		return fmt.Sprintf("https://discord.com/oauth2/authorize?client_id=%d&permissions=274877975552&scope=bot%%20applications.commands", sf(r))
	})
	k["fake.webhooktmpl"] = fake(func(*rand.Rand) string { return "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}" })
	k["fake.webhookenv"] = fake(func(*rand.Rand) string { return "https://discord.com/api/webhooks/${WEBHOOK_ID}/${WEBHOOK_TOKEN}" })
	k["fake.webhookx"] = fake(func(r *rand.Rand) string {
		return fmt.Sprintf("https://discord.com/api/webhooks/%d/%s", sf(r), strings.Repeat("x", 68))
	})
	k["fake.webhookseq"] = fake(func(*rand.Rand) string {
		return "https://discord.com/api/webhooks/123456789012345678/" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_abcd"
	})
	k["fake.mfax"] = fake(func(*rand.Rand) string { return "mfa." + strings.Repeat("x", 84) })
	k["fake.ellipsis"] = fake(func(r *rand.Rand) string { t := testtoken.BotToken(r); return t[:12] + "…" + t[len(t)-4:] })
	k["fake.tokenword"] = fake(func(*rand.Rand) string { return "YOUR_BOT_TOKEN_HERE" })
	k["fake.envref"] = fake(func(*rand.Rand) string { return "${DISCORD_TOKEN}" })
	k["fake.envref2"] = fake(func(*rand.Rand) string { return "%DISCORD_BOT_TOKEN%" })
	k["fake.secretx"] = fake(func(*rand.Rand) string { return strings.Repeat("x", 32) })
	k["fake.secretseq"] = fake(func(*rand.Rand) string { return "abcdefghijklmnopqrstuvwxyz012345" })
	k["fake.secretword"] = fake(func(*rand.Rand) string { return "your_client_secret_here" })
	k["fake.secretenv"] = fake(func(*rand.Rand) string { return "${DISCORD_CLIENT_SECRET}" })
	k["fake.google"] = fake(func(r *rand.Rand) string { return "GOCSPX-" + testtoken.RandomB64(r, 28) })
	k["fake.hex40"] = fake(func(r *rand.Rand) string { return hex(r, 40) })
	return k
}()

// ruleOf returns the rule that must report a real kind, from its family.
func ruleOf(kind string) string {
	switch testtoken.Family(kind) {
	case "bot":
		return rules.IDBotToken
	case "mfa":
		return rules.IDMFAToken
	case "webhook":
		return rules.IDWebhookURL
	case "secret":
		return rules.IDClientSecret
	}
	panic("corpus: no rule for kind " + kind)
}

// expanded is a plant template after expansion.
type expanded struct {
	text    string
	planted []plantedValue
}

type plantedValue struct {
	kind   string
	secret string // "" for a look-alike
}

// expand replaces each {{kind}} in s with a generated value. It panics on
// an unknown kind.
func expand(r *rand.Rand, s string) expanded {
	var out strings.Builder
	var e expanded
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			out.WriteString(s)
			e.text = out.String()
			return e
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			panic("corpus: unclosed {{ in plant template")
		}
		kind := s[i+2 : i+j]
		gen, ok := kinds[kind]
		if !ok {
			panic("corpus: unknown kind " + kind)
		}
		v, secret := gen(r)
		out.WriteString(s[:i])
		out.WriteString(v)
		e.planted = append(e.planted, plantedValue{kind: kind, secret: secret})
		s = s[i+j+2:]
	}
}
