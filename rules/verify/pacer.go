package verify

import (
	"context"
	"sync"
	"time"
)

// pacer spaces requests: at most one per interval, and none while paused
// (after a global 429, or when a rate-limit bucket is empty). It is shared
// by every request of a Verifier.
type pacer struct {
	mu       sync.Mutex
	interval time.Duration // 0: no spacing
	next     time.Time     // earliest start of the next request
	paused   time.Time     // no request before this
}

func newPacer(rate float64) *pacer {
	p := &pacer{}
	if rate > 0 {
		p.interval = time.Duration(float64(time.Second) / rate)
	}
	return p
}

// wait blocks until a request may start. Slots are claimed in the order
// callers arrive; a caller whose slot falls inside a pause that began while
// it waited claims a new slot after the pause. A caller whose slot comes
// after ctx's deadline returns context.DeadlineExceeded at once, without
// claiming it.
func (p *pacer) wait(ctx context.Context) error {
	dl, bounded := ctx.Deadline()
	for {
		p.mu.Lock()
		now := time.Now()
		at := now
		if p.paused.After(at) {
			at = p.paused
		}
		if p.next.After(at) {
			at = p.next
		}
		if bounded && at.After(dl) {
			p.mu.Unlock()
			return context.DeadlineExceeded
		}
		p.next = at.Add(p.interval)
		p.mu.Unlock()
		if err := sleep(ctx, at.Sub(now)); err != nil {
			return err
		}
		p.mu.Lock()
		paused := p.paused.After(time.Now())
		p.mu.Unlock()
		if !paused {
			return nil
		}
	}
}

// pause holds every request back for d from now.
func (p *pacer) pause(d time.Duration) {
	if d <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if until := time.Now().Add(d); until.After(p.paused) {
		p.paused = until
	}
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
