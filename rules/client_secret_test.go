package rules

import (
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// TestClientSecretAssignments checks the ways code assigns a value to a
// key. Regressions: a value starting with '-' right after "=", JSON-escaped
// quotes (Jupyter notebooks, JSON in JSON), type annotations and Rust's
// ClientSecret::new(...) were missed.
func TestClientSecretAssignments(t *testing.T) {
	r := testtoken.New(31)
	shapes := []struct{ before, after string }{
		{"DISCORD_CLIENT_SECRET=", "\n"},
		{"DISCORD_CLIENT_SECRET = '", "'"},
		{"discord_client_secret: ", "\n"},
		{`"discord_client_secret": "`, `"`},
		{`\"discord_client_secret\": \"`, `\"`},
		{`DISCORD_CLIENT_SECRET = \"`, `\"\n`},
		{"discordClientSecret := \"", "\""},
		{"discord.client.secret=", "\n"},
		{"discord-client-secret: ", "\n"},
		{"'discord_client_secret' => '", "'"},
		{"discord_client_secret -> \"", "\""},
		{"<discordClientSecret>", "</discordClientSecret>"},
		{"discordClientSecret=\"", "\" "},
		{"setenv(\"DISCORD_CLIENT_SECRET\", \"", "\")"},
		{"const DISCORD_CLIENT_SECRET: &str = \"", "\";"},
		{"val discordClientSecret: String = \"", "\""},
		{"var discordClientSecret string = `", "`"},
		{"DISCORD_CLIENT_SECRET: str = '", "'"},
		{"discord ClientSecret::new(\"", "\".to_string())"},
		{"discord clientSecret = new Secret(\"", "\")"},
		{"discord ?client_secret=", "&grant_type=client_credentials"},
		{"DISCORD_CLIENT_SECRET=", ". Rotate it."},
	}
	for _, sh := range shapes {
		for _, kind := range []string{"secret", "secret.-first", "secret._last"} {
			secret, _ := testtoken.Kinds[kind](r)
			data := []byte(sh.before + secret + sh.after)
			var got []string
			ClientSecretRule{}.Find(data, testNow, func(c Candidate) { got = append(got, c.Secret) })
			if len(got) != 1 || got[0] != secret {
				t.Errorf("%s in %q…%q: found %q", kind, sh.before, sh.after, got)
			}
		}
	}
}

func TestClientSecretRejects(t *testing.T) {
	secret := testtoken.ClientSecret(testtoken.New(32))
	for _, in := range []string{
		"DISCORD_CLIENT_SECRET " + secret,           // no operator
		"discord client_secret = " + secret + "(x)", // a call
		"discord client_secret = " + secret + ".x",  // a dotted run
		"discord client_secret = " + secret + "x",   // 33 characters
		"discord session_secret = " + secret,        // not a client secret key
		"client_secret = " + secret,                 // no Discord context
	} {
		ClientSecretRule{}.Find([]byte(in), testNow, func(c Candidate) { t.Errorf("%q: found %q", in, c.Secret) })
	}
}
