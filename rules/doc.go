// Package rules decides what is a Discord credential.
//
// Each rule is a pure function of its input: it receives a byte slice and the
// current time, and reports [Candidate]s (rule ID, byte span, the secret and
// what could be decoded from it offline). Rules do no I/O, hold no mutable
// state and are safe for concurrent use. They work on bytes with a cheap
// prefilter (a literal search, or a search for two bytes a fixed distance
// apart such as the dots around a token's second segment) followed by exact
// structural checks, so that a longer base64 run, a JWT or a placeholder
// never yields a match.
//
// # Tests
//
// Each rule has true and false positive files under testdata/<rule-id>/;
// they are templates expanded with generated credentials at test time (see
// testdata/README.md). The decoders and the matcher are fuzzed, seeded from
// those files, and BenchmarkMatcher measures throughput on generated source
// text.
//
// # Rules
//
//   - [BotTokenRule] (discord-bot-token): ID.TIMESTAMP.HMAC tokens, legacy
//     (27-character HMAC) and current (38-character HMAC). The first segment
//     must decode to a snowflake whose time is plausible.
//   - [MFATokenRule] (discord-mfa-token): legacy "mfa." user tokens.
//   - [WebhookURLRule] (discord-webhook-url): webhook URLs on Discord hosts.
//   - [ClientSecretRule] (discord-client-secret): OAuth2 client secrets, only
//     next to an assignment key and Discord context.
//
// [Matcher] runs a set of rules over one input and returns the candidates
// sorted by position.
//
// # Hidden secrets
//
// Unless [Matcher.WithDecoding] turns it off, a matcher also finds secrets
// that were encoded, escaped, split or reversed, by decoding or
// reassembling them and running its rules on the result, so that they pass
// the same structural checks as plain ones:
//
//   - base64 (both alphabets, padded or not), hex, percent-encoding,
//     \uXXXX, \xNN and other backslash escapes, and HTML entities, in
//     runs of at least 78 bytes, up to two encodings deep;
//   - string literals joined by an operator (+, .., ., &, ||, a comma) or
//     by juxtaposition, or interpolated in an f-string or template literal,
//     over at most five lines;
//   - tokens written backwards.
//
// Such a candidate's Secret is the decoded secret, its span covers the
// encoded or split text, and its Encoding says how it was hidden
// (EncBase64, EncConcat, ...). The passes cost a fraction of the plain
// rules' time: they look at one 16-byte block every 63 bytes for long runs
// of encoded text, and at each '+' between two quotes; everything else is
// started by hints the rules leave while they search (a token-like run that
// ends at a quote, a token that reads backwards).
package rules
