package rules

import "crypto/sha256"

// Public example credentials: tokens and webhook URLs printed in Discord's
// documentation, in the main libraries' docs and in other scanners' test
// suites (see ../shared/discord-tokens.md §1.6 and §3). They are recognised
// and never reported as leaks. Only their SHA-256 is kept, so that this
// repository holds no credential-shaped literal.
//
// Keys: a bot token's full text; a webhook URL's token part; an mfa. token's
// part after "mfa.".
var knownExamples = map[[sha256.Size]byte]string{
	mustHex("02f7ce3c263f85c019eeeeea4b08f1b7f6ade2b7a2199c14f3efdac0eef382e1"): "Discord API reference, Authentication example",
	mustHex("3fefbf38e79d9367b9f0ad139012bad6632134a1bb951e64b96ace4ef77d4a75"): "serenity utils::token::validate doc example",
	mustHex("b150aca3db36ab88d7aba68695e876d7f35e19947ddf948aceeaa8b6e1bcc2d0"): "detect-secrets test vector",
	mustHex("67d7e236d10b5f28a12c48904bec1292b9d140676671dd245e96127c3b53a8d9"): "GitGuardian example",
	mustHex("b1b4fd201197d21059b924944d9927dd247eb01ae372d60fab4812ba72f9faf4"): "detect-secrets test vector",
	mustHex("0ec69d8a0c7076017592bf3cf470370e817e40e0f5579d9f527f98e9c15c7eb2"): "detect-secrets test vector",
	mustHex("d64a548eb78d343c141559b32b2f74b1d632523281a41170447ea217c9405fc0"): "detect-secrets test vector",
	mustHex("077718dc783dbe5511ea0000433647d653b662d75e014695768851e631097023"): "Kingfisher rule example",
	mustHex("9bd143dd02aa81050e048938e44e98761290d18e87fbcef753d602fac2f35d27"): "osv-scalibr test vector",
	mustHex("18fbceba9e1742be47dad88e1385b35f55a7fa3a0d2d783730c3fce2c077a8e1"): "TruffleHog test vector",
	mustHex("f82e215909587df391046e28f3024a645ffec6f4977c92172df70f8b51de4ade"): "Discord OAuth2 docs webhook example",
	mustHex("d085d678ce0ca6812080a984f70e5458693658d44107e0b7790c3cf560b7268d"): "SonarSource S6708 example",
	mustHex("9fa5ced83e219394c991dbbf04cf466f7198dbe97b5d93deb86b4af49ef318da"): "TruffleHog webhook test vector",
	mustHex("6f238d77e477f780293a73f4b315ca086202e17e75c740c2f718a7d9119f2f46"): "TruffleHog webhook test vector",
	mustHex("10cc66a01ba20a8faa79406eeae735cb73e3c3a38519c2aab564e70c458b167c"): "Kingfisher webhook example",
	mustHex("283f4315fd7f0db9e0f31d5fa59d06e4da27d7ad51423b3e11d42c9edbb6a95a"): "Kingfisher mfa example",
}

// KnownExample reports whether secret is a published example credential,
// and where it was published. For webhooks pass the token part of the URL,
// for mfa. tokens the part after the prefix.
func KnownExample(secret []byte) (string, bool) {
	src, ok := knownExamples[sha256.Sum256(secret)]
	return src, ok
}

func mustHex(s string) (out [sha256.Size]byte) {
	if len(s) != 2*sha256.Size {
		panic("rules: bad known-example hash " + s)
	}
	for i := range out {
		out[i] = unhex(s[2*i])<<4 | unhex(s[2*i+1])
	}
	return out
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	panic("rules: bad hex digit in known-example hash")
}
