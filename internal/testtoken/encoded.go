package testtoken

import (
	"encoding/base64"
	"math/rand/v2"
)

// encodedKinds are the real kinds whose value is a credential encoded by a
// transform (the secret stays the credential itself), keyed by kind, with
// the kind they encode and the transform. They are what a scanner finds only
// by decoding.
var encodedKinds = map[string][2]string{
	"bot.b64":           {"bot", "b64"},
	"bot.legacy.b64raw": {"bot.legacy", "b64raw"},
	"bot.html":          {"bot.2021", "html"},
	"bot.rev":           {"bot.new18", "rev"},
	"webhook.b64url":    {"webhook.v10", "b64urlraw"},
	"webhook.pct":       {"webhook", "pcturl"},
	"mfa.hex":           {"mfa", "hex"},
}

// EncodedKind returns the kind and transform an encoded kind (such as
// "bot.b64") applies, or false for another kind.
func EncodedKind(kind string) (base, transform string, ok bool) {
	e, ok := encodedKinds[kind]
	return e[0], e[1], ok
}

// addEncodedKinds adds the encoded kinds and look-alikes that are encoded
// or binary.
func addEncodedKinds(k map[string]Generator) {
	for name, e := range encodedKinds {
		gen, enc := k[e[0]], Transforms[e[1]]
		k[name] = func(r *rand.Rand) (string, string) {
			v, secret := gen(r)
			return enc(v), secret
		}
	}
	encodedFake := func(kind, transform string) Generator {
		gen, enc := k[kind], Transforms[transform]
		return func(r *rand.Rand) (string, string) {
			v, _ := gen(r)
			return enc(v), ""
		}
	}
	k["fake.b64jwt"] = encodedFake("fake.jwt", "b64")
	k["fake.b64future"] = encodedFake("fake.future", "b64")
	k["fake.revjwt"] = encodedFake("fake.jwt", "rev")
	k["fake.pcthost"] = encodedFake("fake.webhookhost", "pcturl")
	k["fake.hexseq"] = encodedFake("fake.seq", "hex")
	// fake.b64bin is the base64 of random bytes, as in an image or a key.
	k["fake.b64bin"] = fake(func(r *rand.Rand) string {
		b := make([]byte, 96+r.IntN(64))
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		return base64.StdEncoding.EncodeToString(b)
	})
	// fake.hexbin is 64 random bytes in hex, as a SHA-512 digest.
	k["fake.hexbin"] = fake(func(r *rand.Rand) string {
		b := make([]byte, 64)
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		return Transforms["hex"](string(b))
	})
}
