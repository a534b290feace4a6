package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"robodesk/model"
	"robodesk/model/catalog"
)

// TestPasteAndDeleteMultiSelection selects two robots with Ctrl-click, copies them with
// Ctrl+C, pastes them into another stage with Ctrl+V and deletes the copies with Delete; each
// bulk action is one undo step, and the file follows.
func TestPasteAndDeleteMultiSelection(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	a, b := td.robot("Уведомление о новой сделке"), td.robot("Приветствие клиенту в WhatsApp")
	td.click(a.ID, 0)
	td.click(b.ID, fyne.KeyModifierControl)
	if got := td.board.selected(); !reflect.DeepEqual(got, []string{a.ID, b.ID}) {
		t.Fatalf("selection = %v, want both robots", got)
	}
	td.shortcut(&fyne.ShortcutCopy{})
	test.Tap(td.board.byStage[td.ref("PREPARATION")])
	before := td.inMemory()
	steps := td.journal()
	td.shortcut(&fyne.ShortcutPaste{})

	want := []string{"Подготовить коммерческое предложение", "Комментарий о подготовке документов", a.Title(), b.Title()}
	if got := td.order("PREPARATION"); !reflect.DeepEqual(got, want) {
		t.Fatalf("PREPARATION = %v, want %v", got, want)
	}
	pasted := td.doc.Project().Robots(td.ref("PREPARATION"))[2:]
	for i, src := range []*model.Robot{a, b} {
		cp := pasted[i]
		if cp.ID == src.ID || cp.Name == src.Name {
			t.Errorf("paste %d kept the original's ID or name", i)
		}
		same := cp.Clone()
		same.Name, same.DelayName = src.Name, src.DelayName
		if !model.Equal(same, src) {
			t.Errorf("paste %d differs from %q in its settings", i, src.Title())
		}
	}
	if got := td.board.selected(); !reflect.DeepEqual(got, []string{pasted[0].ID, pasted[1].ID}) {
		t.Errorf("selection after paste = %v, want the copies", got)
	}
	if n := td.journal() - steps; n != 1 {
		t.Errorf("paste took %d undo steps, want 1", n)
	}
	td.checkDisk()

	td.press(fyne.KeyDelete)
	if got := td.order("PREPARATION"); !reflect.DeepEqual(got, want[:2]) {
		t.Fatalf("after Delete PREPARATION = %v, want %v", got, want[:2])
	}
	if n := td.journal() - steps; n != 2 {
		t.Errorf("paste and delete took %d undo steps, want 2", n)
	}
	td.checkDisk()

	td.shortcut(&fyne.ShortcutUndo{})
	if got := td.order("PREPARATION"); !reflect.DeepEqual(got, want) {
		t.Fatalf("Ctrl+Z after Delete: PREPARATION = %v, want both copies back", got)
	}
	td.shortcut(&fyne.ShortcutUndo{})
	if diff := diffSnap(before, td.inMemory()); diff != "" {
		t.Fatalf("second Ctrl+Z did not undo the paste:\n%s", diff)
	}
	td.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	td.shortcut(&fyne.ShortcutRedo{})
	if got := td.order("PREPARATION"); !reflect.DeepEqual(got, want[:2]) {
		t.Fatalf("Ctrl+Shift+Z, Ctrl+Y: PREPARATION = %v, want the paste and the delete redone", got)
	}
	td.checkDisk()
}

// TestPasteFromAnotherProject pastes robots that reached the clipboard as Bitrix24 JSON.
func TestPasteFromAnotherProject(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	src := td.robot("Позвонить клиенту")
	text, err := robotsText([]*model.Robot{src})
	if err != nil {
		t.Fatal(err)
	}
	fyne.CurrentApp().Clipboard().SetContent(text)
	td.clip = nil
	test.Tap(td.board.byStage[td.ref("WON")])
	td.paste()
	got := td.doc.Project().Robots(td.ref("WON"))
	last := got[len(got)-1]
	if last.Title() != src.Title() || last.ID == src.ID {
		t.Fatalf("WON ends with %q (%s), want a copy of %q", last.Title(), last.ID, src.Title())
	}
	td.checkDisk()
}

// TestSelection covers Shift-click ranges, Ctrl-click toggling, Esc and Ctrl+A.
func TestSelection(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	new := append([]*model.Robot(nil), td.doc.Project().Robots(td.ref("NEW"))...)
	td.click(new[0].ID, 0)
	td.click(new[2].ID, fyne.KeyModifierShift)
	if got := td.board.selected(); !reflect.DeepEqual(got, []string{new[0].ID, new[1].ID, new[2].ID}) {
		t.Errorf("Shift-click range = %v", got)
	}
	if !td.card(new[1].ID).view.selected {
		t.Error("a card in the range is not drawn selected")
	}
	td.click(new[1].ID, fyne.KeyModifierControl)
	if got := td.board.selected(); !reflect.DeepEqual(got, []string{new[0].ID, new[2].ID}) {
		t.Errorf("Ctrl-click did not toggle: %v", got)
	}
	td.press(fyne.KeyEscape)
	if td.board.sel.len() != 0 || td.card(new[0].ID).view.selected {
		t.Error("Esc did not clear the selection")
	}
	td.shortcut(&fyne.ShortcutSelectAll{})
	if got := td.board.selected(); len(got) != len(new) {
		t.Errorf("Ctrl+A selected %d robots, want the stage's %d", len(got), len(new))
	}
}

// TestDragSelection drags a multi-selection: all of it moves, in board order, as one step.
func TestDragSelection(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	// Clone: the project's slice changes under the moves.
	new := append([]*model.Robot(nil), td.doc.Project().Robots(td.ref("NEW"))...)
	td.click(new[1].ID, 0)
	td.click(new[3].ID, fyne.KeyModifierControl)
	steps := td.journal()
	td.drag(new[3].ID, td.below("EXECUTING"), press{})
	got := td.order("EXECUTING")
	if tail := got[len(got)-2:]; !reflect.DeepEqual(tail, []string{new[1].Title(), new[3].Title()}) {
		t.Fatalf("EXECUTING ends with %v, want the two selected robots in order", tail)
	}
	if n := td.journal() - steps; n != 1 {
		t.Errorf("moving a selection took %d undo steps", n)
	}
	td.checkDisk()
	// The same with Ctrl copies both.
	td.drag(new[1].ID, td.below("NEW"), press{ctrlDown: true})
	if n := len(td.order("NEW")); n != 4 {
		t.Errorf("NEW has %d robots after copying two back, want 4", n)
	}
	td.checkDisk()
}

// TestAutoScroll drags towards the right edge: the board scrolls and a stage that was out of
// view takes the drop.
func TestAutoScroll(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	td.w.Resize(fyne.NewSize(900, 900))
	r := td.robot("Позвонить клиенту")
	c := td.card(r.ID)
	bp, bs := td.abs(td.board), td.board.Size()
	edge := fyne.NewPos(bp.X+bs.Width-8, bp.Y+300)
	td.drag(r.ID, edge, press{during: func() {
		for i := 0; i < 200 && td.board.autoScroll(); i++ {
		}
		if td.board.scroll.Offset.X == 0 {
			t.Fatal("the board did not scroll at its right edge")
		}
		if td.board.target != len(td.board.cols)-1 {
			t.Fatalf("target column = %d, want the last (%d) after scrolling", td.board.target, len(td.board.cols)-1)
		}
	}})
	_ = c
	if got := td.order("LOSE"); len(got) == 0 || got[len(got)-1] != r.Title() {
		t.Fatalf("LOSE = %v, want %q dropped at its end", got, r.Title())
	}
	td.checkDisk()
}

// TestOpenBadProject opens missing and broken files from the window: each gets an error dialog
// naming the file, and the open project stays usable.
func TestOpenBadProject(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.sqlite")
	data := append([]byte("SQLite format 3\x00"), make([]byte, 4000)...)
	for i := 100; i < len(data); i++ {
		data[i] = byte(i * 7)
	}
	os.WriteFile(corrupt, data, 0o644)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a project"), 0o644)
	for _, path := range []string{filepath.Join(dir, "missing.sqlite"), corrupt, text, dir} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			td := newTestDesk(t, "DEAL:0")
			doc := td.doc
			td.OpenPath(path)
			top := td.w.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no error dialog")
			}
			if td.doc != doc {
				t.Fatal("the open project was replaced")
			}
			if !strings.Contains(markup(top), filepath.Base(path)) {
				t.Errorf("the dialog does not name the file %s", path)
			}
			td.w.Canvas().Overlays().Remove(top)
			r := td.robot("Позвонить клиенту")
			td.drag(r.ID, td.below("PREPARATION"), press{})
			if got := td.order("PREPARATION"); got[len(got)-1] != r.Title() {
				t.Fatalf("the board does not work after the error: PREPARATION = %v", got)
			}
			td.checkDisk()
		})
	}
}

// markup renders an object's texts, to look for words in a dialog.
func markup(o fyne.CanvasObject) string { return test.RenderObjectToMarkup(o) }

// TestOpenAnotherProject switches the window to another project file.
func TestOpenAnotherProject(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	other := newTestDesk(t, "DEAL:0")
	other.Close()
	td.OpenPath(other.path)
	if td.doc.Path() != other.path {
		t.Fatalf("window shows %s, want %s", td.doc.Path(), other.path)
	}
	if len(td.board.cols) == 0 {
		t.Fatal("no board after opening")
	}
}

// TestSearch filters the cards and shows why a card matched.
func TestSearch(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	td.head.search.SetText("whatsapp")
	col := td.board.byStage[td.ref("NEW")]
	if len(col.cards) != 1 || !strings.Contains(col.cards[0].view.title, "WhatsApp") {
		t.Fatalf("search by title shows %d cards in NEW", len(col.cards))
	}
	if !col.cards[0].view.match {
		t.Error("the match is not highlighted")
	}
	// A word of the text: the card says where it matched, in the form the editor shows.
	td.head.search.SetText("Сумма")
	found := false
	for _, c := range td.board.byStage[td.ref("NEW")].cards {
		if strings.Contains(c.view.snippet, "{{Сумма") {
			found = true
		}
	}
	if !found {
		t.Error("no card shows a snippet with {{Сумма…}} for a text match")
	}
	td.head.search.SetText("")
	if len(td.board.byStage[td.ref("NEW")].cards) != 4 {
		t.Error("clearing the search did not bring the cards back")
	}
	td.focusSearch()
	if td.w.Canvas().Focused() != td.head.search {
		t.Error("Ctrl+F does not focus the search box")
	}
}

// TestAddRobot adds a robot from the catalog with its defaults and opens it.
func TestAddRobot(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	var task *catalog.Robot
	for _, ce := range catalog.All() {
		if ce.Type == "Task2Activity" {
			task = ce
		}
	}
	id := td.addRobot(td.ref("WON"), task)
	r, ref, _, ok := td.doc.Project().Robot(id)
	if !ok || ref.Status != "WON" || r.Type != "Task2Activity" || r.Title() != "Create task" || !r.Activated {
		t.Fatalf("added %+v in %v", r, ref)
	}
	if td.editor.id != id {
		t.Error("the new robot is not open in the editor")
	}
	if !catalogMatches(task, "задач") || catalogMatches(task, "webhook") {
		t.Error("catalog search does not match titles")
	}
	td.checkDisk()
}

// TestDuplicateAndToggle covers Ctrl+D and switching robots off.
func TestDuplicateAndToggle(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	r := td.robot("Позвонить клиенту")
	td.click(r.ID, 0)
	td.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault})
	if got := td.order("NEW"); len(got) != 5 || got[4] != r.Title() {
		t.Fatalf("NEW = %v after Ctrl+D", got)
	}
	td.toggleSelection(false)
	sel := td.board.selected()
	off, _, _, _ := td.doc.Project().Robot(sel[0])
	if off.Activated || td.card(sel[0]).view.active {
		t.Error("the robot was not switched off")
	}
	td.checkDisk()
}

// TestLanguageSwitch rebuilds the window in Russian and back, keeping its state.
func TestLanguageSwitch(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	r := td.robot("Приветствие клиенту в WhatsApp")
	td.click(r.ID, 0)
	td.SetLanguage("ru")
	if got := td.head.search.PlaceHolder; got != "Поиск роботов (Ctrl+F)" {
		t.Errorf("search placeholder = %q", got)
	}
	if got := td.card(r.ID).view.delay; got != "через 10 мин · раб. время" {
		t.Errorf("card delay = %q", got)
	}
	if td.editor.id != r.ID || !td.card(r.ID).view.selected {
		t.Error("the switch lost the open robot or the selection")
	}
	td.SetLanguage("en")
	if got := td.card(r.ID).view.delay; got != "in 10 min · working hours" {
		t.Errorf("card delay = %q after switching back", got)
	}
}

// TestEmptyWindow opens without a project and then opens one.
func TestEmptyWindow(t *testing.T) {
	test.NewTempApp(t)
	setLang(t, "en")
	w := test.NewTempWindow(t, nil)
	td := newTestDesk(t, "DEAL:0")
	td.Close()
	d := NewDesk(w, nil, td.open)
	if d.doc != nil {
		t.Fatal("a desk without a document has one")
	}
	d.undo()
	d.paste()
	d.OpenPath(td.path)
	if d.doc == nil || len(d.board.cols) == 0 {
		t.Fatal("opening a project from the empty window failed")
	}
	d.Close()
}

// TestChangeFromAnotherGoroutine makes an edit away from the UI thread, as a sync does: the
// board catches up through fyne.Do.
func TestChangeFromAnotherGoroutine(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	r := td.robot("Позвонить клиенту")
	done := make(chan error)
	go func() {
		_, err := td.s.Do(model.Move{IDs: []string{r.ID}, To: td.ref("WON"), Index: 0})
		done <- err
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	col := td.board.byStage[td.ref("WON")]
	if len(col.cards) == 0 || col.cards[0].id != r.ID {
		t.Fatal("the board did not show a change made on another goroutine")
	}
	for _, c := range td.board.byStage[td.ref("NEW")].cards {
		if c.id == r.ID {
			t.Fatal("the moved card is still shown in NEW")
		}
	}
	if !td.doc.CanUndo() || td.head.undo.Disabled() {
		t.Error("the undo button did not follow the change")
	}
}

// TestArrowKeys walks the board with the arrow keys and opens a robot with Enter.
func TestArrowKeys(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	newIDs := td.board.visibleOrder(td.ref("NEW"))
	prepIDs := td.board.visibleOrder(td.ref("PREPARATION"))
	steps := []struct {
		key  fyne.KeyName
		want string
	}{
		{fyne.KeyDown, newIDs[0]}, // nothing selected: the first card
		{fyne.KeyDown, newIDs[1]},
		{fyne.KeyDown, newIDs[2]},
		{fyne.KeyRight, prepIDs[1]}, // PREPARATION has two: the row is clamped
		{fyne.KeyUp, prepIDs[0]},
		{fyne.KeyUp, prepIDs[0]},
		{fyne.KeyLeft, newIDs[0]},
		{fyne.KeyLeft, newIDs[0]},
	}
	for i, s := range steps {
		td.press(s.key)
		if got := td.board.selected(); len(got) != 1 || got[0] != s.want {
			t.Fatalf("step %d (%s): selection %v, want %s", i, s.key, got, s.want)
		}
	}
	td.press(fyne.KeyReturn)
	if td.editor.id != newIDs[0] {
		t.Error("Enter did not open the selected robot")
	}
}
