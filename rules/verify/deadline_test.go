package verify

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/fakediscord"
	"github.com/leakcord/leakcord/internal/testtoken"
)

// TestDeadline checks that a deadline on the context bounds a whole check:
// a Retry-After longer than what is left ends it at once as rate limited
// (with the wait asked for), retries stop when the next wait would outlast
// it, and a slow answer is a timeout within the time left, not a
// cancellation. Regression test for doctor waiting 60s for two 30s
// Retry-After answers with --timeout 10s.
func TestDeadline(t *testing.T) {
	for _, tc := range []struct {
		name     string
		answer   fakediscord.Response
		deadline time.Duration
		reason   Reason
		requests int
		detail   string
		retry    time.Duration
	}{
		{"retry-after longer than the deadline", fakediscord.RateLimited(30*time.Second, false, "user"), 500 * time.Millisecond,
			ReasonRateLimited, 1, "retry after 30s, longer than the", 30 * time.Second},
		{"second wait would outlast it", fakediscord.RateLimited(300*time.Millisecond, false, "user"), 500 * time.Millisecond,
			ReasonRateLimited, 2, "retry after 300ms, longer than the", 300 * time.Millisecond},
		{"global retry-after", fakediscord.RateLimited(30*time.Second, true, "global"), 500 * time.Millisecond,
			ReasonRateLimited, 1, "retry after 30s", 30 * time.Second},
		{"slow answer", fakediscord.Slow(10 * time.Second), 150 * time.Millisecond,
			ReasonTimeout, 1, "no answer within 150ms", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakediscord.NewTest(t)
			tok := testtoken.BotToken(newRand(t))
			fake.Always(tok, tc.answer)
			v := newVerifier(t, fake, Options{Timeout: 5 * time.Second, MaxRetries: 2})
			ctx, cancel := context.WithTimeout(context.Background(), tc.deadline)
			defer cancel()
			start := time.Now()
			res := v.Check(ctx, botSecret(tok))
			if d := time.Since(start); d > tc.deadline+100*time.Millisecond {
				t.Errorf("the check took %s, past the deadline %s", d, tc.deadline)
			}
			if res.Status != Unknown || res.Reason != tc.reason || !strings.Contains(res.Detail, tc.detail) {
				t.Errorf("%s/%s (%s), want unknown/%s with %q", res.Status, res.Reason, res.Detail, tc.reason, tc.detail)
			}
			if res.RetryAfter != tc.retry {
				t.Errorf("RetryAfter %s, want %s", res.RetryAfter, tc.retry)
			}
			if n := len(fake.Requests()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
			assertNoSecret(t, res, tok)
		})
	}
}

// TestDeadlinePacing checks that a request the pacer would hold back past
// the deadline (here an empty rate-limit bucket) is not waited for: the
// check ends at once as a timeout, and sends nothing.
func TestDeadlinePacing(t *testing.T) {
	fake := fakediscord.NewTest(t)
	r := newRand(t)
	a, b := testtoken.BotToken(r), testtoken.BotToken(r)
	fake.Script(a, fakediscord.Response{Status: 401, Body: `{"message": "401: Unauthorized", "code": 0}`,
		Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "20"}})
	v := newVerifier(t, fake, Options{})
	check(t, v, botSecret(a))
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	res := v.Check(ctx, botSecret(b))
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("the check took %s, want it to end at once", d)
	}
	if res.Status != Unknown || res.Reason != ReasonTimeout {
		t.Errorf("%s/%s (%s), want unknown/timeout", res.Status, res.Reason, res.Detail)
	}
	if n := len(fake.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// TestPacerDeadline checks that the pacer does not hand out, or claim, a
// slot after the context's deadline.
func TestPacerDeadline(t *testing.T) {
	p := newPacer(10)
	p.pause(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := p.wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("wait = %v, want DeadlineExceeded at once", err)
	}
	if !p.next.IsZero() {
		t.Errorf("a slot was claimed: next = %s", p.next)
	}
}
