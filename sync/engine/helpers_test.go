package engine_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"robodesk/model"
	"robodesk/model/store"
	"robodesk/sync/bitrix24"
	"robodesk/sync/creds"
	"robodesk/sync/engine"
	"robodesk/sync/fake"
	"robodesk/sync/plan"
)

// roomy is a bucket big enough that well-behaved tests never wait for it.
var roomy = bitrix24.Limit{Rate: 200, Burst: 100}

// fast retries keep fault tests quick; the behaviour is the same as with the defaults.
var fast = bitrix24.RetryPolicy{MaxAttempts: 10, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond}

// bench is an emulated portal, a project file and an engine connected to the portal.
type bench struct {
	t    *testing.T
	srv  *fake.Server
	base string
	hook string
	path string
	doc  *store.Store
	eng  *engine.Engine
	log  *syncBuffer
	ctx  context.Context
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type setup struct {
	data   *fake.Data
	fake   fake.Options
	client bitrix24.Options
}

func newBench(t *testing.T, cfg setup) *bench {
	t.Helper()
	if cfg.data == nil {
		cfg.data = fake.Demo()
	}
	if cfg.fake.Limit == (bitrix24.Limit{}) {
		cfg.fake.Limit = roomy
	}
	if cfg.client.Limit == (bitrix24.Limit{}) {
		cfg.client.Limit = cfg.fake.Limit
	}
	if cfg.client.Retry == (bitrix24.RetryPolicy{}) {
		cfg.client.Retry = fast
	}
	if cfg.fake.WebhookCode == "" {
		cfg.fake.WebhookCode = "hookc0de5ecret"
	}
	// The project starts from the same reference data, without robots: what a user has after
	// creating a project for the portal.
	snapshot := fake.FromPortal(cfg.data.Portal).Portal
	b := &bench{t: t, log: &syncBuffer{}, ctx: context.Background()}
	b.srv = fake.New(cfg.data, cfg.fake)
	ts := httptest.NewServer(b.srv)
	t.Cleanup(ts.Close)
	b.base = ts.URL
	b.hook = b.srv.WebhookURL(ts.URL)
	b.path = filepath.Join(t.TempDir(), "project.sqlite")
	doc, err := store.Create(b.path, "test", snapshot)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { doc.Close() })
	b.doc = doc
	cs, err := creds.Open(creds.Options{Dir: t.TempDir(), NoKeyring: true})
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(b.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	b.eng = engine.New(engine.Options{Creds: cs, Client: cfg.client, Logger: logger})
	// A portal with injected faults may refuse the first attempts too.
	for attempt := 1; ; attempt++ {
		_, err := b.eng.Connect(b.ctx, b.hook)
		if err == nil {
			break
		}
		if attempt == 10 {
			t.Fatal(err)
		}
	}
	return b
}

func ref(entity, status string) model.StageRef { return model.StageRef{Entity: entity, Status: status} }

// pull pulls and returns the plan.
func (b *bench) pull() *plan.Plan {
	b.t.Helper()
	p, err := b.eng.Pull(b.ctx, b.doc)
	if err != nil {
		b.t.Fatal(err)
	}
	return p
}

// apply applies a plan and fails the test on an error for the whole apply.
func (b *bench) apply(p *plan.Plan) *plan.Result {
	b.t.Helper()
	res, err := b.eng.Apply(b.ctx, b.doc, p, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return res
}

// sync pulls and applies until nothing is left to do, as a user pressing Sync would.
func (b *bench) sync() {
	b.t.Helper()
	res := b.apply(b.pull())
	if !res.Complete() {
		b.t.Fatalf("not applied: %+v", res.NotApplied)
	}
}

// remote decodes the portal's robots of a stage.
func (b *bench) remote(r model.StageRef) []*model.Robot {
	b.t.Helper()
	rs, err := plan.DecodeRobots(b.srv.Template(r.Entity, r.Status).Robots)
	if err != nil {
		b.t.Fatal(err)
	}
	return rs
}

// setRemote changes a stage on the portal, as somebody in the browser would.
func (b *bench) setRemote(r model.StageRef, rs []*model.Robot) {
	b.t.Helper()
	raw, err := plan.EncodeRobots(rs)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := b.srv.Edit(func(d *fake.Data) error { return d.SetRobots(r, raw) }); err != nil {
		b.t.Fatal(err)
	}
}

func (b *bench) local(r model.StageRef) []*model.Robot { return b.doc.Project().Robots(r) }

func (b *bench) do(cmd model.Command) {
	b.t.Helper()
	if _, err := b.doc.Do(cmd); err != nil {
		b.t.Fatal(err)
	}
}

// pending is the status bar's count of local changes.
func (b *bench) pending() int {
	b.t.Helper()
	st, err := b.eng.Status(b.doc)
	if err != nil {
		b.t.Fatal(err)
	}
	return st.Pending
}

// inAgreement checks that the portal holds exactly the project's robots on every stage.
func (b *bench) inAgreement() {
	b.t.Helper()
	for _, e := range b.doc.Project().Portal.Entities {
		for _, pl := range e.Pipelines {
			for _, st := range pl.Stages {
				r := ref(e.ID, st.StatusID)
				if !plan.SameRobots(b.local(r), b.remote(r)) {
					b.t.Errorf("%s: project %s, portal %s", r, titles(b.local(r)), titles(b.remote(r)))
				}
			}
		}
	}
}

func titles(rs []*model.Robot) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Title())
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// robot is a new message robot.
func robot(title string) *model.Robot {
	return &model.Robot{Type: "SocNetMessageActivity", Activated: true,
		Properties: model.Properties{"Title": title, "MessageText": "Сделка {=Document:TITLE}", "MessageUserTo": []any{"{=Document:ASSIGNED_BY_ID}"}}}
}

func retitled(r *model.Robot, title string) *model.Robot {
	c := r.Clone()
	c.Properties["Title"] = title
	return c
}

func ids(rs []*model.Robot) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// reopen opens a closed project file again and returns its project.
func reopen(t *testing.T, path string) *model.Project {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s.Project()
}
