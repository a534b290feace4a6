package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"robodesk/model/sample"
	"robodesk/model/store"
)

// reopenedSamples reads an entity's samples from a fresh open of the project file.
func (td *testDesk) reopenedSamples(entity string) sample.Set {
	td.t.Helper()
	s, err := store.Open(td.path)
	if err != nil {
		td.t.Fatal(err)
	}
	defer s.Close()
	set, err := sample.Load(s, entity)
	if err != nil {
		td.t.Fatal(err)
	}
	return set
}

// openSamples opens the samples editor, writing every change at once.
func (td *testDesk) openSamples() *samplesEditor {
	td.t.Helper()
	td.showSamples()
	e := td.dialogs.samples
	if e == nil {
		td.t.Fatal("no samples editor opened")
	}
	e.wait = 0
	return e
}

func (e *samplesEditor) field(t *testing.T, id string) *sampleField {
	t.Helper()
	for _, w := range e.fields {
		if w.f.ID == id {
			return w
		}
	}
	t.Fatalf("the form has no field %s", id)
	return nil
}

// TestSamplesEditorSaves changes fields of the typical deal through their widgets and checks
// what the project file holds afterwards: values that fit their fields are saved, values that
// do not are shown as problems and leave the file as it was.
func TestSamplesEditorSaves(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	e := td.openSamples()
	if e.entity.ID != "DEAL" || e.cur < 0 || e.set[e.cur].Name != "Типичная" {
		t.Fatalf("editor opened on %v sample %d", e.entity, e.cur)
	}
	before := td.reopenedSamples("DEAL")
	for _, tc := range []struct {
		name  string
		field string
		edit  func(w *sampleField)
		want  sample.Value // nil: not saved
	}{
		{"text", "TITLE", func(w *sampleField) { w.inputs[0].(*entryInput).e.SetText("Кухня для ИП Гусева") }, sample.Value{"Кухня для ИП Гусева"}},
		{"number", "PROBABILITY", func(w *sampleField) { w.inputs[0].(*entryInput).e.SetText("85") }, sample.Value{"85"}},
		{"not a number", "PROBABILITY", func(w *sampleField) { w.inputs[0].(*entryInput).e.SetText("много") }, nil},
		{"money with currency", "OPPORTUNITY", func(w *sampleField) {
			m := w.inputs[0].(*moneyInput)
			m.amount.SetText("250000")
			m.currency.s.SetSelected("USD")
		}, sample.Value{"250000|USD"}},
		{"relative date", "CLOSEDATE", func(w *sampleField) { w.inputs[0].(*dateInput).e.SetText("+3d") }, sample.Value{"+3d"}},
		{"not a date", "CLOSEDATE", func(w *sampleField) { w.inputs[0].(*dateInput).e.SetText("послезавтра") }, nil},
		{"select", "SOURCE_ID", func(w *sampleField) { w.inputs[0].(*choiceInput).s.SetSelected("Звонок") }, sample.Value{"CALL"}},
		{"user", "ASSIGNED_BY_ID", func(w *sampleField) { w.inputs[0].(*choiceInput).s.SetSelectedIndex(1) }, sample.Value{"user_1"}},
		{"yes/no", "OPENED", func(w *sampleField) { w.inputs[0].(*choiceInput).s.SetSelected("No") }, sample.Value{"N"}},
		{"another value", "PHONE", func(w *sampleField) {
			test.Tap(findButton(t, w, "Add value"))
			w.inputs[len(w.inputs)-1].(*entryInput).e.SetText("+7 495 000-00-00")
		}, sample.Value{"+7 916 555-12-34", "+7 495 000-00-00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := e.field(t, tc.field)
			prev, _ := td.reopenedSamples("DEAL").Get("Типичная")
			tc.edit(w)
			got, _ := td.reopenedSamples("DEAL").Get("Типичная")
			if tc.want == nil {
				if !w.problem.Visible() {
					t.Error("the wrong value shows no problem")
				}
				if strings.Join(got[tc.field], "\n") != strings.Join(prev[tc.field], "\n") {
					t.Errorf("file has %q after a wrong value, had %q", got[tc.field], prev[tc.field])
				}
				return
			}
			if w.problem.Visible() {
				t.Errorf("a fitting value shows the problem %q", w.problem.Text)
			}
			if strings.Join(got[tc.field], "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("file holds %s = %q, want %q", tc.field, got[tc.field], tc.want)
			}
		})
	}
	// A wrong value after a right one keeps the right one in the file.
	got, _ := td.reopenedSamples("DEAL").Get("Типичная")
	if p := got.First("PROBABILITY"); p != "85" {
		t.Errorf("PROBABILITY in the file is %q after «много», want the last fitting 85", p)
	}
	// The other samples are untouched.
	for _, name := range []string{"Почти пустая", "Длинные значения"} {
		a, _ := before.Get(name)
		b, _ := td.reopenedSamples("DEAL").Get(name)
		if len(a) != len(b) || a.First("TITLE") != b.First("TITLE") {
			t.Errorf("sample %q changed", name)
		}
	}
}

// findButton finds a button by its text in a sample field.
func findButton(t *testing.T, w *sampleField, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.content) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q in field %s", text, w.f.ID)
	return nil
}

// TestSamplesEditorManagesSamples adds a sample, fills it with the generator, duplicates,
// renames and deletes, checking the project file after each step, and checks the editor's
// preview renders with the samples as saved.
func TestSamplesEditorManagesSamples(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	panel := td.openPreview("Уведомление о новой сделке")
	e := td.openSamples()

	e.add()
	set := td.reopenedSamples("DEAL")
	if len(set) != 4 || set[3].Name != "New sample" || len(set[3].Record) != 0 {
		t.Fatalf("after Add the file has %v", set.Names())
	}
	if e.cur != 3 {
		t.Fatalf("the form shows sample %d, want the new one", e.cur)
	}
	test.Tap(e.generate)
	set = td.reopenedSamples("DEAL")
	gen := set[3].Record
	for _, id := range []string{"TITLE", "CONTACT_NAME", "PHONE", "OPPORTUNITY", "ASSIGNED_BY_ID", "CLOSEDATE"} {
		if gen.IsEmpty(id) {
			t.Errorf("Generate left %s empty: %v", id, gen)
		}
	}
	if errs := gen.Check(td.doc.Project().Portal, e.entity); len(errs) > 0 {
		t.Errorf("generated values do not fit their fields: %v", errs)
	}
	if got := e.field(t, "TITLE").value(); got[0] != gen.First("TITLE") {
		t.Errorf("the form shows TITLE %q, the file %q", got, gen.First("TITLE"))
	}

	e.duplicate()
	if err := e.rename("Крупный клиент"); err != nil {
		t.Fatal(err)
	}
	if err := e.rename("Типичная"); err == nil {
		t.Error("renaming to a taken name was allowed")
	}
	set = td.reopenedSamples("DEAL")
	if strings.Join(set.Names(), ",") != "Типичная,Почти пустая,Длинные значения,New sample,Крупный клиент" {
		t.Fatalf("after Duplicate and Rename the file has %v", set.Names())
	}
	if c, _ := set.Get("Крупный клиент"); c.First("TITLE") != gen.First("TITLE") {
		t.Errorf("the copy holds TITLE %q, want %q", c.First("TITLE"), gen.First("TITLE"))
	}

	// The preview now renders with the renamed copy, the sample last shown in the form.
	if panel.sample.Selected != "Крупный клиент" || !strings.Contains(viewFor(t, panel, "MessageText").t.Rendered, gen.First("TITLE")) {
		t.Errorf("preview uses %q and renders %q", panel.sample.Selected, viewFor(t, panel, "MessageText").t.Rendered)
	}

	e.remove()
	set = td.reopenedSamples("DEAL")
	if strings.Join(set.Names(), ",") != "Типичная,Почти пустая,Длинные значения,New sample" {
		t.Fatalf("after Delete the file has %v", set.Names())
	}
}

// TestSamplesSavedOnClose types with the pause-saving on and closes the desk before the pause
// ends: the change must be in the file.
func TestSamplesSavedOnClose(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	td.showSamples()
	e := td.dialogs.samples
	e.field(t, "COMMENTS").inputs[0].(*entryInput).e.SetText("Позвонить после 15:00")
	if got, _ := td.reopenedSamples("DEAL").Get("Типичная"); got.First("COMMENTS") == "Позвонить после 15:00" {
		t.Fatal("saved before the pause: the test cannot tell a save on close")
	}
	td.Close()
	if got, _ := td.reopenedSamples("DEAL").Get("Типичная"); got.First("COMMENTS") != "Позвонить после 15:00" {
		t.Errorf("after closing the file holds COMMENTS %q", got.First("COMMENTS"))
	}
}
