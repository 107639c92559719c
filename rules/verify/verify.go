package verify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// DefaultBaseURL is Discord's API.
const DefaultBaseURL = "https://discord.com/api/v10"

// EnvBaseURL names the environment variable that overrides the API base
// URL (for tests and proxies that rewrite hosts). Callers read it; this
// package does not read the environment except through HTTPS_PROXY.
const EnvBaseURL = "LEAKCORD_DISCORD_API_URL"

// ProjectURL is the URL in the User-Agent that Discord asks API clients
// to send: "DiscordBot (ProjectURL, version)".
const ProjectURL = "https://github.com/leakcord/leakcord"

// Defaults of [Options].
const (
	DefaultRate        = 5.0              // requests per second
	DefaultTimeout     = 10 * time.Second // per request, answer included
	DefaultMaxRequests = 2000             // requests per Verifier; also the most allowed
	DefaultMaxInvalid  = 1000             // 401, 403, 404 and 429 answers per Verifier; also the most allowed
	DefaultMaxRetries  = 2                // retries of a request after a 429
	DefaultMaxWait     = 30 * time.Second // the longest Retry-After waited for
	DefaultConcurrency = 4                // checks at once in CheckAll
	DefaultMaxBody     = 256 << 10        // bytes of an answer read
)

// Options configure a [Verifier]. Zero values mean the defaults.
type Options struct {
	// BaseURL is the API base, DefaultBaseURL when empty. It must be
	// https, or http on a loopback host (tests).
	BaseURL string
	// Version is leakcord's version, for the User-Agent.
	Version string
	// UserTokens allows checks of user tokens: a token Discord rejects as
	// a bot token is tried again without the "Bot " prefix, and mfa.
	// tokens are checked. Only GET /users/@me is ever sent with a user
	// token.
	UserTokens bool
	// Rate is the most requests per second; negative means unpaced (tests).
	Rate float64
	// Timeout bounds each request, from sending it to reading its answer.
	// A deadline of the context passed to Check bounds the whole check
	// (requests, waits and retries) as well.
	Timeout time.Duration
	// MaxRequests is the most requests sent; after it, checks end as
	// unknown with "budget exhausted". It can only lower
	// DefaultMaxRequests: a larger value is taken as DefaultMaxRequests.
	MaxRequests int
	// MaxInvalid is the most 401, 403, 404 and 429 answers (the kinds
	// Discord counts towards its ban of 10,000 in ten minutes) before
	// checks end as unknown with "budget exhausted". It can only lower
	// DefaultMaxInvalid: a larger value is taken as DefaultMaxInvalid.
	MaxInvalid int
	// MaxRetries is how often a request is repeated after a 429; negative
	// means never.
	MaxRetries int
	// MaxWait is the longest 429 wait honoured by retrying; a longer one
	// ends the check as rate limited, and so does one that would outlast
	// the deadline of the context passed to Check.
	MaxWait time.Duration
	// Concurrency is how many checks CheckAll runs at once.
	Concurrency int
	// MaxBody is the most bytes of an answer read.
	MaxBody int64
	// Transport sends the requests; nil means a transport that honours
	// HTTPS_PROXY and has its own dial and TLS timeouts. Redirects are
	// never followed, whatever the transport.
	Transport http.RoundTripper
}

// withDefaults fills in the zero values.
func (o Options) withDefaults() Options {
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	if o.Version == "" {
		o.Version = "devel"
	}
	if o.Rate == 0 {
		o.Rate = DefaultRate
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxRequests <= 0 || o.MaxRequests > DefaultMaxRequests {
		o.MaxRequests = DefaultMaxRequests
	}
	if o.MaxInvalid <= 0 || o.MaxInvalid > DefaultMaxInvalid {
		o.MaxInvalid = DefaultMaxInvalid
	}
	switch {
	case o.MaxRetries == 0:
		o.MaxRetries = DefaultMaxRetries
	case o.MaxRetries < 0:
		o.MaxRetries = 0
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	return o
}

// Verifier checks secrets against Discord's API. Make one per run with
// [New]; it is safe for concurrent use.
type Verifier struct {
	opts   Options
	base   *url.URL
	ua     string
	client *http.Client
	pace   *pacer

	mu       sync.Mutex
	cache    map[string]*entry // target key → check
	requests int               // requests sent
	invalid  int               // 401, 403, 404 and counted 429 answers
	blocked  string            // why checking stopped for the run; "" while it goes on
	panic    string            // the stack of the first check that panicked
}

// entry is one check, shared by everyone who asks about the same secret.
type entry struct {
	done chan struct{}
	res  Result
}

// Stats count what a Verifier did.
type Stats struct {
	Requests int    // requests sent
	Invalid  int    // answers that count towards Discord's invalid-request limit
	Secrets  int    // distinct secrets checked
	Blocked  string // why checking stopped early ("" when it did not)
	// Panic is the stack of the first check that panicked (a bug; its
	// result is Unknown with ReasonInternal), for the bug report; "" when
	// none did. A stack holds function names, files, lines and hex words,
	// never a secret.
	Panic string
}

// New returns a Verifier. It fails when the base URL is not https (or http
// on a loopback host), or has a query, fragment or user information.
func New(opts Options) (*Verifier, error) {
	opts = opts.withDefaults()
	base, err := ParseBaseURL(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	tr := opts.Transport
	if tr == nil {
		tr = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   opts.Timeout,
			ResponseHeaderTimeout: opts.Timeout,
			MaxIdleConnsPerHost:   opts.Concurrency,
			IdleConnTimeout:       30 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	return &Verifier{
		opts: opts,
		base: base,
		ua:   fmt.Sprintf("DiscordBot (%s, %s)", ProjectURL, opts.Version),
		client: &http.Client{
			Transport:     tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		pace:  newPacer(opts.Rate),
		cache: make(map[string]*entry),
	}, nil
}

// ParseBaseURL parses an API base URL and checks it: https, or http only
// for a loopback host; no user information, query or fragment. The
// trailing slash is dropped.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("API base URL: %w", err)
	}
	switch {
	case u.Host == "":
		return nil, fmt.Errorf("API base URL %q has no host", s)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("API base URL %q must not have user information, a query or a fragment", s)
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	case u.Scheme == "http":
		return nil, fmt.Errorf("API base URL %q: plain http is allowed only for loopback hosts", s)
	default:
		return nil, fmt.Errorf("API base URL %q: scheme must be https", s)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// UserAgent returns the User-Agent the verifier sends.
func (v *Verifier) UserAgent() string { return v.ua }

// Close releases idle connections.
func (v *Verifier) Close() { v.client.CloseIdleConnections() }

// Stats returns what the verifier did so far.
func (v *Verifier) Stats() Stats {
	v.mu.Lock()
	defer v.mu.Unlock()
	return Stats{Requests: v.requests, Invalid: v.invalid, Secrets: len(v.cache), Blocked: v.blocked, Panic: v.panic}
}

// CheckAll checks secrets, at most Options.Concurrency at once, and
// returns their results in the same order. Secrets that are the same are
// checked once.
func (v *Verifier) CheckAll(ctx context.Context, secrets []Secret) []Result {
	out := make([]Result, len(secrets))
	var g errgroup.Group
	g.SetLimit(v.opts.Concurrency)
	for i, s := range secrets {
		g.Go(func() error {
			out[i] = v.Check(ctx, s)
			return nil
		})
	}
	_ = g.Wait() // Check never fails: problems are results
	return out
}

// Check checks one secret. A secret already checked (or being checked) by
// this verifier is not sent again: the first result is returned.
func (v *Verifier) Check(ctx context.Context, s Secret) Result {
	t, err := parse(s)
	switch {
	case errors.Is(err, errNoCheck):
		return Result{Status: NotChecked, Reason: ReasonNotSupported, Detail: "no live check for rule " + clean(s.RuleID, 64)}
	case err != nil:
		return Result{Status: NotChecked, Reason: ReasonNotSupported, Detail: "not checked: " + err.Error()}
	case t.kind == kindClientSecret:
		return Result{Status: NotChecked, Reason: ReasonNotSupported,
			Detail: "client secrets are not verified: the only check (POST /oauth2/token) would mint an access token"}
	case t.kind == kindUserToken && !v.opts.UserTokens:
		return Result{Status: NotChecked, Reason: ReasonUserTokensOff,
			Detail: "user token: checked only with --verify-user-tokens"}
	}
	v.mu.Lock()
	if e, ok := v.cache[t.key]; ok {
		v.mu.Unlock()
		select {
		case <-e.done:
			return e.res
		case <-ctx.Done():
			return interrupted(ctx)
		}
	}
	e := &entry{done: make(chan struct{})}
	v.cache[t.key] = e
	v.mu.Unlock()

	res := v.checkGuarded(ctx, t)
	scrub(&res, strings.NewReplacer(t.redactions()...))
	e.res = res
	close(e.done)
	return res
}

// checkGuarded checks t; a panic while doing so (a bug) is an Unknown
// result, so that the scan's report is still written and the callers
// waiting for the same secret are released.
func (v *Verifier) checkGuarded(ctx context.Context, t target) (res Result) {
	defer func() {
		if p := recover(); p != nil {
			res = Result{Status: Unknown, Reason: ReasonInternal, Detail: "not checked: internal error (a bug in leakcord; please report it)"}
			stack := strings.TrimSpace(string(debug.Stack()))
			v.mu.Lock()
			if v.panic == "" {
				v.panic = stack
			}
			v.mu.Unlock()
		}
	}()
	if t.kind == kindWebhook {
		return v.checkWebhook(ctx, t)
	}
	return v.checkToken(ctx, t)
}

func canceled() Result {
	return Result{Status: Unknown, Reason: ReasonCanceled, Detail: "canceled before Discord answered"}
}

// interrupted is the result of a check whose context ended (or whose
// deadline would pass) while it waited to send: canceled, or out of time
// when the context has a deadline that passed or comes too soon.
func interrupted(ctx context.Context) Result {
	if _, ok := ctx.Deadline(); ok && !errors.Is(ctx.Err(), context.Canceled) {
		return Result{Status: Unknown, Reason: ReasonTimeout, Detail: "out of time: no request could be sent before the deadline"}
	}
	return canceled()
}

// timeLeft returns how long ctx has before its deadline, and false when it
// has none.
func timeLeft(ctx context.Context) (time.Duration, bool) {
	dl, ok := ctx.Deadline()
	if !ok {
		return 0, false
	}
	return time.Until(dl), true
}

// scrub hides the secret in everything a result prints, should an answer
// or an error have quoted it.
func scrub(res *Result, r *strings.Replacer) {
	res.Detail = r.Replace(res.Detail)
	id := res.Identity
	if id == nil {
		return
	}
	for _, p := range []*string{&id.ID, &id.Username, &id.GuildID, &id.ChannelID} {
		*p = r.Replace(*p)
	}
	if a := id.Application; a != nil {
		for _, p := range []*string{&a.ID, &a.Name, &a.OwnerID, &a.OwnerName, &a.TeamID, &a.TeamName} {
			*p = r.Replace(*p)
		}
	}
}
