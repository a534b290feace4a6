package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/store"
)

// journal counts the project's undo steps.
func (td *testDesk) journal() int {
	td.t.Helper()
	h, err := td.s.History(1000)
	if err != nil {
		td.t.Fatal(err)
	}
	n := 0
	for _, e := range h {
		if !e.Undone {
			n++
		}
	}
	return n
}

// reopened reads a robot back from a fresh open of the project file.
func (td *testDesk) reopened(id string) *model.Robot {
	td.t.Helper()
	s, err := store.Open(td.path)
	if err != nil {
		td.t.Fatal(err)
	}
	defer s.Close()
	r, _, _, ok := s.Project().Robot(id)
	if !ok {
		td.t.Fatalf("robot %s is not in the file", id)
	}
	return r.Clone()
}

func (td *testDesk) entry(key string) *textEntry {
	td.t.Helper()
	e, ok := td.editor.fields[key].(*textEntry)
	if !ok {
		td.t.Fatalf("editor has no text field %q (%T)", key, td.editor.fields[key])
	}
	return e
}

// typeInto focuses an entry, types, and leaves it, as a user moving on would.
func (td *testDesk) typeInto(e *textEntry, text string) {
	td.w.Canvas().Focus(e)
	test.Type(e, text)
	td.w.Canvas().Unfocus()
}

// TestEditorPersists edits a robot's text, delay and condition in the editor and checks that
// each survives in the project file and shows again when the robot is reopened.
func TestEditorPersists(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	r := td.robot("Уведомление о новой сделке")
	td.click(r.ID, 0)
	if td.editor.id != r.ID {
		t.Fatalf("editor shows %q, want the clicked robot", td.editor.id)
	}
	steps := td.journal()

	// Text: the field shows fields by title and stores them by code.
	msg := td.entry("MessageText")
	if !strings.Contains(msg.Text, "{{Название сделки}}") || strings.Contains(msg.Text, "{=Document:TITLE}") {
		t.Fatalf("message field shows %q, want the friendly {{Название сделки}}", msg.Text)
	}
	msg.SetText("")
	td.typeInto(msg, "Сумма: {{Сумма > printable}}!")

	// Delay: two days after creation, in working time only.
	de := td.editor.delay
	de.mode.SetSelectedIndex(modeAfter)
	td.w.Canvas().Focus(de.value)
	de.value.SetText("")
	test.Type(de.value, "2")
	td.w.Canvas().Unfocus()
	de.unit.SetSelectedIndex(2)
	de.work.SetChecked(true)
	de.after.SetChecked(true)

	// Condition: Сумма > 1000000.
	ce := td.editor.cond
	ce.addRow()
	if len(ce.items) != 1 {
		t.Fatalf("condition has %d rows, want 1", len(ce.items))
	}
	ce.items[0].op.SetSelected(opText(">"))
	val, ok := ce.items[0].value.(*textEntry)
	if !ok {
		t.Fatalf("value widget of a money field is %T, want a text entry", ce.items[0].value)
	}
	td.typeInto(val, "1000000")

	got := td.doc.Project()
	saved, _, _, _ := got.Robot(r.ID)
	wantText := "Сумма: {=Document:OPPORTUNITY > printable}!"
	if s := saved.Properties["MessageText"]; s != wantText {
		t.Errorf("MessageText = %q, want %q", s, wantText)
	}
	d := saved.Delay
	if d == nil || d.Type != model.DelayAfter || d.Value != 2 || d.ValueType != "d" || d.Basis != model.BasisNow || !d.WorkTime {
		t.Errorf("delay = %+v, want after 2 d from now in working time", d)
	}
	if saved.DelayName == "" {
		t.Error("a delayed robot got no DelayName")
	}
	if !saved.ExecuteAfterPrevious {
		t.Error("after-previous not saved")
	}
	c := saved.Condition
	if c == nil || len(c.Items) != 1 || c.Items[0].Field != "OPPORTUNITY" || c.Items[0].Operator != ">" || c.Items[0].Value != "1000000" {
		t.Errorf("condition = %+v, want OPPORTUNITY > 1000000", c)
	}
	// text, mode, value, unit, work time, after previous, add row, operator, value
	if n := td.journal() - steps; n != 9 {
		t.Errorf("the edits took %d undo steps, want 9 (one per change, one per burst of typing)", n)
	}

	// The card shows the new summaries.
	cv := td.card(r.ID).view
	if cv.delay != "after previous · in 2 d · working hours" || cv.cond != "if Сумма > 1,000,000" {
		t.Errorf("card shows %q / %q", cv.delay, cv.cond)
	}

	// The file holds it, and reopening the robot shows it.
	if disk := td.reopened(r.ID); !model.Equal(disk, saved) {
		a, _ := disk.MarshalJSON()
		b, _ := saved.MarshalJSON()
		t.Fatalf("file has\n%s\nwant\n%s", a, b)
	}
	td.closeEditor()
	td.click(r.ID, 0)
	if txt := td.entry("MessageText").Text; txt != "Сумма: {{Сумма > printable}}!" {
		t.Errorf("reopened message field shows %q", txt)
	}
	if m := td.editor.delay.mode.SelectedIndex(); m != modeAfter || td.editor.delay.value.Text != "2" || !td.editor.delay.work.Checked {
		t.Errorf("reopened delay shows mode %d value %q work %v", m, td.editor.delay.value.Text, td.editor.delay.work.Checked)
	}
	if items := td.editor.cond.items; len(items) != 1 || items[0].value.(*textEntry).Text != "1000000" || items[0].op.Selected != ">" {
		t.Errorf("reopened condition rows are wrong: %d rows", len(items))
	}

	// One undo takes back the last change only: the condition's value.
	td.undo()
	back, _, _, _ := td.doc.Project().Robot(r.ID)
	if back.Condition == nil || back.Condition.Items[0].Value != "" || back.Condition.Items[0].Operator != ">" {
		t.Errorf("after undo condition = %+v, want the value emptied only", back.Condition)
	}
	if td.editor.cond.items[0].value.(*textEntry).Text != "" {
		t.Error("the editor did not follow the undo")
	}
	td.checkDisk()
}

// TestTypingBurstIsOneUndoStep checks that typing in a field is saved as one step, and that
// turning to another field ends the burst.
func TestTypingBurstIsOneUndoStep(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	r := td.robot("Письмо ответственному о новой сделке")
	td.click(r.ID, 0)
	steps := td.journal()

	title := td.entry("Title")
	td.w.Canvas().Focus(title)
	test.Type(title, "Срочно: ")
	if n := td.journal() - steps; n != 0 {
		t.Fatalf("typing saved %d steps before the burst ended", n)
	}
	if td.status.state != stateEditing {
		t.Error("status bar does not say the editor holds unsaved typing")
	}
	// Typing in another field ends the first burst without a blur.
	subj := td.entry("MailSubject")
	test.Type(subj, "!")
	if n := td.journal() - steps; n != 1 {
		t.Fatalf("after turning to another field: %d steps, want 1", n)
	}
	td.w.Canvas().Unfocus()
	if n := td.journal() - steps; n != 2 {
		t.Fatalf("after leaving the field: %d steps, want 2", n)
	}
	if td.status.state != stateSaved {
		t.Error("status bar does not say saved")
	}
	saved, _, _, _ := td.doc.Project().Robot(r.ID)
	if !strings.HasPrefix(saved.Title(), "Срочно: ") {
		t.Errorf("title = %q", saved.Title())
	}
	td.undo()
	td.undo()
	back, _, _, _ := td.doc.Project().Robot(r.ID)
	if !model.Equal(back, r) {
		t.Error("two undos did not restore the robot")
	}
	if got := td.entry("Title").Text; got != r.Title() {
		t.Errorf("editor title shows %q after undo, want %q", got, r.Title())
	}
	td.checkDisk()
}

// TestUndoSavesPendingTyping checks that Undo pressed in the middle of typing first saves the
// typing, so that is what gets undone, and nothing is lost on closing either.
func TestUndoSavesPendingTyping(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	r := td.robot("Письмо ответственному о новой сделке")
	td.click(r.ID, 0)
	title := td.entry("Title")
	td.w.Canvas().Focus(title)
	test.Type(title, "X")
	td.undo() // the header's button: saves the burst, then undoes it
	if got, _, _, _ := td.doc.Project().Robot(r.ID); got.Title() != r.Title() {
		t.Errorf("title = %q after undo, want %q", got.Title(), r.Title())
	}
	if !td.doc.CanRedo() {
		t.Error("the typing was not saved before the undo")
	}
	test.Type(td.entry("Title"), "Y")
	td.Close()
	s, err := store.Open(td.path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, _, _, _ := s.Project().Robot(r.ID)
	if !strings.Contains(got.Title(), "Y") {
		t.Errorf("typing pending at close was lost: title %q", got.Title())
	}
}

// TestEditorWidgetsByType edits a robot through each kind of widget the catalog schema calls
// for, and checks the stored values and the file.
func TestEditorWidgetsByType(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	r := td.robot("Позвонить клиенту") // CrmCreateCallActivity
	td.click(r.ID, 0)
	e := td.editor

	// A select and a flag.
	e.fields["NotifyType"].(*widget.Select).SetSelectedIndex(1)
	e.fields["IsImportant"].(*widget.Check).SetChecked(true)
	// The responsible picker: one user.
	e.fields["Responsible"].(*choiceList).setValues([]string{"user_2"})

	// A condition on a list field with «is one of», then a second joined by OR.
	ce := e.cond
	ce.addRow()
	ce.items[0].field.SetSelected("Источник")
	ce.items[0].op.SetSelected(opText("in"))
	pick, ok := ce.items[0].value.(*choiceList)
	if !ok {
		t.Fatalf("value widget for «is one of» on a list field is %T, want a choice list", ce.items[0].value)
	}
	pick.setValues([]string{"WEB", "CALL"})
	ce.addRow()
	if ce.items[0].join != nil || ce.items[1].join == nil {
		t.Fatal("the joiner belongs on the second row only")
	}
	ce.items[1].join.SetSelectedIndex(1)
	ce.items[1].field.SetSelected("Ответственный")
	if _, ok := ce.items[1].value.(*choiceList); !ok {
		t.Fatalf("value widget for a user field is %T, want a choice list", ce.items[1].value)
	}
	ce.items[1].value.(*choiceList).setValues([]string{"user_3"})

	// A delay two days before a date field, at ten.
	de := e.delay
	de.mode.SetSelectedIndex(modeBeforeField)
	de.field.SetSelected("Дата начала")
	de.atTime.SetChecked(true)
	if de.clock.Disabled() {
		t.Error("the time entry stays disabled with «at a time of day» on")
	}

	// Switched off.
	td.w.Canvas().Focus(td.entry("Title"))
	td.w.Canvas().Unfocus()
	e.active.SetChecked(false)

	got, _, _, _ := td.doc.Project().Robot(r.ID)
	p := got.Properties
	if p["NotifyType"] != "2" || p["IsImportant"] != "Y" || p["Responsible"] != "user_2" {
		t.Errorf("properties: NotifyType %v, IsImportant %v, Responsible %v", p["NotifyType"], p["IsImportant"], p["Responsible"])
	}
	c := got.Condition
	if c == nil || len(c.Items) != 2 || c.Items[0].Field != "SOURCE_ID" || c.Items[0].Operator != "in" ||
		!reflect.DeepEqual(c.Items[0].Value, []any{"WEB", "CALL"}) || c.Items[0].Joiner != model.JoinOr ||
		c.Items[1].Field != "ASSIGNED_BY_ID" || c.Items[1].Value != "user_3" {
		t.Errorf("condition = %+v", c)
	}
	d := got.Delay
	if d == nil || d.Type != model.DelayBefore || d.Basis != "{=Document:BEGINDATE}" || !reflect.DeepEqual(d.InTime, []int{10, 0}) {
		t.Errorf("delay = %+v", d)
	}
	if got.Activated {
		t.Error("the robot is still on")
	}
	v := td.card(r.ID).view
	if v.active || !strings.HasPrefix(v.cond, "if Источник is one of Веб-сайт, Звонок or Ответственный = ") || !strings.Contains(v.delay, "before «Дата начала» at 10:00") {
		t.Errorf("card: active %v, cond %q, delay %q", v.active, v.cond, v.delay)
	}
	if disk := td.reopened(r.ID); !model.Equal(disk, got) {
		t.Error("the file does not hold the edits")
	}
}
