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
