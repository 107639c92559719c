package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/leakcord/leakcord/rules"
)

// Problem codes of leakcord doctor. They are part of its JSON output and
// never change.
const (
	probEmpty         = "empty"
	probWhitespace    = "whitespace"
	probQuotes        = "quotes"
	probBotPrefix     = "bot_prefix"
	probSegments      = "segments"
	probAlphabet      = "alphabet"
	probBadID         = "bad_id"
	probTruncated     = "truncated"
	probClientSecret  = "client_secret"
	probPublicKey     = "public_key"
	probApplicationID = "application_id"
	probWebhookURL    = "webhook_url"
	probOAuthToken    = "oauth_token"
	probJWT           = "jwt"
	probExampleToken  = "example_token"
)

// problem is one thing wrong with a value offered as a bot token. No
// message ever quotes the value.
type problem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
}

// diagnosis is what the offline checks found.
type diagnosis struct {
	problems []problem
	// cleaned is the value without the surrounding whitespace, quotes and
	// "Bot " prefix, and without invisible characters.
	cleaned string
	// token is what a well-formed cleaned value decodes to; nil when it is
	// not a well-formed token.
	token *rules.TokenInfo
}

// cleanable reports whether the cleaned value is a well-formed token and
// cleaning fixed every problem, so that checking it live tells the user
// whether the fix works.
func (d *diagnosis) cleanable() bool {
	if d.token == nil {
		return false
	}
	for _, p := range d.problems {
		if p.Code != probWhitespace && p.Code != probQuotes && p.Code != probBotPrefix {
			return false
		}
	}
	return true
}

func (d *diagnosis) add(code, msg, fix string) {
	d.problems = append(d.problems, problem{Code: code, Message: msg, Fix: fix})
}

const fixCopyAgain = "copy the token again from the Discord Developer Portal (Applications > your app > Bot > Reset Token; " +
	"the portal shows a token only once, so resetting is how you see it)"

const fixWrongCredential = "a bot logs in with its bot token, found under Applications > your app > Bot > Reset Token in the " +
	"Discord Developer Portal, not under General Information or OAuth2"

const fixPlaceholder = "replace it with your bot's own token, from the Discord Developer Portal (Applications > your app > " +
	"Bot > Reset Token)"

// zeroWidth are invisible characters that copy and paste carries along.
var zeroWidth = []rune{'\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'}

// quotePairs are the quotes a value may be wrapped in.
var quotePairs = [][2]rune{{'"', '"'}, {'\'', '\''}, {'`', '`'}, {'“', '”'}, {'‘', '’'}, {'«', '»'}}

// diagnose runs the offline checks of leakcord doctor on value.
func diagnose(value string, now time.Time) *diagnosis {
	d := &diagnosis{}
	if strings.TrimFunc(value, isSpaceOrInvisible) == "" {
		msg := "the value is empty"
		if value != "" {
			msg = "the value holds only whitespace"
		}
		d.add(probEmpty, msg, "set the variable to your bot's token, or pipe it to 'leakcord doctor -'")
		return d
	}
	v := d.peel(value)
	d.cleaned = v
	if v == "" {
		d.add(probEmpty, "nothing is left once the quotes and prefix are removed",
			"set the variable to your bot's token, or pipe it to 'leakcord doctor -'")
		return d
	}
	if d.url(v) || d.jwt(v) || d.placeholder(v) || d.otherCredential(v, now) {
		return d
	}
	d.checkToken(v, now)
	return d
}

func isSpaceOrInvisible(r rune) bool { return unicode.IsSpace(r) || slices.Contains(zeroWidth, r) }

// peel removes whitespace, invisible characters, quotes and a "Bot "
// prefix, in whatever order they are layered, and records each as a
// problem.
func (d *diagnosis) peel(v string) string {
	var ws []string
	noteWS := func(s string) {
		if !slices.Contains(ws, s) {
			ws = append(ws, s)
		}
	}
	var quotes, prefix bool
	for range 4 {
		before := v
		if t := strings.TrimLeftFunc(v, isSpaceOrInvisible); t != v {
			noteWS("a leading " + describeSpace(v[:len(v)-len(t)]))
			v = t
		}
		if t := strings.TrimRightFunc(v, isSpaceOrInvisible); t != v {
			noteWS("a trailing " + describeSpace(v[len(t):]))
			v = t
		}
		if t, ok := unquote(v); ok {
			quotes, v = true, t
		}
		if len(v) > 4 && strings.EqualFold(v[:4], "bot ") {
			prefix, v = true, strings.TrimLeft(v[3:], " ")
		}
		if v == before {
			break
		}
	}
	// Inside the value: invisible characters and line breaks are dropped,
	// other non-ASCII characters (look-alike letters) are reported and kept.
	var b strings.Builder
	for i, r := range v {
		switch {
		case slices.Contains(zeroWidth, r):
			noteWS(fmt.Sprintf("an invisible %U character inside", r))
		case r == '\n' || r == '\r' || r == '\t':
			noteWS("a " + describeSpace(string(r)) + " inside")
		case r >= utf8.RuneSelf:
			noteWS(fmt.Sprintf("a non-ASCII character (%U) at position %d", r, utf8.RuneCountInString(v[:i])+1))
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	v = b.String()
	if len(ws) > 0 {
		d.add(probWhitespace, "the value has "+strings.Join(ws, ", "),
			"remove them: store the token with printf '%s' rather than echo, and look for stray characters "+
				"in the .env file or secret store")
	}
	if quotes {
		d.add(probQuotes, "the value is wrapped in quotes",
			"remove the quotes: in .env files, CI secrets and most secret stores they become part of the value")
	}
	if prefix {
		d.add(probBotPrefix, `the value starts with "Bot "`,
			`remove the prefix: discord.py, discord.js, JDA, serenity and other libraries add "Bot " themselves`)
	}
	return v
}

// describeSpace names the whitespace in s for a message.
func describeSpace(s string) string {
	var names []string
	for _, r := range s {
		n := fmt.Sprintf("invisible %U character", r)
		switch r {
		case '\n':
			n = "newline"
		case '\r':
			n = "carriage return"
		case '\t':
			n = "tab"
		case ' ':
			n = "space"
		default:
			if unicode.IsSpace(r) {
				n = fmt.Sprintf("%U space", r)
			}
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, " and ")
}

// unquote removes a pair of quotes around v, or a lone quote at either end.
func unquote(v string) (string, bool) {
	first, n1 := utf8.DecodeRuneInString(v)
	last, n2 := utf8.DecodeLastRuneInString(v)
	for _, q := range quotePairs {
		if len(v) > n1+n2 && first == q[0] && last == q[1] {
			return v[n1 : len(v)-n2], true
		}
	}
	for _, q := range quotePairs {
		switch {
		case first == q[0] || first == q[1]:
			return v[n1:], true
		case last == q[0] || last == q[1]:
			return v[:len(v)-n2], true
		}
	}
	return v, false
}

// url reports (and records) a value that is a URL, most likely a webhook's.
func (d *diagnosis) url(v string) bool {
	lower := strings.ToLower(v)
	if !strings.Contains(lower, "/webhooks/") && !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return false
	}
	d.add(probWebhookURL, "this is a URL (a webhook URL, going by its path), not a bot token: a webhook posts "+
		"messages without a bot and cannot log in", fixWrongCredential+"; keep the webhook URL secret as well")
	return true
}

// jwt reports (and records) a value that is a JSON Web Token, which
// Discord never issues.
func (d *diagnosis) jwt(v string) bool {
	if !rules.LooksJWT(v) {
		return false
	}
	d.add(probJWT, "this is a JSON Web Token (JWT), not a Discord bot token: Discord issues no JWTs, so it comes "+
		"from another service (a login provider, your own API)", fixWrongCredential+"; keep the JWT secret as well")
	return true
}

// otherCredential reports (and records) a value that is another Discord
// credential than a bot token.
func (d *diagnosis) otherCredential(v string, now time.Time) bool {
	lower := strings.ToLower(v)
	switch {
	case strings.HasPrefix(lower, "mfa."):
		d.add(probSegments, "this is a legacy mfa. user token, not a bot token; Discord stopped issuing them in 2022",
			fixWrongCredential+"; logging in with a user account breaks Discord's terms")
	case len(v) == 64 && all(v, isHex):
		d.add(probPublicKey, "this is an application public key (64 hex digits, used to check the signatures of "+
			"interactions); it is public, not a token", fixWrongCredential)
	case len(v) >= 17 && len(v) <= 20 && all(v, isDigit):
		msg := "this is a Discord ID (an application or client ID), not a token"
		if id, ok := rules.ParseSnowflake(v, now); ok {
			msg = fmt.Sprintf("this is a Discord ID (an application or client ID, created %s), not a token",
				rules.SnowflakeTime(id).Format(time.DateOnly))
		}
		d.add(probApplicationID, msg, fixWrongCredential)
	case !strings.Contains(v, ".") && len(v) == 32 && all(v, isB64):
		d.add(probClientSecret, "this looks like an OAuth2 client secret (32 characters, no dots), not a bot token",
			fixWrongCredential+"; the client secret is for OAuth2 only, and is a secret too")
	case !strings.Contains(v, ".") && len(v) >= 28 && len(v) <= 31 && all(v, isAlnum):
		d.add(probOAuthToken, "this looks like an OAuth2 access token (about 30 letters and digits), which is sent as "+
			"\"Bearer\" on behalf of a user, not as a bot token", fixWrongCredential)
	default:
		return false
	}
	return true
}

// checkToken checks the shape of a bot token and decodes it.
func (d *diagnosis) checkToken(v string, now time.Time) {
	parts := strings.Split(v, ".")
	if len(parts) != 3 || slices.Contains(parts, "") {
		n := len(parts)
		if slices.Contains(parts, "") {
			n = len(slices.DeleteFunc(parts, func(s string) bool { return s == "" }))
		}
		d.add(probSegments, fmt.Sprintf("a bot token has three parts separated by dots; this value has %d", n),
			fixCopyAgain)
		return
	}
	var bad []string
	for _, c := range []byte(v) {
		if c < utf8.RuneSelf && !isB64(c) && c != '.' && !slices.Contains(bad, fmt.Sprintf("%q", c)) && len(bad) < 3 {
			bad = append(bad, fmt.Sprintf("%q", c))
		}
	}
	if len(bad) > 0 {
		d.add(probAlphabet, "the value has characters a token never has ("+strings.Join(bad, ", ")+
			"); a token uses only letters, digits, '-', '_' and two dots", fixCopyAgain)
		return
	}
	if !isASCII(v) {
		return // reported under whitespace; a look-alike letter spoils the token
	}
	l1, l2, l3 := len(parts[0]), len(parts[1]), len(parts[2])
	switch {
	case l1 < 23 || l2 < 6 || l3 < 27 || l3 > 27 && l3 < 38:
		d.add(probTruncated, fmt.Sprintf("the parts are %d, %d and %d characters long; a whole token's are 23 to 27, "+
			"6, and 27 or 38: it was cut off", l1, l2, l3), fixCopyAgain)
		return
	case l1 > 27 || l2 > 6 || l3 > 38:
		d.add(probSegments, fmt.Sprintf("the parts are %d, %d and %d characters long, longer than a token's "+
			"(23 to 27, 6, and 27 or 38): something was pasted onto it", l1, l2, l3), fixCopyAgain)
		return
	}
	if _, _, ok := rules.DecodeTokenID([]byte(parts[0]), now); !ok {
		d.add(probBadID, "the first part does not decode to a plausible Discord ID: a character was probably "+
			"mistyped or lost in copy and paste", fixCopyAgain)
		return
	}
	if src, ok := rules.KnownExample([]byte(v)); ok {
		d.add(probExampleToken, "this is a published example token ("+src+"), not yours", fixPlaceholder)
		return
	}
	var found *rules.Candidate
	rules.BotTokenRule{}.Find([]byte(v), now, func(c rules.Candidate) {
		if c.Start == 0 && c.End == len(v) {
			found = &c
		}
	})
	if found == nil {
		d.add(probExampleToken, "this looks like a placeholder (part of it is not random), not a real token", fixPlaceholder)
		return
	}
	d.token = found.Token
}

func all(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return s != ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
func isAlnum(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isB64(c byte) bool   { return isAlnum(c) || c == '-' || c == '_' }
