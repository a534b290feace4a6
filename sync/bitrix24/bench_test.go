package bitrix24_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"robodesk/sync/bitrix24"
	"robodesk/sync/fake"
)

// BenchmarkLimiterWallTime sends n requests through the client's leaky bucket to an emulator
// with the same bucket and reports the wall time against the bucket's theoretical minimum
// (burst at once, then one request per drain interval), and how many requests the emulator
// refused (it must be none).
func BenchmarkLimiterWallTime(b *testing.B) {
	cases := []struct {
		limit   bitrix24.Limit
		n       int
		workers int
	}{
		{bitrix24.Limit{Rate: 50, Burst: 50}, 250, 1},
		{bitrix24.Limit{Rate: 50, Burst: 50}, 250, 8},
		{bitrix24.StandardLimit, 60, 4},
	}
	for _, tc := range cases {
		name := fmt.Sprintf("%g/s_burst%d_n%d_workers%d", tc.limit.Rate, tc.limit.Burst, tc.n, tc.workers)
		b.Run(name, func(b *testing.B) {
			var ratio float64
			var refused int64
			for i := 0; i < b.N; i++ {
				s, base := emulator(b, users(1), fake.Options{Limit: tc.limit})
				c := webhook(b, s, base, bitrix24.Options{Limit: tc.limit})
				jobs := make(chan struct{}, tc.n)
				for j := 0; j < tc.n; j++ {
					jobs <- struct{}{}
				}
				close(jobs)
				start := time.Now()
				var wg sync.WaitGroup
				for w := 0; w < tc.workers; w++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for range jobs {
							if err := c.Ping(context.Background()); err != nil {
								b.Error(err)
							}
						}
					}()
				}
				wg.Wait()
				wall := time.Since(start)
				ratio += wall.Seconds() / tc.limit.MinDuration(tc.n).Seconds()
				refused += s.Stats().RefusedByLimit
			}
			b.ReportMetric(ratio/float64(b.N), "wall/min")
			b.ReportMetric(float64(refused)/float64(b.N), "refused/op")
		})
	}
}
