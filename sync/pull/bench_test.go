package pull_test

import (
	"context"
	"math"
	"testing"

	"robodesk/sync/fake"
	"robodesk/sync/pull"
)

var benchPortals = []struct {
	name string
	gen  fake.Gen
}{
	{"deals_20x15_500users", fake.Gen{Pipelines: 20, Stages: 15, Users: 500, Departments: 12}},
	{"deals+2smart_20x15_500users", fake.Gen{Pipelines: 20, Stages: 15, Users: 500, Departments: 12, SmartProcesses: 2}},
}

// requestsPerPull pulls once and returns the HTTP requests and the commands they carried.
func requestsPerPull(t testing.TB, gen fake.Gen) (requests, commands int64) {
	s, c := portal(t, fake.FromPortal(fake.Generate(gen)), fake.Options{})
	if _, err := pull.Pull(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	st := s.Stats()
	return st.Requests, st.BatchCommands
}

// A pull costs about one HTTP request per 50 commands, plus one per dependency level
// (types → categories → stages) beyond the first.
func TestPullRequestBudget(t *testing.T) {
	for _, bp := range benchPortals {
		requests, commands := requestsPerPull(t, bp.gen)
		floor := int64(math.Ceil(float64(commands) / 50))
		if requests > floor+2 {
			t.Errorf("%s: %d requests for %d commands, budget ceil(commands/50)+2 = %d", bp.name, requests, commands, floor+2)
		}
		t.Logf("%s: %d requests, %d commands, ceil(commands/50) = %d", bp.name, requests, commands, floor)
	}
}

// BenchmarkPull reports HTTP requests per pull of a portal of 20 pipelines × 15 stages and 500
// users against ceil(commands/50), the least a batching client could send.
func BenchmarkPull(b *testing.B) {
	for _, bp := range benchPortals {
		b.Run(bp.name, func(b *testing.B) {
			// The bucket is off: b.N pulls in a row would otherwise exceed it, and refusals
			// would be counted as requests of a pull.
			s, c := portal(b, fake.FromPortal(fake.Generate(bp.gen)), fake.Options{NoLimit: true})
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := pull.Pull(context.Background(), c); err != nil {
					b.Fatal(err)
				}
			}
			st := s.Stats()
			requests := float64(st.Requests) / float64(b.N)
			commands := float64(st.BatchCommands) / float64(b.N)
			b.ReportMetric(requests, "requests/op")
			b.ReportMetric(commands, "commands/op")
			b.ReportMetric(math.Ceil(commands/50), "ceil(cmd/50)")
		})
	}
}
