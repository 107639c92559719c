// Package testtoken generates realistic Discord credentials and look-alikes
// at test time, so that the repository never holds a credential-shaped
// literal. Generators take a *rand.Rand: seed it for reproducible tests.
//
// [Expand] fills templates such as "token = '{{bot}}'" used by the rule
// vector files and the benchmark corpus.
package testtoken

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

const (
	discordEpochMs = 1420070400000
	tokenEpoch2011 = 1293840000
	b64chars       = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
)

// New returns a generator seeded with seed.
func New(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// Snowflake returns a snowflake ID created at t with random low bits.
func Snowflake(r *rand.Rand, t time.Time) uint64 {
	return uint64(t.UnixMilli()-discordEpochMs)<<22 | r.Uint64N(1<<22)
}

// RandomB64 returns n random base64url characters.
func RandomB64(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = b64chars[r.IntN(len(b64chars))]
	}
	return string(b)
}

// randomBytesB64 encodes n random bytes as unpadded base64url, as Discord
// does for HMACs (so spare bits are zero).
func randomBytesB64(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// TokenSpec describes a token to generate.
type TokenSpec struct {
	Created time.Time // account creation (snowflake time)
	Issued  time.Time // token time; for legacy tokens only
	Current bool      // 38-character HMAC (since 2022) instead of 27
	Plain   bool      // legacy second segment as plain Unix seconds (2020-2022) instead of the 2011 offset
}

// Token returns a token for spec and the account ID it encodes.
func Token(r *rand.Rand, spec TokenSpec) (token, id string) {
	id = strconv.FormatUint(Snowflake(r, spec.Created), 10)
	seg1 := base64.RawURLEncoding.EncodeToString([]byte(id))
	var seg2, seg3 string
	if spec.Current {
		seg2 = "G" + RandomB64(r, 5)
		seg3 = RandomB64(r, 38)
	} else {
		issued := spec.Issued
		if issued.IsZero() {
			issued = spec.Created.Add(time.Duration(r.IntN(1000)) * time.Hour)
		}
		sec := issued.Unix()
		if !spec.Plain {
			sec -= tokenEpoch2011
		}
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(sec))
		seg2 = base64.RawURLEncoding.EncodeToString(b[:])
		seg3 = randomBytesB64(r, 20)
	}
	return seg1 + "." + seg2 + "." + seg3, id
}

// BotToken returns a current-format token of an account created in 2023.
func BotToken(r *rand.Rand) string {
	t, _ := Token(r, TokenSpec{Created: date(2023, 3, 14), Current: true})
	return t
}

// LegacyToken returns a 59-character token of an account created in 2018.
func LegacyToken(r *rand.Rand) string {
	t, _ := Token(r, TokenSpec{Created: date(2018, 5, 2)})
	return t
}

// MFAToken returns a legacy "mfa." user token.
func MFAToken(r *rand.Rand) string { return "mfa." + randomBytesB64(r, 63) }

// WebhookURL returns a webhook URL on host (e.g. "discord.com") with an
// optional API version path such as "/v10".
func WebhookURL(r *rand.Rand, host, version string) string {
	id := Snowflake(r, date(2021, 8, 9))
	return fmt.Sprintf("https://%s/api%s/webhooks/%d/%s", host, version, id, randomBytesB64(r, 51))
}

// ClientSecret returns a 32-character OAuth2 client secret.
func ClientSecret(r *rand.Rand) string { return randomBytesB64(r, 24) }

// JWT returns a JSON Web Token shaped string (a look-alike, not a Discord token).
func JWT(r *rand.Rand) string {
	enc := base64.RawURLEncoding.EncodeToString
	payload := fmt.Sprintf(`{"sub":"%d","iat":%d}`, Snowflake(r, date(2020, 1, 1)), 1600000000+r.IntN(1e8))
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(payload)) + "." + randomBytesB64(r, 32)
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// Expand replaces each {{kind}} in tmpl with a freshly generated value and
// returns the text and the secrets it planted (look-alike kinds plant
// nothing). It panics on an unknown kind, so that a typo in a vector file
// fails the test. Kinds are listed in [Kinds].
func Expand(r *rand.Rand, tmpl string) (string, []string) {
	var out strings.Builder
	var planted []string
	for {
		i := strings.Index(tmpl, "{{")
		if i < 0 {
			out.WriteString(tmpl)
			return out.String(), planted
		}
		j := strings.Index(tmpl[i:], "}}")
		if j < 0 {
			panic("testtoken: unclosed {{ in template")
		}
		kind := tmpl[i+2 : i+j]
		gen, ok := Kinds[kind]
		if !ok {
			panic("testtoken: unknown kind " + strconv.Quote(kind))
		}
		v, secret := gen(r)
		out.WriteString(tmpl[:i])
		out.WriteString(v)
		if secret != "" {
			planted = append(planted, secret)
		}
		tmpl = tmpl[i+j+2:]
	}
}

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

// Kinds maps template names to generators. Real credentials: bot,
// bot.legacy, bot.legacy2020, bot.2015, bot.new18, mfa, webhook and its host
// variants, secret. Look-alikes: the "fake." kinds.
var Kinds = map[string]Generator{
	"bot":            real(BotToken),
	"bot.legacy":     real(LegacyToken),
	"bot.legacy2020": real(tok(TokenSpec{Created: date(2020, 11, 3), Issued: date(2021, 2, 1), Plain: true})),
	"bot.2015":       real(tok(TokenSpec{Created: date(2015, 6, 1)})),
	"bot.2015cur":    real(tok(TokenSpec{Created: date(2015, 6, 1), Current: true})),
	"bot.new18":      real(tok(TokenSpec{Created: date(2021, 12, 24), Current: true})),
	"bot.recent":     real(tok(TokenSpec{Created: time.Now().Add(-48 * time.Hour), Current: true})),
	"mfa":            real(MFAToken),
	"webhook":        real(func(r *rand.Rand) string { return WebhookURL(r, "discord.com", "") }),
	"webhook.v10":    real(func(r *rand.Rand) string { return WebhookURL(r, "discord.com", "/v10") }),
	"webhook.app":    real(func(r *rand.Rand) string { return WebhookURL(r, "discordapp.com", "") }),
	"webhook.ptb":    real(func(r *rand.Rand) string { return WebhookURL(r, "ptb.discord.com", "/v9") }),
	"webhook.canary": real(func(r *rand.Rand) string { return WebhookURL(r, "canary.discord.com", "") }),
	"secret":         real(ClientSecret),

	"fake.jwt":       fake(JWT),
	"fake.b64":       fake(func(r *rand.Rand) string { return RandomB64(r, 59) }),
	"fake.future":    fake(tok(TokenSpec{Created: time.Now().AddDate(1, 0, 0), Current: true})),
	"fake.prehist":   fake(func(r *rand.Rand) string { return fakeSeg1(r, "14200704000") }),
	"fake.notdigits": fake(func(r *rand.Rand) string { return fakeSeg1(r, "abcdefghijklmnopqr") }),
	"fake.xfill":     fake(func(r *rand.Rand) string { return withSeg3(BotToken(r), strings.Repeat("X", 38)) }),
	"fake.seq":       fake(func(r *rand.Rand) string { return withSeg3(LegacyToken(r), "abcdefghijklmnopqrstuvwxyz0") }),
	"fake.seg3long":  fake(func(r *rand.Rand) string { return BotToken(r) + RandomB64(r, 1) }),
	"fake.seg3short": fake(func(r *rand.Rand) string { t := LegacyToken(r); return t[:len(t)-1] }),
	"fake.seg1long":  fake(func(r *rand.Rand) string { return RandomB64(r, 3) + BotToken(r) }),
	"fake.dotted":    fake(func(r *rand.Rand) string { return "x." + BotToken(r) + ".y" + RandomB64(r, 4) }),
	"fake.id":        fake(func(r *rand.Rand) string { return strconv.FormatUint(Snowflake(r, date(2022, 1, 1)), 10) }),
	"fake.mfashort":  fake(func(r *rand.Rand) string { return "mfa." + RandomB64(r, 40) }),
	"fake.webhookshort": fake(func(r *rand.Rand) string {
		return fmt.Sprintf("https://discord.com/api/webhooks/%d/%s", Snowflake(r, date(2021, 1, 1)), RandomB64(r, 40))
	}),
	"fake.webhookid": fake(func(r *rand.Rand) string {
		return "https://discord.com/api/webhooks/1234/" + randomBytesB64(r, 51)
	}),
	"fake.webhookhost": fake(func(r *rand.Rand) string {
		return fmt.Sprintf("https://example.com/api/webhooks/%d/%s", Snowflake(r, date(2021, 1, 1)), randomBytesB64(r, 51))
	}),
	"fake.hex32": fake(func(r *rand.Rand) string { return fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64()) }),
}

// fakeSeg1 returns a token shape whose first segment encodes text instead
// of a plausible ID.
func fakeSeg1(r *rand.Rand, text string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(text)) + ".G" + RandomB64(r, 5) + "." + RandomB64(r, 38)
}

func withSeg3(token, seg3 string) string {
	return token[:strings.LastIndexByte(token, '.')+1] + seg3
}
