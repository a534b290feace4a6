package bitrix24

import (
	"context"
	"math"
	"sync"
	"time"
)

// Limit is a leaky bucket: it drains Rate requests a second and holds at most Burst.
type Limit struct {
	Rate  float64
	Burst int
}

// Bitrix24 cloud limits per portal and source address.
var (
	// StandardLimit applies to every plan below Enterprise.
	StandardLimit = Limit{Rate: 2, Burst: 50}
	// EnterpriseLimit applies to Enterprise plans.
	EnterpriseLimit = Limit{Rate: 5, Burst: 250}
)

func (l Limit) orDefault() Limit {
	if l.Rate <= 0 || l.Burst <= 0 {
		return StandardLimit
	}
	return l
}

// MinDuration is the least time n requests take through an empty bucket: the burst goes at
// once, every further request waits for one drain interval.
func (l Limit) MinDuration(n int) time.Duration {
	l = l.orDefault()
	if n <= l.Burst {
		return 0
	}
	return time.Duration(float64(n-l.Burst) / l.Rate * float64(time.Second))
}

// Limiter is the client side of the portal's leaky bucket. Every request reserves a place in the
// bucket before it is sent and waits until the bucket has drained enough for it, so the portal's
// own bucket, which drains at the same rate, never overflows.
//
// The limiter fills to a little less than the portal's burst: one request, or a quarter second's
// drain when that is less (half a request at 2/s). The headroom absorbs the jitter between when
// the client counts a request and when the portal does (a request delayed on its way makes the
// next one arrive closer to it); without it a saturated bucket would be refused now and then.
// It costs at most a quarter second of wall time over the theoretical minimum.
type Limiter struct {
	mu       sync.Mutex
	limit    Limit
	capacity float64
	level    float64
	last     time.Time
	clock    Clock
}

// NewLimiter returns an empty bucket for limit (StandardLimit if limit is zero).
func NewLimiter(limit Limit, clock Clock) *Limiter {
	limit = limit.orDefault()
	if clock == nil {
		clock = RealClock{}
	}
	capacity := math.Max(1, float64(limit.Burst)-headroom(limit))
	return &Limiter{limit: limit, capacity: capacity, clock: clock}
}

// headroom is how many requests below the portal's burst the client's bucket stays.
func headroom(l Limit) float64 { return math.Min(1, l.Rate/4) }

// Limit returns the bucket's rate and burst.
func (l *Limiter) Limit() Limit { return l.limit }

// Wait reserves a place for one request and blocks until it may be sent. A caller whose ctx ends
// while waiting gives its place back.
func (l *Limiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l.mu.Lock()
	l.drain()
	l.level++
	wait := time.Duration(0)
	if over := l.level - l.capacity; over > 0 {
		wait = time.Duration(math.Ceil(over / l.limit.Rate * float64(time.Second)))
	}
	l.mu.Unlock()
	if wait == 0 {
		return nil
	}
	if err := l.clock.Sleep(ctx, wait); err != nil {
		l.mu.Lock()
		l.level = math.Max(0, l.level-1)
		l.mu.Unlock()
		return err
	}
	return nil
}

// Saturate marks the bucket full. The client calls it when the portal refuses a request for the
// rate limit: the portal's bucket is fuller than ours (another application shares the address), so
// the next requests are paced at the drain rate from now on.
func (l *Limiter) Saturate() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.drain()
	if l.level < l.capacity {
		l.level = l.capacity
	}
}

// drain lets the bucket leak for the time since the last call; l.mu is held.
func (l *Limiter) drain() {
	now := l.clock.Now()
	if !l.last.IsZero() {
		if elapsed := now.Sub(l.last).Seconds(); elapsed > 0 {
			l.level = math.Max(0, l.level-elapsed*l.limit.Rate)
		}
	}
	if now.After(l.last) {
		l.last = now
	}
}
