// Package verify asks Discord's HTTP API whether a leaked credential still
// works. It is the only part of leakcord that uses the network, and only
// when the user asks for it (--verify).
//
// # What is sent
//
// Only GET requests, never anything else (see ../shared/DESIGN.md §5):
//
//   - a token: GET /users/@me with "Authorization: Bot <token>"; for a bot
//     that answers 200, one more GET /oauth2/applications/@me to learn its
//     application, owner, reach and privileged intents. With
//     [Options.UserTokens], a token Discord rejects as a bot token is tried
//     once more without the prefix (a user token), and mfa. tokens are
//     checked the same way; only /users/@me is ever asked with a user token.
//   - a webhook URL: GET /webhooks/{id}/{token}, rebuilt on the configured
//     base URL from the ID and token, never sent to the host found in the
//     scanned text, and with no Authorization header.
//   - a client secret: nothing. Its only check (POST /oauth2/token) would
//     mint a token, so it is reported as not checked.
//
// # Outcomes
//
// A [Result] has one of three statuses: [Live] (Discord accepted it),
// [Invalid] (Discord said no: 401, unknown webhook 10015, invalid webhook
// token 50027) and [Unknown] (anything else: 403, 429 beyond what it waits
// for, 5xx, timeouts, network errors, malformed answers, a Cloudflare block,
// an exhausted budget, cancellation), plus [NotChecked] for what it does not
// check. [Result.Reason] says why in a stable word, [Result.Detail] in a
// sentence. No detail, error or identity ever contains the secret, and the
// identity never holds an email address or phone number: the answer is
// decoded into structs that have no such fields.
//
// # Safety
//
// A [Verifier] sends each distinct secret at most once per run (a cache keyed
// by the secret's SHA-256, shared by concurrent callers), paces requests
// (5 a second by default), honours 429 answers (retry_after, Retry-After,
// X-RateLimit-Global) and X-RateLimit-Remaining/Reset-After, stops for the
// rest of the run on signs of a Cloudflare block (a 429 without Discord's
// JSON or its Via header, or code 40333), and stops with "budget exhausted"
// after [Options.MaxRequests] requests or [Options.MaxInvalid] rejected
// ones, far below Discord's ban threshold of 10,000 invalid requests in ten
// minutes. Every request has a timeout, bodies are read up to a size cap,
// redirects are not followed, HTTPS_PROXY is honoured, and the base URL
// must be https unless it names a loopback host (tests).
//
// A Verifier is safe for concurrent use; [Verifier.CheckAll] bounds the
// concurrency itself. Cancelling the context stops waiting and sending; the
// checks not done end as [Unknown] with reason [ReasonCanceled]. A deadline
// on the context bounds each check as a whole: a request gets at most the
// time left, and a 429 wait or pacing delay that would outlast the deadline
// ends the check at once ([ReasonRateLimited] with the wait asked for, or
// [ReasonTimeout]) instead of sleeping into it.
//
// The package imports only the standard library, errgroup and [rules]; callers map
// [Result] onto their own types.
package verify
