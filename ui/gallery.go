package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/catalog"
	"robodesk/model/preview"
)

// currentStage is the stage an action without one applies to: the robot being edited, the
// stage clicked last, or the pipeline's first stage.
func (d *Desk) currentStage() model.StageRef {
	if d.editor.id != "" {
		return d.editor.ref
	}
	if d.board.byStage[d.board.focus] != nil {
		return d.board.focus
	}
	if len(d.board.cols) > 0 {
		return d.board.cols[0].ref
	}
	return model.StageRef{}
}

// stageChoice is a stage a dialog can switch to.
type stageChoice struct {
	ref   model.StageRef
	label string
}

// stageChoices are the stages of the pipeline shown, in order.
func (d *Desk) stageChoices() []stageChoice {
	if d.doc == nil {
		return nil
	}
	e, pl, err := d.doc.Project().Portal.Pipeline(d.key)
	if err != nil {
		return nil
	}
	out := make([]stageChoice, len(pl.Stages))
	for i, st := range pl.Stages {
		out[i] = stageChoice{ref: model.StageRef{Entity: e.ID, Status: st.StatusID}, label: st.Name}
	}
	return out
}

// stageSelect is a Select over the pipeline's stages that reports the stage picked.
func stageSelect(choices []stageChoice, cur model.StageRef, picked func(model.StageRef)) *widget.Select {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}
	sel := widget.NewSelect(labels, nil)
	for i, c := range choices {
		if c.ref == cur {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 && i < len(choices) {
			picked(choices[i].ref)
		}
	}
	return sel
}

// sampleSelect is a Select over an entity's samples, starting at the one the previews use;
// a pick becomes the previews' choice too.
func (d *Desk) sampleSelect(entity string, picked func()) *widget.Select {
	sel := widget.NewSelect(nil, nil)
	sel.PlaceHolder = lang.L("No samples")
	fill := func(entity string) {
		set, _ := d.pv.samples(entity)
		sel.Options = set.Names()
		sel.Selected = d.pv.record(entity).Name
		sel.Refresh()
	}
	fill(entity)
	sel.OnChanged = func(name string) {
		if name == "" {
			return
		}
		d.pv.pick(entity, name)
		picked()
	}
	return sel
}

// gallery is the «Messages of this stage» window: every text of every robot of a stage
// rendered at once for the chosen sample, so a designer reads a stage as its recipients would.
type gallery struct {
	d      *Desk
	ref    model.StageRef
	stage  *widget.Select
	sample *widget.Select
	list   *fyne.Container
	scroll *container.Scroll
	dlg    dialog.Dialog
	// robots and views are what the list shows, for tests.
	robots []preview.RobotTexts
	views  []*textPreview
}

// stageForDialog readies a stage dialog: it saves pending typing so the dialog shows what the
// editor holds, and turns a zero stage into the current one. ok is false with no project open.
func (d *Desk) stageForDialog(ref model.StageRef) (model.StageRef, bool) {
	if d.doc == nil {
		return ref, false
	}
	d.editor.flush()
	if ref == (model.StageRef{}) {
		ref = d.currentStage()
	}
	return ref, true
}

// showGallery opens the messages of a stage; a zero stage means the current one.
func (d *Desk) showGallery(ref model.StageRef) {
	ref, ok := d.stageForDialog(ref)
	if !ok {
		return
	}
	g := newGallery(d, ref)
	dlg := dialog.NewCustom(lang.L("Messages of the stage"), lang.L("Close"), g.content(), d.win)
	dlg.Resize(fyne.NewSize(900, 740))
	dlg.Show()
	g.dlg = dlg
	d.dialogs.gallery = g
}

func newGallery(d *Desk, ref model.StageRef) *gallery {
	g := &gallery{d: d, ref: ref}
	g.stage = stageSelect(d.stageChoices(), ref, func(r model.StageRef) { g.ref = r; g.render() })
	g.sample = d.sampleSelect(ref.Entity, g.render)
	g.list = container.NewVBox()
	g.scroll = container.NewVScroll(g.list)
	g.render()
	return g
}

func (g *gallery) content() fyne.CanvasObject {
	top := container.New(layoutForm(),
		widget.NewLabel(lang.L("Stage")), g.stage,
		widget.NewLabel(lang.L("Sample")), g.sample)
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, g.scroll)
}

// render lists the stage's robots with their texts.
func (g *gallery) render() {
	p := g.d.doc.Project()
	rec := g.d.pv.record(g.ref.Entity)
	g.robots = preview.Stage(p, g.ref, rec.Record, g.d.pv.moment())
	g.views = nil
	var objs []fyne.CanvasObject
	if len(g.robots) == 0 {
		objs = append(objs, widget.NewLabel(lang.L("The stage has no robots.")))
	}
	for _, rt := range g.robots {
		var props model.Properties
		if r, _, _, ok := p.Robot(rt.RobotID); ok {
			props = r.Properties
		}
		objs = append(objs, g.robotHead(rt))
		if len(rt.Texts) == 0 {
			objs = append(objs, noteLabel(lang.L("Sends no text."), widget.LowImportance))
		}
		for _, t := range rt.Texts {
			v := newTextPreview()
			v.set(t, textLabel(rt.Type, props, t))
			g.views = append(g.views, v)
			objs = append(objs, container.NewPadded(v))
		}
		objs = append(objs, widget.NewSeparator())
	}
	g.list.Objects = objs
	g.list.Refresh()
	g.scroll.ScrollToTop()
}

// robotHead is a robot's line in the gallery: its icon, title and type, whether it is off,
// and a button that opens it in the editor.
func (g *gallery) robotHead(rt preview.RobotTexts) fyne.CanvasObject {
	r, _, _, _ := g.d.doc.Project().Robot(rt.RobotID)
	var props model.Properties
	if r != nil {
		props = r.Properties
	}
	ce := catalog.Lookup(rt.Type, props)
	icon := canvas.NewImageFromResource(coloredIcon(rt.Type, ce))
	icon.SetMinSize(fyne.NewSize(22, 22))
	icon.FillMode = canvas.ImageFillContain
	title := widget.NewLabelWithStyle(rt.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	kind := rt.Type
	if ce != nil {
		kind = ce.Title.In(langCode())
	}
	if !rt.Activated {
		kind += " · " + lang.L("switched off")
	}
	sub := canvas.NewText(kind, mutedText())
	sub.TextSize = theme.CaptionTextSize()
	id := rt.RobotID
	open := widget.NewButtonWithIcon(lang.L("Open"), theme.DocumentCreateIcon(), func() {
		// The gallery closes, so the robot shows in the editor beside the board.
		if g.dlg != nil {
			g.dlg.Hide()
		}
		g.d.revealRobot(id)
	})
	open.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, icon, open, container.New(&stackedText{}, title, sub))
}

// revealRobot shows a robot: its pipeline on the board, the card selected and in view, and the
// robot in the editor.
func (d *Desk) revealRobot(id string) {
	if d.doc == nil {
		return
	}
	_, ref, _, ok := d.doc.Project().Robot(id)
	if !ok {
		return
	}
	if d.board.byStage[ref] == nil {
		if e := d.doc.Project().Portal.Entity(ref.Entity); e != nil {
			if pl, _, ok := e.Stage(ref.Status); ok {
				d.showPipeline(e.Key(pl))
			}
		}
	}
	if c := d.board.cards[id]; c != nil && !d.board.shown(c) {
		// The search hides the card; the user asked to see it.
		d.head.search.SetText("")
	}
	if c := d.board.cards[id]; c != nil {
		d.board.setFocus(c.ref)
		d.board.selectIDs([]string{id})
		d.board.reveal(c)
	}
	d.openEditor(id)
}

// TappedSecondary implements fyne.SecondaryTappable: a stage's menu with its messages and its
// timeline.
func (c *column) TappedSecondary(e *fyne.PointEvent) {
	d := c.b.d
	ref := c.ref
	c.b.setFocus(ref)
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("Messages of the stage…"), func() { d.showGallery(ref) }),
		fyne.NewMenuItem(lang.L("Timeline of the stage…"), func() { d.showTimeline(ref) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Add robot…"), func() { d.showAddRobot(ref) }),
	)
	if cnv := fyne.CurrentApp().Driver().CanvasForObject(c); cnv != nil {
		widget.ShowPopUpMenuAtPosition(menu, cnv, e.AbsolutePosition)
	}
}
