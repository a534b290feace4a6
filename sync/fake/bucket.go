package fake

import (
	"math"
	"time"

	"robodesk/sync/bitrix24"
)

// bucket is the portal's leaky bucket: each request pours one unit in, the bucket drains at Rate
// a second, and a request that would make it overflow Burst is refused without being counted.
type bucket struct {
	limit bitrix24.Limit
	level float64
	last  time.Time
}

func (b *bucket) allow(now time.Time) bool {
	if !b.last.IsZero() {
		if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
			b.level = math.Max(0, b.level-elapsed*b.limit.Rate)
		}
	}
	if now.After(b.last) {
		b.last = now
	}
	if b.level+1 > float64(b.limit.Burst) {
		return false
	}
	b.level++
	return true
}
