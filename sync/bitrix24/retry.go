package bitrix24

import (
	"math/rand/v2"
	"time"
)

// RetryPolicy says how often and how patiently a failed request is sent again. Only transient
// failures are retried: QUERY_LIMIT_EXCEEDED, OVERLOAD_LIMIT, OPERATION_TIME_LIMIT, HTTP 5xx and
// 429, timeouts and dropped connections. The zero value means the defaults.
type RetryPolicy struct {
	// MaxAttempts counts every try including the first; 1 disables retries. Default 8.
	MaxAttempts int
	// BaseDelay is the first backoff; it doubles with every further attempt. Default 500 ms.
	BaseDelay time.Duration
	// MaxDelay caps one backoff. Default 30 s.
	MaxDelay time.Duration
	// MaxWait caps the wait for operating_reset_at after OPERATION_TIME_LIMIT; a later reset
	// fails the call instead. Default 10 min, the portal's accounting window.
	MaxWait time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 8
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 30 * time.Second
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.MaxWait <= 0 {
		p.MaxWait = 10 * time.Minute
	}
	return p
}

// Backoff is the pause before attempt+1 after attempt failed (attempt counts from 1): exponential
// with "equal jitter", half fixed and half random, so clients that failed together do not come
// back together, yet none retries immediately.
func (p RetryPolicy) Backoff(attempt int) time.Duration {
	p = p.withDefaults()
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	if d > p.MaxDelay {
		d = p.MaxDelay
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}
