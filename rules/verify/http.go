package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// reply is the answer to one GET, or why there is none.
type reply struct {
	status int         // HTTP status; 0 when there was no usable answer
	header http.Header // nil when status is 0
	body   []byte
	code   int    // Discord's JSON error code
	msg    string // Discord's JSON error message, cleaned
	isJSON bool   // the body is a JSON object
	// fail is set when the exchange ended without an answer to judge:
	// budget, block, cancellation, timeout, network, oversized body, or a
	// 429 it did not wait out.
	fail *Result
}

// get sends GET base/path with the Authorization header auth (none when
// empty), paced, within the budget, retrying after short 429s. It is the
// only function that sends requests, and it sends only GET.
func (v *Verifier) get(ctx context.Context, path, auth string) reply {
	u := v.base.JoinPath(strings.Split(strings.TrimPrefix(path, "/"), "/")...)
	for attempt := 0; ; attempt++ {
		if r := v.stopped(); r != nil {
			return reply{fail: r}
		}
		if err := v.pace.wait(ctx); err != nil {
			return reply{fail: ptr(interrupted(ctx))}
		}
		if r := v.reserve(); r != nil {
			return reply{fail: r}
		}
		rep := v.send(ctx, u, auth)
		if rep.fail != nil {
			return rep
		}
		v.observe(rep)
		if rep.blocked() {
			return reply{status: rep.status, code: rep.code, fail: v.block(rep)}
		}
		if rep.status != http.StatusTooManyRequests {
			return rep
		}
		wait := rep.retryAfter()
		if rep.header.Get("X-RateLimit-Global") == "true" {
			v.pace.pause(wait)
		}
		left, bounded := timeLeft(ctx)
		if attempt >= v.opts.MaxRetries || wait > v.opts.MaxWait || bounded && wait >= left {
			detail := fmt.Sprintf("rate limited by Discord (429, retry after %s)", roundWait(wait))
			if bounded && wait >= left && attempt < v.opts.MaxRetries && wait <= v.opts.MaxWait {
				detail = fmt.Sprintf("rate limited by Discord (429, retry after %s, longer than the %s left)",
					roundWait(wait), roundWait(max(left, 0)))
			}
			return reply{status: rep.status, code: rep.code, fail: &Result{
				Status: Unknown, Reason: ReasonRateLimited, HTTPStatus: rep.status, Code: rep.code, RetryAfter: wait,
				Detail: detail,
			}}
		}
		if err := sleep(ctx, wait); err != nil {
			return reply{fail: ptr(interrupted(ctx))}
		}
	}
}

// stopped returns the result for checks that can no longer be sent: the
// run was blocked or the budget is used up.
func (v *Verifier) stopped() *Result {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.stoppedLocked()
}

func (v *Verifier) stoppedLocked() *Result {
	switch {
	case v.blocked != "":
		return &Result{Status: Unknown, Reason: ReasonBlocked, Detail: "not checked: " + v.blocked}
	case v.requests >= v.opts.MaxRequests || v.invalid >= v.opts.MaxInvalid:
		return &Result{Status: Unknown, Reason: ReasonBudget, Detail: "budget exhausted"}
	}
	return nil
}

// reserve counts a request about to be sent, or says why it may not be.
func (v *Verifier) reserve() *Result {
	v.mu.Lock()
	defer v.mu.Unlock()
	if r := v.stoppedLocked(); r != nil {
		return r
	}
	v.requests++
	return nil
}

// send makes one GET request and reads its answer, within Options.Timeout
// or what is left before ctx's deadline, whichever is shorter.
func (v *Verifier) send(ctx context.Context, u *url.URL, auth string) reply {
	limit := v.opts.Timeout
	if left, ok := timeLeft(ctx); ok && left < limit {
		limit = max(left, 0)
	}
	rctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return reply{fail: &Result{Status: Unknown, Reason: ReasonBadResponse, Detail: "cannot build the request"}}
	}
	req.Header.Set("User-Agent", v.ua)
	req.Header.Set("Accept", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := v.client.Do(req)
	if err != nil {
		return reply{fail: transportFailure(ctx, err, limit)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, v.opts.MaxBody+1))
	if err != nil {
		return reply{fail: transportFailure(ctx, err, limit)}
	}
	if int64(len(body)) > v.opts.MaxBody {
		return reply{fail: &Result{Status: Unknown, Reason: ReasonBadResponse, HTTPStatus: resp.StatusCode,
			Detail: fmt.Sprintf("answer larger than %d KiB (HTTP %d); not read", v.opts.MaxBody>>10, resp.StatusCode)}}
	}
	rep := reply{status: resp.StatusCode, header: resp.Header, body: body}
	var e struct {
		Message string `json:"message"`
		Code    int    `json:"code"`
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) == nil && obj != nil {
		rep.isJSON = true
		if resp.StatusCode >= 300 && json.Unmarshal(body, &e) == nil {
			rep.code, rep.msg = e.Code, clean(e.Message, 100)
		}
	}
	return rep
}

// transportFailure turns an error of the HTTP client, for a request that
// had limit to answer, into a result. The error text of the client names
// the URL (with a webhook's token), so only the inner error is kept.
func transportFailure(ctx context.Context, err error, limit time.Duration) *Result {
	if errors.Is(ctx.Err(), context.Canceled) {
		return ptr(canceled())
	}
	var ne net.Error
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &Result{Status: Unknown, Reason: ReasonTimeout, Detail: fmt.Sprintf("no answer within %s", limit.Round(time.Millisecond))}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &Result{Status: Unknown, Reason: ReasonNetwork, Detail: "network error: " + clean(err.Error(), 200)}
}

// observe counts answers that Discord counts towards its invalid-request
// limit and honours an empty rate-limit bucket.
func (v *Verifier) observe(rep reply) {
	counted := false
	switch rep.status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		counted = true
	case http.StatusTooManyRequests:
		counted = rep.header.Get("X-RateLimit-Scope") != "shared"
	}
	if counted {
		v.mu.Lock()
		v.invalid++
		v.mu.Unlock()
	}
	if rep.status != http.StatusTooManyRequests && rep.header.Get("X-RateLimit-Remaining") == "0" {
		if d, ok := seconds(rep.header.Get("X-RateLimit-Reset-After")); ok {
			v.pace.pause(min(d, v.opts.MaxWait))
		}
	}
}

// blocked reports signs that Cloudflare or Discord blocked this client: a
// 429 that is not Discord's JSON or lacks its Via header (as discord.py
// judges), or code 40333 in any answer.
func (rep reply) blocked() bool {
	if rep.code == 40333 {
		return true
	}
	return rep.status == http.StatusTooManyRequests && (!rep.isJSON || rep.header.Get("Via") == "")
}

// block stops checking for the rest of the run.
func (v *Verifier) block(rep reply) *Result {
	why := "Cloudflare blocked the requests (429 without Discord's answer); stopped checking for this run"
	if rep.code == 40333 {
		why = "Discord blocked the requests (code 40333); stopped checking for this run"
	}
	v.mu.Lock()
	if v.blocked == "" {
		v.blocked = why
	}
	v.mu.Unlock()
	return &Result{Status: Unknown, Reason: ReasonBlocked, HTTPStatus: rep.status, Code: rep.code, Detail: why}
}

// retryAfter returns how long a 429 asks to wait: retry_after from the
// JSON body, else the Retry-After header, else X-RateLimit-Reset-After,
// else one second.
func (rep reply) retryAfter() time.Duration {
	var b struct {
		RetryAfter *float64 `json:"retry_after"`
	}
	if json.Unmarshal(rep.body, &b) == nil && b.RetryAfter != nil && *b.RetryAfter >= 0 {
		return time.Duration(*b.RetryAfter * float64(time.Second))
	}
	for _, h := range []string{"Retry-After", "X-RateLimit-Reset-After"} {
		if d, ok := seconds(rep.header.Get(h)); ok {
			return d
		}
	}
	return time.Second
}

// seconds parses a header value in (fractional) seconds.
func seconds(s string) (time.Duration, bool) {
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 86400 {
		return 0, false
	}
	return time.Duration(f * float64(time.Second)), true
}

// roundWait rounds a wait for printing.
func roundWait(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

func ptr[T any](v T) *T { return &v }
