package engine_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"robodesk/model"
	"robodesk/model/store"
	"robodesk/sync/bitrix24"
	"robodesk/sync/creds"
	"robodesk/sync/engine"
	"robodesk/sync/fake"
	"robodesk/sync/plan"
)

// bigSync is a portal of 10 pipelines × 15 stages (plus leads) with 8 robots on every stage,
// synced once into a project.
func bigSync(b *testing.B) (*engine.Engine, *store.Store, []model.StageRef) {
	b.Helper()
	data := fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 10, Stages: 15, Users: 20, Departments: 2}))
	var stages []model.StageRef
	taken := map[string]bool{}
	for _, e := range data.Portal.Entities {
		for _, pl := range e.Pipelines {
			for _, st := range pl.Stages {
				r := model.StageRef{Entity: e.ID, Status: st.StatusID}
				stages = append(stages, r)
				var rs []*model.Robot
				for i := 0; i < 8; i++ {
					rs = append(rs, named(fmt.Sprintf("%s robot %d", st.StatusID, i), taken))
				}
				raw, _ := plan.EncodeRobots(rs)
				if err := data.SetRobots(r, raw); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	srv := fake.New(data, fake.Options{NoLimit: true})
	ts := httptest.NewServer(srv)
	b.Cleanup(ts.Close)
	doc, err := store.Create(filepath.Join(b.TempDir(), "p.sqlite"), "bench", fake.FromPortal(data.Portal).Portal)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { doc.Close() })
	cs, _ := creds.Open(creds.Options{Dir: b.TempDir(), NoKeyring: true})
	eng := engine.New(engine.Options{Creds: cs, Client: bitrix24.Options{NoLimiter: true}})
	ctx := context.Background()
	if _, err := eng.Connect(ctx, srv.WebhookURL(ts.URL)); err != nil {
		b.Fatal(err)
	}
	p, err := eng.Pull(ctx, doc)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := eng.Apply(ctx, doc, p, nil); err != nil {
		b.Fatal(err)
	}
	return eng, doc, stages
}

// BenchmarkMakePlan measures the three-way plan of 165 stages × 8 robots with one local change
// per stage: decoding the portal's robots and the bases, and diffing.
func BenchmarkMakePlan(b *testing.B) {
	eng, doc, stages := bigSync(b)
	for i, r := range stages {
		rs := doc.Project().Robots(r)
		if _, err := doc.Do(model.Update{Robots: []*model.Robot{retitled(rs[i%8], "changed")}}); err != nil {
			b.Fatal(err)
		}
	}
	remote, err := eng.Fetch(context.Background(), doc)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := engine.MakePlan(doc, remote)
		if err != nil || p.Summary().Push != len(stages) {
			b.Fatalf("plan %v, %v", p.Summary(), err)
		}
	}
}

// BenchmarkPush measures a whole sync that pushes one changed robot on each of 165 stages
// (pull, plan, freshness check, 165 writes, base records), without the rate limit's pacing.
func BenchmarkPush(b *testing.B) {
	eng, doc, stages := bigSync(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, r := range stages {
			rs := doc.Project().Robots(r)
			if _, err := doc.Do(model.Update{Robots: []*model.Robot{retitled(rs[0], fmt.Sprintf("round %d", i))}}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		p, err := eng.Pull(ctx, doc)
		if err != nil {
			b.Fatal(err)
		}
		res, err := eng.Apply(ctx, doc, p, nil)
		if err != nil || len(res.Applied) != len(stages) {
			b.Fatalf("apply: %v", err)
		}
	}
}
