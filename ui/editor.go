package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/catalog"
	"robodesk/model/tmpl"
)

// editorWidth is the width of the editor panel.
const editorWidth = 470

// editor is the side panel that edits one robot. It works on a draft: each change goes into
// the draft and is saved as an Update command. A burst of typing in one field is saved once,
// when the field loses focus, the user pauses or turns to another field, so it is one undo
// step; every other change (a choice, a switch) is saved at once.
type editor struct {
	d     *Desk
	id    string
	ref   model.StageRef
	draft *model.Robot
	dirty bool
	burst string
	timer *time.Timer
	gen   int
	cat   *tmpl.Catalog

	box      *fyne.Container
	content  *fyne.Container
	findings *fyne.Container
	preview  *fyne.Container
	delay    *delayEditor
	cond     *condEditor
	active   *widget.Check
	// fields are the property editors by property key.
	fields map[string]fyne.CanvasObject
}

func newEditor(d *Desk) *editor {
	e := &editor{d: d}
	e.content = container.NewStack()
	bg := canvas.NewRectangle(themeColor(theme.ColorNameBackground))
	edge := canvas.NewRectangle(boardColor(colorCardEdge))
	edge.SetMinSize(fyne.NewSize(1, 1))
	e.box = container.New(&fixedWidth{w: editorWidth}, container.NewStack(bg, container.NewBorder(nil, nil, edge, nil, e.content)))
	return e
}

// entity is the document type of the robot being edited.
func (e *editor) entity() *model.Entity {
	if e.d.doc == nil {
		return nil
	}
	return e.d.doc.Project().Portal.Entity(e.ref.Entity)
}

// open shows a robot; pending typing on the previous one is saved first.
func (e *editor) open(id string) bool {
	if e.d.doc == nil {
		return false
	}
	if id == e.id && e.draft != nil {
		return true
	}
	e.flush()
	r, ref, _, ok := e.d.doc.Project().Robot(id)
	if !ok {
		return false
	}
	e.id, e.ref = id, ref
	e.load(r)
	return true
}

// close saves and forgets the robot.
func (e *editor) close() {
	e.flush()
	e.stopTimer()
	e.id, e.draft, e.dirty, e.burst = "", nil, false, ""
	e.content.Objects = nil
}

// load takes a fresh draft of the robot and builds the panel for it.
func (e *editor) load(r *model.Robot) {
	e.draft = r.Clone()
	if e.draft.Properties == nil {
		e.draft.Properties = model.Properties{}
	}
	e.dirty, e.burst = false, ""
	e.cat = fieldCatalog(e.entity())
	e.build()
}

// edit applies a change to the draft and saves it: at once, or, for a burst of typing in one
// field, once the burst ends. A change to another field ends the burst before it.
func (e *editor) edit(key string, burst bool, apply func(r *model.Robot)) {
	if e.draft == nil {
		return
	}
	if e.dirty && e.burst != key {
		e.flush()
	}
	apply(e.draft)
	e.dirty, e.burst = true, key
	e.d.status.setState(stateEditing, "")
	e.revalidate()
	e.refreshPreview()
	if !burst {
		e.flush()
		return
	}
	e.schedule()
}

// schedule saves the burst after a pause in typing.
func (e *editor) schedule() {
	e.stopTimer()
	if e.d.idle <= 0 {
		return
	}
	e.gen++
	gen := e.gen
	e.timer = time.AfterFunc(e.d.idle, func() {
		fyne.Do(func() {
			if e.gen == gen {
				e.flush()
			}
		})
	})
}

func (e *editor) stopTimer() {
	if e.timer != nil {
		e.timer.Stop()
		e.timer = nil
	}
	e.gen++
}

// flush saves the draft if it holds unsaved changes: one Update command.
func (e *editor) flush() {
	if !e.dirty || e.draft == nil || e.d.doc == nil {
		return
	}
	e.dirty, e.burst = false, ""
	e.stopTimer()
	if _, err := e.d.exec(model.Update{Robots: []*model.Robot{e.draft.Clone()}}); err == nil {
		e.d.status.setState(stateSaved, "")
	}
}

// changed follows edits made elsewhere (undo, the board, a sync) to the robot being edited.
func (e *editor) changed(stages map[model.StageRef]bool) {
	if e.id == "" || e.d.doc == nil {
		return
	}
	r, ref, _, ok := e.d.doc.Project().Robot(e.id)
	if !ok {
		e.dirty = false
		e.d.closeEditor()
		return
	}
	if !stages[ref] && !stages[e.ref] {
		return
	}
	moved := ref != e.ref
	e.ref = ref
	if e.dirty {
		// The user is typing: keep the draft, it is saved over the change when the burst ends.
		e.revalidate()
		return
	}
	if moved || !model.Equal(r, e.draft) || r.Activated != e.draft.Activated {
		e.load(r)
		return
	}
	e.revalidate()
}

// build makes the panel for the draft.
func (e *editor) build() {
	r := e.draft
	ce := catalog.Lookup(r.Type, r.Properties)
	code := langCode()

	typeTitle := r.Type
	cat := catalog.Other
	if ce != nil {
		typeTitle, cat = ce.Title.In(code), ce.Category
	}
	icon := canvas.NewImageFromResource(coloredIcon(r.Type, ce))
	icon.SetMinSize(fyne.NewSize(28, 28))
	icon.FillMode = canvas.ImageFillContain
	name := widget.NewLabelWithStyle(typeTitle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	sub := canvas.NewText(categoryTitle(cat)+" · "+r.Name, mutedText())
	sub.TextSize = theme.CaptionTextSize()
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), e.d.closeEditor)
	closeBtn.Importance = widget.LowImportance
	active := widget.NewCheck(lang.L("Robot is on"), nil)
	e.active = active
	active.Checked = r.Activated
	active.OnChanged = func(on bool) {
		e.edit("Activated", false, func(r *model.Robot) { r.Activated = on })
	}
	head := container.NewBorder(nil, nil, icon, closeBtn, container.New(&stackedText{}, name, sub))

	e.fields = map[string]fyne.CanvasObject{}
	body := container.NewVBox()
	body.Add(e.textField("Title", lang.L("Title"), textOpts{required: true}))

	settings := container.NewVBox()
	if ce != nil {
		for _, p := range ce.Props {
			if p.Hidden || p.Key == "Title" {
				continue
			}
			settings.Add(e.propField(p))
		}
	} else {
		note := widget.NewLabel(lang.L("This robot type is not in the catalog: its settings are shown as stored and kept as they are."))
		note.Wrapping = fyne.TextWrapWord
		settings.Add(note)
		for _, key := range propKeys(r.Properties) {
			settings.Add(e.rawField(key))
		}
	}
	body.Add(section(lang.L("Settings"), settings))
	// Preview is filled by Desk.Preview: the rendered messages of the robot. It comes right
	// after the settings, so the text being typed and its rendering are seen together.
	e.preview = container.NewStack()
	if e.d.Preview != nil {
		body.Add(section(lang.L("Preview"), e.preview))
	}

	e.delay = newDelayEditor(e)
	body.Add(section(lang.L("When to run"), e.delay.box))
	e.cond = newCondEditor(e)
	body.Add(section(lang.L("Condition"), e.cond.box))
	e.findings = container.NewVBox()
	body.Add(section(lang.L("Checks"), e.findings))
	e.revalidate()
	e.refreshPreview()

	top := container.NewVBox(container.NewPadded(head), container.NewPadded(active), widget.NewSeparator())
	e.content.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(body)))}
	e.content.Refresh()
}

// section is a titled part of the panel.
func section(title string, content fyne.CanvasObject) fyne.CanvasObject {
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(widget.NewSeparator(), h, content)
}

// categoryTitle names a robot category.
func categoryTitle(c catalog.Category) string {
	switch c {
	case catalog.Employees:
		return lang.L("Employees")
	case catalog.Clients:
		return lang.L("Clients")
	case catalog.Ads:
		return lang.L("Advertising")
	}
	return lang.X("category.other", "Other")
}

// validateDraft checks the draft in its stage, as if it were saved.
func (e *editor) validateDraft() []model.Finding {
	return model.ValidateDraft(e.d.doc.Project(), e.ref, e.draft)
}

// revalidate shows the draft's findings.
func (e *editor) revalidate() {
	if e.findings == nil || e.draft == nil {
		return
	}
	fs := e.validateDraft()
	model.SortFindings(fs)
	e.findings.Objects = nil
	if len(fs) == 0 {
		ok := widget.NewLabel(lang.L("No problems found"))
		e.findings.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.NewColoredResource(theme.ConfirmIcon(), theme.ColorNameSuccess)), nil, ok))
	}
	for _, f := range fs {
		res, imp := theme.InfoIcon(), widget.LowImportance
		col := theme.ColorNamePlaceHolder
		switch f.Severity {
		case model.SevError:
			res, imp, col = theme.ErrorIcon(), widget.DangerImportance, theme.ColorNameError
		case model.SevWarning:
			res, imp, col = theme.WarningIcon(), widget.WarningImportance, theme.ColorNameWarning
		}
		l := widget.NewLabel(findingText(f, e.draft))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		e.findings.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.NewColoredResource(res, col)), nil, l))
	}
	e.findings.Refresh()
}

// refreshPreview asks Desk.Preview for the draft's preview.
func (e *editor) refreshPreview() {
	if e.preview == nil || e.d.Preview == nil || e.draft == nil {
		return
	}
	if o := e.d.Preview(e.ref, e.draft.Clone()); o != nil {
		e.preview.Objects = []fyne.CanvasObject{o}
	} else {
		e.preview.Objects = nil
	}
	e.preview.Refresh()
}

// fixDelayName gives a robot with a delay the name of its DelayActivity, as the portal does,
// and drops it when the delay goes.
func (e *editor) fixDelayName(r *model.Robot) {
	if r.Delay == nil {
		r.DelayName = ""
		return
	}
	if r.DelayName != "" {
		return
	}
	taken := map[string]bool{}
	for _, x := range e.d.doc.Project().Robots(e.ref) {
		taken[x.Name] = true
		if x.DelayName != "" {
			taken[x.DelayName] = true
		}
	}
	r.DelayName = model.NewName(taken)
}

// fixedWidth gives its one object a fixed width and the height it is offered.
type fixedWidth struct{ w float32 }

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, fyne.Min(h, 200))
}
