package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"robodesk/assets"
	"robodesk/model"
)

// memDoc is an in-memory Document for benchmarks: commands apply to the project directly.
type memDoc struct {
	p    *model.Project
	subs []func(model.Change)
	done []model.Change
}

func (m *memDoc) Project() *model.Project { return m.p }
func (m *memDoc) Do(cmd model.Command) (model.Change, error) {
	ch, err := cmd.Change(m.p)
	if err != nil {
		return ch, err
	}
	if err := m.p.Apply(ch.Do); err != nil {
		return ch, err
	}
	m.done = append(m.done, ch)
	for _, f := range m.subs {
		f(ch)
	}
	return ch, nil
}
func (m *memDoc) Undo() (model.Change, error) {
	ch := m.done[len(m.done)-1].Inverse()
	m.done = m.done[:len(m.done)-1]
	return ch, m.p.Apply(ch.Do)
}
func (m *memDoc) Redo() (model.Change, error)    { return model.Change{}, fmt.Errorf("no redo") }
func (m *memDoc) CanUndo() bool                  { return len(m.done) > 0 }
func (m *memDoc) CanRedo() bool                  { return false }
func (m *memDoc) Subscribe(f func(model.Change)) { m.subs = append(m.subs, f) }
func (m *memDoc) Get(string, any) (bool, error)  { return false, nil }
func (m *memDoc) Put(string, any) error          { return nil }
func (m *memDoc) Path() string                   { return ":memory:" }
func (m *memDoc) Name() string                   { return "bench" }
func (m *memDoc) Close() error                   { return nil }

// bigProject is a deal pipeline of stages×perStage robots, made of the demo's robots with
// their delays, conditions and texts, under fresh titles.
func bigProject(tb testing.TB, stages, perStage int) (*memDoc, model.PipelineKey) {
	tb.Helper()
	portal := demoPortal(tb)
	deal := portal.Entity("DEAL")
	pl := &model.Pipeline{ID: 9, Name: "Большая воронка", Sort: 900}
	for i := 0; i < stages; i++ {
		pl.Stages = append(pl.Stages, model.Stage{StatusID: fmt.Sprintf("C9:S%02d", i), Name: fmt.Sprintf("Стадия %d", i+1), Sort: i * 10, Color: "#39A8EF"})
	}
	deal.Pipelines = append(deal.Pipelines, pl)
	demo := newDemoProject(tb)
	var samples []*model.Robot
	for _, ref := range demo.Stages() {
		if ref.Entity == "DEAL" {
			samples = append(samples, demo.Robots(ref)...)
		}
	}
	p := model.NewProject(portal)
	for i, st := range pl.Stages {
		ref := model.StageRef{Entity: "DEAL", Status: st.StatusID}
		var rs []*model.Robot
		for j := 0; j < perStage; j++ {
			r := samples[(i*perStage+j)%len(samples)].Clone()
			r.ID = fmt.Sprintf("r%02d-%02d", i, j)
			r.Pos = float64(j + 1)
			r.Properties["Title"] = fmt.Sprintf("%s №%d", r.Title(), i*perStage+j)
			rs = append(rs, r)
		}
		p.Load(ref, model.StageMeta{Triggers: []model.Trigger{{Name: "Входящий звонок", Code: "CALL"}}}, rs)
	}
	return &memDoc{p: p}, model.PipelineKey{Entity: "DEAL", Category: 9}
}

// newDemoProject is the demo project in memory.
func newDemoProject(tb testing.TB) *model.Project {
	tb.Helper()
	p, err := assets.DemoProject()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkBoardBuild30x50 builds and lays out a 30-stage board of 50 robots each: columns,
// cards with their summaries and validation, and every renderer, in a 1440×860 window.
func BenchmarkBoardBuild30x50(b *testing.B) {
	test.NewTempApp(b)
	fyne.CurrentApp().Settings().SetTheme(newTheme())
	setLang(b, "ru")
	doc, key := bigProject(b, 30, 50)
	w := test.NewTempWindow(b, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1440, 860))
	d := NewDesk(w, doc, nil)
	d.board.tick = 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bd := newBoard(d)
		bd.d.board = bd
		bd.show(key)
		w.SetContent(bd)
	}
	b.StopTimer()
	if n := len(d.board.cards); n != 1500 {
		b.Fatalf("board has %d cards, want 1500", n)
	}
}

// BenchmarkDragMove handles one pointer move of a drag across the 30×50 board: hit-testing,
// moving the ghost and the insertion line, re-marking the target column when it changes.
func BenchmarkDragMove(b *testing.B) {
	test.NewTempApp(b)
	fyne.CurrentApp().Settings().SetTheme(newTheme())
	doc, key := bigProject(b, 30, 50)
	w := test.NewTempWindow(b, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1440, 860))
	d := NewDesk(w, doc, nil)
	d.board.tick = 0
	d.board.mods = func() fyne.KeyModifier { return 0 }
	d.board.show(key)
	c := d.board.cols[0].cards[3]
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	start := abs.Add(fyne.NewPos(30, 10))
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: start, Position: fyne.NewPos(30, 10)}, Button: desktop.MouseButtonPrimary})
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: start.Add(fyne.NewPos(40, 40))}, Dragged: fyne.NewDelta(40, 40)})
	if !d.board.drag.dragging() {
		b.Fatal("no drag under way")
	}
	// Sweep across four columns and down their cards, so targets and slots keep changing.
	var points []*fyne.DragEvent
	for i := 0; i < 64; i++ {
		p := start.Add(fyne.NewPos(float32(i%16)*70, float32(i/16)*150))
		points = append(points, &fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: p}, Dragged: fyne.NewDelta(70, 0)})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Dragged(points[i%len(points)])
	}
	b.StopTimer()
	if d.board.target < 0 {
		b.Fatal("the sweep ended outside the columns")
	}
	c.DragEnd()
	_ = key
}
