package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"robodesk/model"
	"robodesk/model/calendar"
	"robodesk/sync/bitrix24"
	"robodesk/sync/engine"
	"robodesk/sync/fake"
	"robodesk/sync/plan"
)

var (
	dealNew = ref("DEAL", "NEW")
	dealWon = ref("DEAL", "WON")
	leadNew = ref("LEAD", "NEW")
)

// A first sync of an empty project takes the portal's robots in, as one undoable edit, and
// records a base for every stage.
func TestFirstSyncTakesThePortalsRobots(t *testing.T) {
	b := newBench(t, setup{})
	if b.pending() != 0 {
		t.Fatalf("an empty project has %d pending changes", b.pending())
	}
	p := b.pull()
	sum := p.Summary()
	if sum.Take != 4 || sum.Push != 0 || sum.Conflicts != 0 || sum.Stages != 3 {
		t.Fatalf("summary %+v", sum)
	}
	res := b.apply(p)
	if len(res.Applied) != 3 || !res.Complete() {
		t.Fatalf("result %+v", res)
	}
	b.inAgreement()
	if n := b.pending(); n != 0 {
		t.Fatalf("%d pending after a sync", n)
	}
	if p := b.pull(); len(p.Changed()) != 0 {
		t.Fatalf("a second plan has changes: %v", p.Summary())
	}
	hist, _ := b.doc.History(1)
	if len(hist) != 1 || hist[0].Label != "sync" {
		t.Fatalf("history %+v", hist)
	}
	st, _ := engine.ReadState(b.doc)
	if st.Host != strings.TrimPrefix(b.base, "http://") || st.LastSync.IsZero() || st.LastPull.IsZero() || st.Connector != fake.ConnectorVersion {
		t.Errorf("state %+v", st)
	}
	// Undoing the sync is an edit like any other: the robots leave the project again, and the
	// next plan offers to remove them from the portal.
	if _, err := b.doc.Undo(); err != nil {
		t.Fatal(err)
	}
	if b.doc.Project().RobotCount() != 0 || b.pending() != 4 {
		t.Fatalf("after undo: %d robots, %d pending", b.doc.Project().RobotCount(), b.pending())
	}
	if sum := b.pull().Summary(); sum.Push != 4 || sum.Removed != 4 {
		t.Fatalf("after undo the plan is %+v", sum)
	}
}

// Local edits of every kind reach the portal exactly, one write per stage.
func TestPushLocalEdits(t *testing.T) {
	b := newBench(t, setup{})
	b.sync()
	before := b.srv.Stats().Methods[bitrix24.MethodTemplateSet]
	deal := b.local(dealNew)
	b.do(model.Update{Robots: []*model.Robot{retitled(deal[0], "Письмо клиенту (новое)")}})
	b.do(model.Add{To: dealNew, Index: 0, Robots: []*model.Robot{robot("Новый робот")}})
	b.do(model.Delete{IDs: []string{b.local(dealWon)[0].ID}})
	b.do(model.Add{To: ref("DEAL", "C1:NEW"), Index: -1, Robots: []*model.Robot{robot("Партнёр"), robot("Второй")}})
	lead := b.local(leadNew)
	b.do(model.Add{To: leadNew, Index: -1, Robots: []*model.Robot{robot("Лид 2")}})
	b.sync() // lead gets its second robot first, so that a reorder can follow
	lead = b.local(leadNew)
	b.do(model.Reorder{Stage: leadNew, IDs: []string{lead[1].ID, lead[0].ID}})
	if n := b.pending(); n != 1 {
		t.Fatalf("pending %d, want 1 (the reordering)", n)
	}
	p := b.pull()
	if s := p.Stage(leadNew); s == nil || s.Order == nil || s.Order.Action != plan.Push {
		t.Fatalf("reordering not planned: %+v", s)
	}
	b.apply(p)
	b.inAgreement()
	if b.pending() != 0 {
		t.Fatalf("pending %d", b.pending())
	}
	// DEAL/NEW, DEAL/WON, C1:NEW and LEAD/NEW twice: five writes, none repeated.
	if got := b.srv.Stats().Methods[bitrix24.MethodTemplateSet] - before; got != 5 {
		t.Errorf("%d writes, want 5", got)
	}
}

// A change on the portal between plan and apply makes the plan stale: nothing is written.
func TestRemoteChangeBetweenPlanAndApplyIsDetected(t *testing.T) {
	b := newBench(t, setup{})
	b.sync()
	b.do(model.Add{To: dealNew, Index: -1, Robots: []*model.Robot{robot("Мой")}})
	b.do(model.Add{To: dealWon, Index: -1, Robots: []*model.Robot{robot("Мой 2")}})
	p := b.pull()
	b.setRemote(dealNew, append(b.remote(dealNew), robot("Чужой")))
	wonBefore := b.srv.Template("DEAL", "WON").Revision
	_, err := b.eng.Apply(b.ctx, b.doc, p, nil)
	var stale *engine.StaleError
	if !errors.As(err, &stale) || !errors.Is(err, engine.ErrStale) || len(stale.Remote) != 1 || stale.Remote[0] != dealNew {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "DEAL/NEW") {
		t.Errorf("the error does not name the stage: %v", err)
	}
	if b.srv.Template("DEAL", "WON").Revision != wonBefore {
		t.Fatal("a stale plan wrote to the portal")
	}
	// Planning again sees both changes and pushes ours next to theirs.
	b.sync()
	b.inAgreement()
	if got := titles(b.local(dealNew)); !strings.Contains(got, "Мой") || !strings.Contains(got, "Чужой") {
		t.Fatalf("DEAL/NEW holds %s", got)
	}
}

// An edit in the project between plan and apply makes the plan stale too.
func TestLocalChangeBetweenPlanAndApplyIsDetected(t *testing.T) {
	b := newBench(t, setup{})
	b.sync()
	b.do(model.Add{To: dealNew, Index: -1, Robots: []*model.Robot{robot("Мой")}})
	p := b.pull()
	b.do(model.Update{Robots: []*model.Robot{retitled(b.local(dealNew)[0], "Поправил")}})
	_, err := b.eng.Apply(b.ctx, b.doc, p, nil)
	var stale *engine.StaleError
	if !errors.As(err, &stale) || len(stale.Local) != 1 || stale.Local[0] != dealNew {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(titles(b.remote(dealNew)), "Мой") {
		t.Fatal("a stale plan wrote to the portal")
	}
}

// A robot changed on both sides is a conflict; apply refuses until a side is chosen, and the
// choice is carried out exactly.
func TestConflictsAreResolvedOnlyByChoice(t *testing.T) {
	for _, choice := range []plan.Choice{plan.Mine, plan.Theirs} {
		t.Run(string(choice), func(t *testing.T) {
			b := newBench(t, setup{})
			b.sync()
			mine := retitled(b.local(dealNew)[0], "мой заголовок")
			b.do(model.Update{Robots: []*model.Robot{mine}})
			theirs := b.remote(dealNew)
			theirs[0] = retitled(theirs[0], "их заголовок")
			b.setRemote(dealNew, theirs)

			p := b.pull()
			if sum := p.Summary(); sum.Conflicts != 1 || sum.Unresolved != 1 {
				t.Fatalf("summary %+v", sum)
			}
			revBefore := b.srv.Template("DEAL", "NEW").Revision
			if _, err := b.eng.Apply(b.ctx, b.doc, p, nil); !errors.Is(err, plan.ErrUnresolved) {
				t.Fatalf("unresolved plan applied: %v", err)
			}
			if b.srv.Template("DEAL", "NEW").Revision != revBefore || b.local(dealNew)[0].Title() != "мой заголовок" {
				t.Fatal("an unresolved conflict changed a side")
			}
			s := p.Stage(dealNew)
			if err := p.Choose(dealNew, s.Robots[0].Name, choice); err != nil {
				t.Fatal(err)
			}
			b.apply(p)
			b.inAgreement()
			want := map[plan.Choice]string{plan.Mine: "мой заголовок", plan.Theirs: "их заголовок"}[choice]
			if got := b.local(dealNew)[0].Title(); got != want {
				t.Fatalf("project has %q, want %q", got, want)
			}
			if choice == plan.Theirs {
				// Taking theirs was an edit of the project: undo brings mine back.
				if _, err := b.doc.Undo(); err != nil {
					t.Fatal(err)
				}
				if got := b.local(dealNew)[0].Title(); got != "мой заголовок" {
					t.Fatalf("after undo %q", got)
				}
				if b.local(dealNew)[0].ID != mine.ID {
					t.Fatal("the robot lost its identity")
				}
			}
		})
	}
}

// A stage that fails leaves no base; the others are applied; running again finishes.
func TestPartialFailureThenRerunFinishes(t *testing.T) {
	b := newBench(t, setup{})
	b.sync()
	b.do(model.Add{To: dealNew, Index: -1, Robots: []*model.Robot{robot("А")}})
	b.do(model.Add{To: dealWon, Index: -1, Robots: []*model.Robot{robot("Б")}})
	b.do(model.Add{To: leadNew, Index: -1, Robots: []*model.Robot{robot("В")}})
	p := b.pull()
	// Somebody opens DEAL/WON in the business-process designer after the plan was made; the
	// revision stays, the connector refuses the write.
	if err := b.srv.Edit(func(d *fake.Data) error { return d.SetExternalModified(dealWon, true) }); err != nil {
		t.Fatal(err)
	}
	res := b.apply(p)
	if len(res.Applied) != 2 || len(res.NotApplied) != 1 || res.NotApplied[0].Stage != dealWon ||
		res.NotApplied[0].Reason != plan.BlockedExternal {
		t.Fatalf("result %+v", res)
	}
	if b.pending() != 1 {
		t.Fatalf("pending %d, want the one robot not pushed", b.pending())
	}
	// While the mark stays, the plan blocks the stage instead of trying.
	if s := b.pull().Stage(dealWon); s.Blocked != plan.BlockedExternal {
		t.Fatalf("blocked %q", s.Blocked)
	}
	if err := b.srv.Edit(func(d *fake.Data) error { return d.SetExternalModified(dealWon, false) }); err != nil {
		t.Fatal(err)
	}
	b.sync()
	b.inAgreement()
	if b.pending() != 0 {
		t.Fatalf("pending %d", b.pending())
	}
}

// Cancelling stops between stages; the stages done are recorded, a re-run finishes the rest.
func TestCancelThenRerunFinishes(t *testing.T) {
	b := newBench(t, setup{})
	b.sync()
	for _, r := range []model.StageRef{dealNew, dealWon, leadNew, ref("DEAL", "C1:NEW")} {
		b.do(model.Add{To: r, Index: -1, Robots: []*model.Robot{robot("робот " + r.Status)}})
	}
	p := b.pull()
	ctx, cancel := context.WithCancel(b.ctx)
	var seen []int
	res, err := b.eng.Apply(ctx, b.doc, p, func(done, total int) {
		seen = append(seen, done)
		if done == 1 {
			cancel()
		}
		if total != 4 {
			t.Errorf("total %d", total)
		}
	})
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	if !res.Cancelled || len(res.Applied) != 1 || len(res.NotApplied) != 3 || seen[0] != 0 {
		t.Fatalf("result %+v, progress %v", res, seen)
	}
	if b.pending() != 3 {
		t.Fatalf("pending %d", b.pending())
	}
	b.sync()
	b.inAgreement()
}

// A portal without the connector still gives its reference data; robots cannot be synced.
func TestPortalWithoutConnector(t *testing.T) {
	b := newBench(t, setup{fake: fake.Options{NoConnector: true}})
	p := b.pull()
	if !p.NoConnector || len(p.Stages) != 0 {
		t.Fatalf("plan %+v", p)
	}
	if got := b.doc.Project().Portal.Name; got != strings.TrimPrefix(b.base, "http://") {
		t.Fatalf("snapshot not saved: %q", got)
	}
	if _, err := b.eng.Apply(b.ctx, b.doc, p, nil); !errors.Is(err, bitrix24.ErrNoConnector) {
		t.Fatalf("apply: %v", err)
	}
	var sb strings.Builder
	_ = p.WriteText(&sb)
	if !strings.Contains(sb.String(), "robots cannot be read or written there") {
		t.Errorf("text: %s", sb.String())
	}
}

// A pull keeps what REST cannot tell: the portal's language, date formats and calendar.
func TestPullKeepsLocaleAndCalendar(t *testing.T) {
	b := newBench(t, setup{})
	before := b.doc.Project().Portal
	if before.Calendar.TZ != "Europe/Moscow" || before.DateFormat != "d.m.Y" {
		t.Fatalf("unexpected start %+v", before.Calendar)
	}
	b.pull()
	after := b.doc.Project().Portal
	if after.Calendar.TZ != "Europe/Moscow" || after.DateFormat != "d.m.Y" || after.Locale != "ru" || after.PulledAt.IsZero() {
		t.Fatalf("pull lost settings: %+v %q %q", after.Calendar, after.DateFormat, after.Locale)
	}
	if after.Calendar.TZ == calendar.Default().TZ && calendar.Default().TZ != "Europe/Moscow" {
		t.Fatal("calendar replaced by the default")
	}
}

// Robots on a stage the portal does not have are reported, not pushed.
func TestStageMissingOnThePortal(t *testing.T) {
	data := fake.Demo()
	b := newBench(t, setup{data: data})
	gone := ref("DEAL", "C1:PREPARATION")
	b.do(model.Add{To: gone, Index: -1, Robots: []*model.Robot{robot("Сирота")}})
	// The stage is removed on the portal.
	if err := b.srv.Edit(func(d *fake.Data) error {
		pl := d.Portal.Entity("DEAL").Pipeline(1)
		pl.Stages = append(pl.Stages[:1], pl.Stages[2:]...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	p := b.pull()
	s := p.Stage(gone)
	if s == nil || s.Blocked != plan.BlockedMissing {
		t.Fatalf("stage %+v", s)
	}
	res := b.apply(p)
	if len(b.local(gone)) != 1 {
		t.Fatal("the robots of a missing stage were dropped")
	}
	for _, o := range res.Applied {
		if o.Stage == gone {
			t.Fatal("a missing stage was applied")
		}
	}
}

// One engine serves the app across projects: each project talks to its own portal, even after
// another project was synced with another portal.
func TestEngineFollowsTheProjectsPortal(t *testing.T) {
	a := newBench(t, setup{})
	a.sync()
	other := newBench(t, setup{})
	// The app's engine (a's) connects to the other portal for the other project.
	if _, err := a.eng.Connect(a.ctx, other.hook); err != nil {
		t.Fatal(err)
	}
	p, err := a.eng.Pull(a.ctx, other.doc)
	if err != nil || p.Host != strings.TrimPrefix(other.base, "http://") {
		t.Fatalf("other project: %v %v", p, err)
	}
	// Back to the first project: its own portal, with its saved webhook.
	p, err = a.eng.Pull(a.ctx, a.doc)
	if err != nil || p.Host != strings.TrimPrefix(a.base, "http://") {
		t.Fatalf("first project: %+v %v", p, err)
	}
	if host, kind, ok := a.eng.Saved(a.doc); !ok || kind != "webhook" || host != p.Host {
		t.Fatalf("saved %q %q %v", host, kind, ok)
	}
	// A project never synced does not borrow the connection of another.
	fresh := newBench(t, setup{})
	if _, err := a.eng.Pull(a.ctx, fresh.doc); !errors.Is(err, engine.ErrNotConnected) {
		t.Fatalf("fresh project: %v", err)
	}
}
