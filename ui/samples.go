package ui

import (
	"math/rand/v2"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/sample"
)

// samplesWait is how long the samples editor waits after the last change before it writes the
// samples to the project; closing the dialog or switching samples writes at once.
const samplesWait = 700 * time.Millisecond

// cloneSet copies a set of samples, records and all.
func cloneSet(s sample.Set) sample.Set {
	if s == nil {
		return nil
	}
	out := make(sample.Set, len(s))
	for i, n := range s {
		out[i] = sample.Named{Name: n.Name, Record: n.Record.Clone()}
	}
	return out
}

// freeName is base, or base with the first number that makes it unique in the set.
func freeName(s sample.Set, base string) string {
	if _, taken := s.Get(base); !taken {
		return base
	}
	for i := 2; ; i++ {
		n := base + " " + strconv.Itoa(i)
		if _, taken := s.Get(n); !taken {
			return n
		}
	}
}

// samplesEditor edits the project's sample records, one entity at a time: the list of samples
// with add, duplicate, rename and delete, and a form of the entity's fields for the sample
// chosen, each checked as it is typed. Valid changes are written to the project shortly after
// typing stops, and at once when the dialog closes, so nothing typed is lost.
type samplesEditor struct {
	d *Desk
	// doc is the project the samples are written to: the one open when the editor opened.
	doc      Document
	entities []*model.Entity
	entity   *model.Entity
	set      sample.Set
	// cur is the index of the sample in the form; -1 when the entity has none.
	cur int

	entitySel *widget.Select
	list      *widget.List
	fields    []*sampleField
	form      *fyne.Container
	scroll    *container.Scroll
	status    *widget.Label
	generate  *widget.Button
	dup, ren  *widget.Button
	del       *widget.Button

	dirty   bool
	invalid map[string]bool
	timer   *time.Timer
	gen     int
	// wait is the pause before writing; zero writes on every change (tests).
	wait time.Duration
	// rnd feeds the generator; each press makes another record.
	rnd *rand.Rand
}

// showSamples opens the samples editor on the shown pipeline's entity.
func (d *Desk) showSamples() {
	if d.doc == nil {
		return
	}
	d.editor.flush()
	e := newSamplesEditor(d, d.key.Entity)
	dlg := dialog.NewCustom(lang.L("Samples"), lang.L("Close"), e.content(), d.win)
	dlg.SetOnClosed(e.flush)
	dlg.Resize(fyne.NewSize(1000, 760))
	dlg.Show()
	d.dialogs.samples = e
}

func newSamplesEditor(d *Desk, entity string) *samplesEditor {
	e := &samplesEditor{d: d, doc: d.doc, cur: -1, invalid: map[string]bool{}, wait: samplesWait,
		rnd: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))}
	p := d.doc.Project().Portal
	var labels []string
	for _, en := range p.Entities {
		if len(en.Pipelines) == 0 {
			continue
		}
		e.entities = append(e.entities, en)
		labels = append(labels, en.Title)
	}
	e.entitySel = widget.NewSelect(labels, func(string) {
		if i := e.entitySel.SelectedIndex(); i >= 0 && e.entities[i] != e.entity {
			e.open(e.entities[i].ID)
		}
	})
	e.list = widget.NewList(
		func() int { return len(e.set) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(e.set) {
				o.(*widget.Label).SetText(e.set[id].Name)
			}
		})
	e.list.OnSelected = func(id widget.ListItemID) {
		if id != e.cur {
			e.show(id)
		}
	}
	e.form = container.NewVBox()
	e.scroll = container.NewVScroll(e.form)
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord
	e.generate = widget.NewButtonWithIcon(lang.L("Generate"), theme.ViewRefreshIcon(), e.askGenerate)
	e.dup = widget.NewButtonWithIcon(lang.L("Duplicate"), theme.ContentCopyIcon(), func() { e.duplicate() })
	e.ren = widget.NewButtonWithIcon(lang.L("Rename"), theme.DocumentCreateIcon(), e.askRename)
	e.del = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), e.askDelete)
	e.open(entity)
	return e
}

func (e *samplesEditor) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), func() { e.add() })
	left := container.NewBorder(nil, container.NewGridWithColumns(2, add, e.dup, e.ren, e.del), nil, nil, e.list)
	leftBox := container.NewGridWrap(fyne.NewSize(310, 560), left)
	hint := noteLabel(lang.L("Dates may be relative to the moment of a preview: now, today, +3d, -1d, +2w, +4h, +2d 15:00."), widget.LowImportance)
	right := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, e.generate, hint), widget.NewSeparator()), nil, nil, nil, e.scroll)
	top := container.New(layoutForm(), widget.NewLabel(lang.L("Entity")), e.entitySel)
	return container.NewBorder(top, e.status, leftBox, nil, right)
}

// open shows an entity's samples, writing the current entity's changes first.
func (e *samplesEditor) open(entity string) {
	e.flush()
	p := e.doc.Project().Portal
	e.entity = p.Entity(entity)
	if e.entity == nil && len(e.entities) > 0 {
		e.entity = e.entities[0]
	}
	if e.entity == nil {
		return
	}
	for i, en := range e.entities {
		if en == e.entity && e.entitySel.SelectedIndex() != i {
			e.entitySel.SetSelectedIndex(i)
		}
	}
	set, err := sample.Load(e.doc, e.entity.ID)
	if err != nil {
		e.d.showError(lang.L("The samples could not be read"), err)
	}
	e.set = set
	loc := e.d.pv.location
	e.fields = nil
	var objs []fyne.CanvasObject
	for _, f := range e.entity.Fields {
		w := newSampleField(f, p, e.entity, func() *time.Location { return loc() })
		w.onChanged = func() { e.changed(w) }
		e.fields = append(e.fields, w)
		objs = append(objs, w)
	}
	e.form.Objects = objs
	e.form.Refresh()
	e.cur = -1
	e.list.UnselectAll()
	e.list.Refresh()
	if len(e.set) > 0 {
		name := e.d.pv.record(e.entity.ID).Name
		idx := 0
		for i, n := range e.set {
			if n.Name == name {
				idx = i
			}
		}
		e.list.Select(idx)
	} else {
		e.show(-1)
	}
}

// show puts a sample in the form; -1 empties it.
func (e *samplesEditor) show(i int) {
	e.flush()
	e.cur = i
	e.invalid = map[string]bool{}
	has := i >= 0 && i < len(e.set)
	for _, w := range e.fields {
		var v sample.Value
		if has {
			v = e.set[i].Record.Get(w.f.ID)
		}
		w.load(v)
	}
	if has {
		e.scroll.Show()
	} else {
		e.scroll.Hide()
	}
	for _, b := range []*widget.Button{e.generate, e.dup, e.ren, e.del} {
		enable(b, has)
	}
	if has {
		e.d.pv.pick(e.entity.ID, e.set[i].Name)
		e.setStatus(lang.L("Changes are saved in the project as you type."), widget.LowImportance)
	} else {
		e.setStatus(lang.L("This entity has no samples yet: add one."), widget.LowImportance)
	}
	e.scroll.ScrollToTop()
}

// record is the sample in the form.
func (e *samplesEditor) record() sample.Record {
	if e.cur < 0 || e.cur >= len(e.set) {
		return nil
	}
	if e.set[e.cur].Record == nil {
		e.set[e.cur].Record = sample.Record{}
	}
	return e.set[e.cur].Record
}

// changed checks an edited field and takes its value when it fits the field.
func (e *samplesEditor) changed(w *sampleField) {
	rec := e.record()
	if rec == nil {
		return
	}
	v := w.value()
	err := sample.CheckValue(e.doc.Project().Portal, e.entity, w.f, v)
	w.setProblem(err)
	if err != nil {
		e.invalid[w.f.ID] = true
	} else {
		delete(e.invalid, w.f.ID)
		rec[w.f.ID] = v
		e.dirty = true
		e.schedule()
	}
	if n := len(e.invalid); n > 0 {
		e.setStatus(lang.N("{{.Count}} field holds a value that does not fit it and is not saved.", n, map[string]any{"Count": n}), widget.DangerImportance)
	} else {
		e.setStatus(lang.L("Changes are saved in the project as you type."), widget.LowImportance)
	}
}

func (e *samplesEditor) setStatus(text string, imp widget.Importance) {
	e.status.SetText(text)
	setNote(e.status, imp)
}

// schedule writes the samples after a pause in typing.
func (e *samplesEditor) schedule() {
	if e.wait <= 0 {
		e.flush()
		return
	}
	e.stopTimer()
	gen := e.gen
	e.timer = time.AfterFunc(e.wait, func() {
		fyne.Do(func() {
			if e.gen == gen {
				e.flush()
			}
		})
	})
}

func (e *samplesEditor) stopTimer() {
	if e.timer != nil {
		e.timer.Stop()
		e.timer = nil
	}
	e.gen++
}

// flush writes pending changes to the project.
func (e *samplesEditor) flush() {
	e.stopTimer()
	if !e.dirty || e.entity == nil || e.doc == nil {
		return
	}
	e.save()
}

// save writes the entity's samples and hands them to the previews.
func (e *samplesEditor) save() bool {
	e.stopTimer()
	e.dirty = false
	if err := sample.Save(e.doc, e.entity.ID, e.set); err != nil {
		e.dirty = true
		e.d.showError(lang.L("The samples of {{.Entity}} were not saved", map[string]any{"Entity": e.entity.Title}), err)
		return false
	}
	e.d.pv.saved(e.entity.ID, cloneSet(e.set))
	e.d.note(lang.L("Samples of {{.Entity}} saved", map[string]any{"Entity": e.entity.Title}))
	return true
}

// add appends an empty sample and opens it.
func (e *samplesEditor) add() {
	e.flush()
	name := freeName(e.set, lang.L("New sample"))
	e.set = append(e.set, sample.Named{Name: name, Record: sample.Record{}})
	e.save()
	e.list.Refresh()
	e.list.Select(len(e.set) - 1)
}

// duplicate copies the sample in the form and opens the copy.
func (e *samplesEditor) duplicate() {
	rec := e.record()
	if rec == nil {
		return
	}
	e.flush()
	name := freeName(e.set, lang.L("{{.Name}} (copy)", map[string]any{"Name": e.set[e.cur].Name}))
	e.set = append(e.set, sample.Named{Name: name, Record: rec.Clone()})
	e.save()
	e.list.Refresh()
	e.list.Select(len(e.set) - 1)
}

// rename gives the sample in the form a new name.
func (e *samplesEditor) rename(name string) error {
	if e.record() == nil {
		return nil
	}
	e.flush()
	old := e.set[e.cur].Name
	if err := e.set.Rename(old, name); err != nil {
		return err
	}
	if e.d.pv.picked[e.entity.ID] == old {
		e.d.pv.pick(e.entity.ID, e.set[e.cur].Name)
	}
	e.save()
	e.list.Refresh()
	return nil
}

// remove deletes the sample in the form.
func (e *samplesEditor) remove() {
	if e.record() == nil {
		return
	}
	e.flush()
	e.set.Delete(e.set[e.cur].Name)
	e.cur = -1
	e.save()
	e.list.UnselectAll()
	e.list.Refresh()
	if len(e.set) > 0 {
		e.list.Select(0)
	} else {
		e.show(-1)
	}
}

// fill replaces the sample in the form with one made from the field types.
func (e *samplesEditor) fill() {
	if e.record() == nil {
		return
	}
	e.set[e.cur].Record = sample.Generate(e.entity, e.doc.Project().Portal, e.rnd)
	e.dirty = true
	e.save()
	e.show(e.cur)
}

// askGenerate fills the sample from the field types, after asking when that overwrites values.
func (e *samplesEditor) askGenerate() {
	rec := e.record()
	if rec == nil {
		return
	}
	if len(rec) == 0 {
		e.fill()
		return
	}
	dialog.ShowConfirm(lang.L("Generate"),
		lang.L("Replace every value of «{{.Name}}» with generated ones?", map[string]any{"Name": e.set[e.cur].Name}),
		func(ok bool) {
			if ok {
				e.fill()
			}
		}, e.d.win)
}

// askRename asks for the new name of the sample in the form.
func (e *samplesEditor) askRename() {
	if e.record() == nil {
		return
	}
	entry := widget.NewEntry()
	entry.SetText(e.set[e.cur].Name)
	dialog.ShowForm(lang.L("Rename"), lang.L("Rename"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Name"), entry)},
		func(ok bool) {
			if !ok {
				return
			}
			if err := e.rename(entry.Text); err != nil {
				e.d.showError(lang.L("The sample was not renamed"), err)
			}
		}, e.d.win)
}

// askDelete deletes the sample in the form once the user agrees.
func (e *samplesEditor) askDelete() {
	if e.record() == nil {
		return
	}
	dialog.ShowConfirm(lang.L("Delete"),
		lang.L("Delete the sample «{{.Name}}»?", map[string]any{"Name": e.set[e.cur].Name}),
		func(ok bool) {
			if ok {
				e.remove()
			}
		}, e.d.win)
}
