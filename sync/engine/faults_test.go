package engine_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"robodesk/model"
	"robodesk/sync/bitrix24"
	"robodesk/sync/fake"
	"robodesk/sync/plan"
)

// converge repeats pull → plan → apply, as a user pressing Sync again after a failure would,
// until the plan is empty. Failures of a whole round (retries exhausted while pulling) are
// part of the weather. during, when set, runs between each plan and its apply, told how
// many plans there were so far.
func (b *bench) converge(maxRounds int, during func(plans int)) (rounds, failed int) {
	b.t.Helper()
	plans := 0
	for rounds = 1; rounds <= maxRounds; rounds++ {
		p, err := b.eng.Pull(b.ctx, b.doc)
		if err != nil {
			failed++
			continue
		}
		if len(p.Changed()) == 0 {
			return rounds, failed
		}
		if p.Unresolved() > 0 {
			b.t.Fatalf("round %d: unexpected conflicts: %s", rounds, p.Summary())
		}
		plans++
		if during != nil {
			during(plans)
		}
		res, err := b.eng.Apply(b.ctx, b.doc, p, nil)
		if err != nil || !res.Complete() {
			failed++
		}
	}
	b.t.Fatalf("no convergence after %d rounds", maxRounds)
	return
}

// noDuplicates checks that no stage on the portal holds two robots with the same Name.
func (b *bench) noDuplicates() int {
	b.t.Helper()
	total := 0
	for _, e := range b.doc.Project().Portal.Entities {
		for _, pl := range e.Pipelines {
			for _, st := range pl.Stages {
				seen := map[string]bool{}
				for _, r := range b.remote(ref(e.ID, st.StatusID)) {
					if seen[r.Name] {
						b.t.Errorf("%s/%s holds %s twice", e.ID, st.StatusID, r.Name)
					}
					seen[r.Name] = true
					total++
				}
			}
		}
	}
	return total
}

func named(title string, taken map[string]bool) *model.Robot {
	r := robot(title)
	r.Name = model.NewName(taken)
	taken[r.Name] = true
	return r
}

// Against a portal that refuses 30 % of requests with QUERY_LIMIT_EXCEEDED, fails 5 % with
// HTTP 500, drops 5 % of connections, loses 5 % of answers after doing the work and answers
// slowly, repeated syncs converge: the portal ends up with exactly the project's robots, no
// robot is ever duplicated, every local edit survives (including one made while a sync runs),
// every portal edit comes in, and the portal never refuses a request for its rate limit because
// the client paces itself.
func TestConvergesUnderFaults(t *testing.T) {
	seeds := []uint64{7, 2024}
	if n, err := strconv.Atoi(os.Getenv("ROBODESK_FAULT_SEEDS")); err == nil {
		seeds = nil
		for i := 1; i <= n; i++ {
			seeds = append(seeds, uint64(i)*7919)
		}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { convergeUnderFaults(t, seed) })
	}
}

func convergeUnderFaults(t *testing.T, seed uint64) {
	limit := bitrix24.Limit{Rate: 200, Burst: 20}
	data := fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 6, Stages: 8, Users: 5, Departments: 1, SmartProcesses: 1}))
	var stages []model.StageRef
	for _, e := range data.Portal.Entities {
		for _, pl := range e.Pipelines {
			for _, st := range pl.Stages {
				stages = append(stages, ref(e.ID, st.StatusID))
			}
		}
	}
	taken := map[string]bool{}
	for i, r := range stages {
		if i%2 == 0 {
			raw, _ := plan.EncodeRobots([]*model.Robot{named(fmt.Sprintf("портал %d.1", i), taken), named(fmt.Sprintf("портал %d.2", i), taken)})
			if err := data.SetRobots(r, raw); err != nil {
				t.Fatal(err)
			}
		}
	}
	b := newBench(t, setup{data: data,
		fake: fake.Options{Limit: limit, QueryLimitRate: 0.30, ServerErrorRate: 0.05, DropRate: 0.05, LostAnswerRate: 0.05,
			Latency: 2 * time.Millisecond, RandSeed: seed},
		// Few attempts per call, so that whole stages fail now and then and are finished by
		// the next round.
		client: bitrix24.Options{Limit: limit, Retry: bitrix24.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}},
	})
	rounds1, failed1 := b.converge(40, nil)
	b.inAgreement()

	// Edits on both sides, on different stages, so that none is a conflict.
	for i, r := range stages {
		switch i % 3 {
		case 0:
			b.do(model.Add{To: r, Index: 0, Robots: []*model.Robot{robot(fmt.Sprintf("локальный %d", i))}})
			if rs := b.local(r); len(rs) >= 3 {
				b.do(model.Update{Robots: []*model.Robot{retitled(rs[1], fmt.Sprintf("изменён %d", i))}})
				b.do(model.Delete{IDs: []string{rs[2].ID}})
			}
		case 1:
			rs := b.remote(r)
			rs = append(rs, named(fmt.Sprintf("с портала %d", i), taken))
			rs[0] = retitled(rs[0], fmt.Sprintf("изменён на портале %d", i))
			b.setRemote(r, rs)
		case 2:
			if rs := b.local(r); len(rs) >= 2 {
				b.do(model.Reorder{Stage: r, IDs: []string{rs[1].ID, rs[0].ID}})
			} else {
				b.do(model.Add{To: r, Index: -1, Robots: []*model.Robot{robot(fmt.Sprintf("локальный %d", i))}})
			}
		}
	}
	want := map[model.StageRef][]*model.Robot{}
	for i, r := range stages {
		if i%3 == 1 {
			want[r] = b.remote(r)
		} else {
			want[r] = b.local(r)
		}
	}
	// A user edits a stage while the first sync round is running.
	late := stages[6]
	rounds2, failed2 := b.converge(40, func(plans int) {
		if plans == 1 {
			b.do(model.Add{To: late, Index: -1, Robots: []*model.Robot{robot("во время синхронизации")}})
			want[late] = b.local(late)
		}
	})
	b.inAgreement()
	count := b.noDuplicates()
	for _, r := range stages {
		if !plan.SameRobots(b.local(r), want[r]) {
			t.Errorf("%s: project %s, want %s", r, titles(b.local(r)), titles(want[r]))
		}
	}
	st := b.srv.Stats()
	if st.RefusedByLimit != 0 {
		t.Errorf("the portal refused %d requests for its rate limit", st.RefusedByLimit)
	}
	if st.Faults[fake.FaultQueryLimit] == 0 || st.Faults[fake.FaultServerError]+st.Faults[fake.FaultDrop]+st.Faults[fake.FaultLostAnswer] == 0 {
		t.Errorf("faults were not all injected: %v", st.Faults)
	}
	if b.pending() != 0 {
		t.Errorf("pending %d after convergence", b.pending())
	}
	t.Logf("seed %d: first sync %d rounds (%d failed), second %d rounds (%d failed); %d robots on %d stages; %d requests, %d template writes, faults %v, refused by limit %d, client retries %d",
		seed, rounds1, failed1, rounds2, failed2, count, len(stages), st.Requests, st.Methods[bitrix24.MethodTemplateSet], st.Faults, st.RefusedByLimit, b.eng.Client().Stats().Retries)
}

// The same portal without the client's limiter: the emulator does count refusals, so the zero
// above means something.
func TestWithoutTheLimiterThePortalRefuses(t *testing.T) {
	limit := bitrix24.Limit{Rate: 5, Burst: 5}
	b := newBench(t, setup{fake: fake.Options{Limit: limit}, client: bitrix24.Options{NoLimiter: true, Retry: bitrix24.RetryPolicy{MaxAttempts: 30, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}}})
	for i := 0; i < 3; i++ {
		_, _ = b.eng.Pull(b.ctx, b.doc) // some pulls fail: the portal refuses them
	}
	if st := b.srv.Stats(); st.RefusedByLimit == 0 {
		t.Fatalf("no refusals without the limiter: %+v", st)
	}
}
