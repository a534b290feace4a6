package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"robodesk/assets"
	"robodesk/model"
	"robodesk/model/store"
)

// setLang switches the views' language for one test and back to English afterwards.
func setLang(t testing.TB, code string) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	useLanguage(code)
	t.Cleanup(func() { useLanguage("en") })
}

// testDesk is a desk over a temp-file copy of the demo project, in a test window.
type testDesk struct {
	*Desk
	t    *testing.T
	w    fyne.Window
	path string
	s    *store.Store
}

func newTestDesk(t *testing.T, pipeline string) *testDesk {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	setLang(t, "en")
	path := filepath.Join(t.TempDir(), "p.sqlite")
	s, err := store.CreateDemo(path)
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	open := func(p string) (Document, error) {
		st, err := store.Open(p)
		if err != nil {
			return nil, err
		}
		return st, nil
	}
	d := NewDesk(w, s, open)
	d.idle = 0
	d.board.tick = 0
	d.board.mods = func() fyne.KeyModifier { return 0 }
	w.Resize(fyne.NewSize(1700, 1000))
	t.Cleanup(func() { d.Close() })
	if err := d.ShowPipeline(pipeline); err != nil {
		t.Fatal(err)
	}
	return &testDesk{Desk: d, t: t, w: w, path: path, s: s}
}

// robot finds a robot of the project by title.
func (td *testDesk) robot(title string) *model.Robot {
	td.t.Helper()
	for _, ref := range td.doc.Project().Stages() {
		for _, r := range td.doc.Project().Robots(ref) {
			if r.Title() == title {
				return r
			}
		}
	}
	td.t.Fatalf("no robot titled %q", title)
	return nil
}

func (td *testDesk) ref(status string) model.StageRef {
	return model.StageRef{Entity: td.key.Entity, Status: status}
}

func (td *testDesk) card(id string) *card {
	td.t.Helper()
	c := td.board.cards[id]
	if c == nil {
		td.t.Fatalf("no card for robot %s", id)
	}
	return c
}

func (td *testDesk) abs(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

// above is a point just above a card's middle in its column: a drop there lands before it.
func (td *testDesk) above(id string) fyne.Position {
	c := td.card(id)
	return td.abs(c).Add(fyne.NewPos(c.Size().Width/2, 4))
}

// below is a point under a column's last card: a drop there appends.
func (td *testDesk) below(status string) fyne.Position {
	col := td.board.byStage[td.ref(status)]
	return td.abs(col.scroll).Add(fyne.NewPos(col.scroll.Size().Width/2, col.scroll.Size().Height-10))
}

// press is one press on a card, driven as the real driver sends it: a mouse-down with
// modifiers, drag events with absolute positions along the way, then the release.
type press struct {
	ctrlDown, ctrlUp bool
	steps            int
	// during runs after the moves, before the release (e.g. pressing Esc).
	during func()
}

func (td *testDesk) drag(id string, to fyne.Position, g press) {
	td.t.Helper()
	c := td.card(id)
	grab := fyne.NewPos(40, 12)
	start := td.abs(c).Add(grab)
	var mods fyne.KeyModifier
	if g.ctrlDown {
		mods = fyne.KeyModifierControl
	}
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: start, Position: grab},
		Button: desktop.MouseButtonPrimary, Modifier: mods})
	steps := g.steps
	if steps == 0 {
		steps = 10
	}
	prev := start
	cardAt := td.abs(c)
	for i := 1; i <= steps; i++ {
		f := float32(i) / float32(steps)
		p := fyne.NewPos(start.X+(to.X-start.X)*f, start.Y+(to.Y-start.Y)*f)
		c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: p, Position: p.Subtract(cardAt)},
			Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
	if g.during != nil {
		g.during()
	}
	td.board.mods = func() fyne.KeyModifier {
		if g.ctrlUp {
			return fyne.KeyModifierShortcutDefault
		}
		return 0
	}
	c.DragEnd()
	td.board.mods = func() fyne.KeyModifier { return 0 }
}

// click taps a card, with modifiers held at the press.
func (td *testDesk) click(id string, mods fyne.KeyModifier) {
	c := td.card(id)
	if mods != 0 {
		c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: td.abs(c).Add(fyne.NewPos(5, 5)), Position: fyne.NewPos(5, 5)},
			Button: desktop.MouseButtonPrimary, Modifier: mods})
	}
	test.Tap(c)
}

func (td *testDesk) press(name fyne.KeyName) {
	td.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

func (td *testDesk) shortcut(s fyne.Shortcut) {
	td.w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// snapshot is the content of the shown pipeline: each stage's robots in order, as JSON.
func snapshot(t *testing.T, p *model.Project, key model.PipelineKey) map[string][]string {
	t.Helper()
	_, pl, err := p.Portal.Pipeline(key)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, st := range pl.Stages {
		for _, r := range p.Robots(model.StageRef{Entity: key.Entity, Status: st.StatusID}) {
			js, err := r.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			out[st.StatusID] = append(out[st.StatusID], r.ID+" "+string(js))
		}
	}
	return out
}

// onDisk is the snapshot of the project file as a fresh open reads it.
func (td *testDesk) onDisk() map[string][]string {
	td.t.Helper()
	s, err := store.Open(td.path)
	if err != nil {
		td.t.Fatalf("reopen %s: %v", td.path, err)
	}
	defer s.Close()
	return snapshot(td.t, s.Project(), td.key)
}

func (td *testDesk) inMemory() map[string][]string { return snapshot(td.t, td.doc.Project(), td.key) }

// checkDisk fails unless the project file holds what the views show.
func (td *testDesk) checkDisk() {
	td.t.Helper()
	if diff := diffSnap(td.inMemory(), td.onDisk()); diff != "" {
		td.t.Fatalf("model and SQLite disagree:\n%s", diff)
	}
}

func diffSnap(a, b map[string][]string) string {
	var out []string
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	for k := range seen {
		if strings.Join(a[k], "\n") != strings.Join(b[k], "\n") {
			out = append(out, fmt.Sprintf("stage %s:\n  %d robots vs %d robots\n  %v\n  %v", k, len(a[k]), len(b[k]), titles(a[k]), titles(b[k])))
		}
	}
	return strings.Join(out, "\n")
}

// titles extracts the titles of snapshot lines, for readable failures.
func titles(lines []string) []string {
	var out []string
	for _, l := range lines {
		i := strings.Index(l, `"Title":"`)
		if i < 0 {
			out = append(out, l[:8])
			continue
		}
		rest := l[i+9:]
		out = append(out, rest[:strings.Index(rest, `"`)])
	}
	return out
}

// order lists the titles of a stage's robots.
func (td *testDesk) order(status string) []string {
	var out []string
	for _, r := range td.doc.Project().Robots(td.ref(status)) {
		out = append(out, r.Title())
	}
	return out
}

// demoContent is the demo's portal and the command that fills it.
func demoContent(tb testing.TB) (*model.Portal, model.Command) {
	tb.Helper()
	p, cmd, err := assets.Demo()
	if err != nil {
		tb.Fatal(err)
	}
	return p, cmd
}
