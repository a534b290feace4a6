package bitrix24

import (
	"context"
	"testing"
	"time"
)

func TestLimiterPacesToTheBucket(t *testing.T) {
	tests := []struct {
		limit Limit
		n     int
	}{
		{StandardLimit, 10},
		{StandardLimit, 49},
		{StandardLimit, 120},
		{EnterpriseLimit, 600},
		{Limit{Rate: 1, Burst: 1}, 5},
	}
	for _, tt := range tests {
		clock := newFakeClock()
		l := NewLimiter(tt.limit, clock)
		for i := 0; i < tt.n; i++ {
			if err := l.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		// The headroom makes the client finish a little after the portal's theoretical
		// minimum, never earlier and never more than a quarter second later.
		capacity := max(float64(tt.limit.Burst)-min(1, tt.limit.Rate/4), 1)
		want := time.Duration(0)
		if float64(tt.n) > capacity {
			want = time.Duration((float64(tt.n) - capacity) / tt.limit.Rate * float64(time.Second))
		}
		got := clock.total()
		if got < want || got > want+time.Millisecond {
			t.Errorf("%v × %d: waited %v, want %v", tt.limit, tt.n, got, want)
		}
		if minimum := tt.limit.MinDuration(tt.n); got < minimum || (tt.limit.Burst > 1 && got > minimum+250*time.Millisecond+time.Millisecond) {
			t.Errorf("%v × %d: waited %v, portal's minimum %v", tt.limit, tt.n, got, minimum)
		}
	}
}

// A portal-side bucket fed at the times the limiter releases requests must never overflow.
func TestLimiterNeverOverflowsThePortal(t *testing.T) {
	clock := newFakeClock()
	limit := StandardLimit
	l := NewLimiter(limit, clock)
	level := 0.0
	last := clock.Now()
	for i := 0; i < 300; i++ {
		if i%37 == 0 {
			clock.advance(time.Duration(i) * 10 * time.Millisecond) // idle moments
		}
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		now := clock.Now()
		level = max(0, level-now.Sub(last).Seconds()*limit.Rate)
		last = now
		if level+1 > float64(limit.Burst) {
			t.Fatalf("request %d would be refused: portal bucket at %.3f", i, level)
		}
		level++
	}
}

func TestLimiterSaturateAndCancel(t *testing.T) {
	clock := newFakeClock()
	l := NewLimiter(StandardLimit, clock)
	l.Saturate()
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := clock.total(); got != 500*time.Millisecond {
		t.Fatalf("after Saturate the next request waited %v, want one drain interval", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Wait(ctx); err == nil {
		t.Fatal("Wait ignored a cancelled context")
	}
}

func TestRetryBackoff(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for attempt, full := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		full *= time.Millisecond
		for i := 0; i < 50; i++ {
			d := p.Backoff(attempt + 1)
			if d < full/2 || d > full {
				t.Fatalf("Backoff(%d) = %v, want within [%v, %v]", attempt+1, d, full/2, full)
			}
		}
	}
	if d := (RetryPolicy{}).withDefaults(); d.MaxAttempts != 8 || d.BaseDelay != 500*time.Millisecond {
		t.Fatalf("defaults = %+v", d)
	}
}
