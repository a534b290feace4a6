package ui

import (
	"image/color"
	"time"

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
	"robodesk/model/sim"
)

// timelineRow is one step of the timeline as the list under the chart says it.
type timelineRow struct {
	Step   sim.Step
	Time   string
	Status string
	When   string
	Reason string
	Note   string
}

// timeline is the timeline simulator: a stage, a sample record and an entry time give when
// each robot of the stage would run, which ones are skipped and why, and what they send,
// drawn as a chart and listed in the order things happen. Times are in the portal's zone.
type timeline struct {
	d      *Desk
	ref    model.StageRef
	stage  *widget.Select
	sample *widget.Select
	entry  *momentPicker
	chart  *timelineChart
	head   *widget.Label
	steps  *fyne.Container
	scroll *container.Scroll

	// tl and rows are the last simulation and what the list says of it, for tests.
	tl   sim.Timeline
	rows []timelineRow
}

// showTimeline opens the timeline of a stage; a zero stage means the current one.
func (d *Desk) showTimeline(ref model.StageRef) {
	ref, ok := d.stageForDialog(ref)
	if !ok {
		return
	}
	t := newTimeline(d, ref)
	dlg := dialog.NewCustom(lang.L("Timeline"), lang.L("Close"), t.content(), d.win)
	dlg.Resize(fyne.NewSize(1180, 780))
	dlg.Show()
	d.dialogs.timeline = t
}

func newTimeline(d *Desk, ref model.StageRef) *timeline {
	t := &timeline{d: d, ref: ref}
	t.stage = stageSelect(d.stageChoices(), ref, func(r model.StageRef) { t.ref = r; t.run() })
	t.sample = d.sampleSelect(ref.Entity, t.run)
	t.entry = newMomentPicker(d.pv.location, d.pv.now, false)
	if !d.pv.entry.IsZero() {
		t.entry.show(d.pv.entry.In(d.pv.location()), false)
	} else {
		t.entry.show(d.pv.now().In(d.pv.location()).Truncate(time.Minute), false)
	}
	t.entry.onChanged = func(at time.Time, _ bool) {
		d.pv.entry = at
		t.run()
	}
	t.chart = newTimelineChart()
	t.head = widget.NewLabel("")
	t.head.Wrapping = fyne.TextWrapWord
	t.steps = container.NewVBox()
	t.run()
	return t
}

func (t *timeline) content() fyne.CanvasObject {
	form := container.New(layoutForm(),
		widget.NewLabel(lang.L("Stage")), t.stage,
		widget.NewLabel(lang.L("Sample")), t.sample,
		widget.NewLabel(lang.L("Enters the stage")), t.entry)
	body := container.NewVBox(t.head, t.chart, timelineLegend(), widget.NewSeparator(), t.steps)
	t.scroll = container.NewVScroll(container.NewPadded(body))
	return container.NewBorder(container.NewVBox(form, widget.NewSeparator()), nil, nil, nil, t.scroll)
}

// run simulates the stage again and shows it.
func (t *timeline) run() {
	p := t.d.doc.Project()
	rec := t.d.pv.record(t.ref.Entity)
	t.tl = sim.Simulate(p, t.ref, rec.Record, t.entry.at)
	t.tl.Sample = rec.Name
	robots := p.Robots(t.ref)
	entity := p.Portal.Entity(t.ref.Entity)
	t.rows = timelineRows(t.tl, robots, entity, p.Portal)

	chart := make([]chartRow, len(t.tl.Steps))
	for i, s := range t.tl.Steps {
		var r *model.Robot
		if i < len(robots) {
			r = robots[i]
		}
		// Beside a robot that does not run, the chart says why, as far as there is room.
		note := stepReason(s, r, entity, p.Portal, t.tl)
		if note == "" {
			note = statusText(s.Status)
		}
		chart[i] = chartRow{Title: s.Title, Status: s.Status, Start: s.Delay.Start, At: s.At, Finish: s.Finish,
			After: s.After, Color: stepColor(s, r), Note: note}
		if s.Status == sim.Disabled || s.Status == sim.Blocked {
			chart[i].Start = time.Time{}
		}
	}
	var leaves time.Time
	if t.tl.Leaves != nil {
		leaves = t.tl.Leaves.At
	}
	cal := preview.NewEnv(p.Portal, t.ref.Entity, nil, t.tl.Entry).Calendar()
	t.chart.set(t.tl.Entry, leaves, cal, chart)

	data := map[string]any{"Stage": t.tl.StageName, "Entry": stamp(t.tl.Entry), "Zone": t.tl.Entry.Location().String()}
	t.head.SetText(lang.L("The item enters «{{.Stage}}» on {{.Entry}} ({{.Zone}}). Shaded: working hours.", data))
	var objs []fyne.CanvasObject
	if len(t.rows) == 0 {
		objs = append(objs, widget.NewLabel(lang.L("The stage has no robots.")))
	}
	for _, row := range t.rows {
		objs = append(objs, t.rowView(row), widget.NewSeparator())
	}
	t.steps.Objects = objs
	t.steps.Refresh()
}

// timelineRows says every step of a timeline in the order things happen.
func timelineRows(tl sim.Timeline, robots []*model.Robot, e *model.Entity, p *model.Portal) []timelineRow {
	var out []timelineRow
	for _, s := range tl.Ordered() {
		var r *model.Robot
		if s.Index < len(robots) {
			r = robots[s.Index]
		}
		row := timelineRow{Step: s, Time: stamp(s.At), Status: statusText(s.Status)}
		if r != nil {
			row.When = stepWhen(s, r, e, tl)
		}
		row.Reason = stepReason(s, r, e, p, tl)
		row.Note = stepNote(s, r)
		out = append(out, row)
	}
	return out
}

// stepColor is the color of a robot on the chart: its category's.
func stepColor(s sim.Step, r *model.Robot) fyne.ThemeColorName {
	var props model.Properties
	if r != nil {
		props = r.Properties
	}
	if e := catalog.Lookup(s.Type, props); e != nil {
		return categoryColor(e.Category)
	}
	return colorOther
}

// rowView is one step in the list: when, what, why, and what it sends.
func (t *timeline) rowView(row timelineRow) fyne.CanvasObject {
	s := row.Step
	when := widget.NewLabelWithStyle(row.Time, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	status := widget.NewLabelWithStyle(row.Status, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	switch s.Status {
	case sim.Runs:
		status.Importance = widget.SuccessImportance
		if !s.WorkTime {
			status.SetText(row.Status + " · " + lang.L("outside working hours"))
			status.Importance = widget.WarningImportance
		}
	case sim.Skipped, sim.Left, sim.Blocked:
		status.Importance = widget.WarningImportance
	default:
		status.Importance = widget.LowImportance
	}
	// The title and what is said of the step share one rich text: separate labels would each
	// add their padding, and a stage's steps should fit the screen.
	strong := widget.RichTextStyleStrong
	strong.Inline = false
	segs := []widget.RichTextSegment{&widget.TextSegment{
		Text: lang.L("{{.N}}. {{.Title}}", map[string]any{"N": s.Index + 1, "Title": s.Title}), Style: strong}}
	para := func(text string, col fyne.ThemeColorName, italic bool) {
		if text == "" {
			return
		}
		st := widget.RichTextStyleParagraph
		st.ColorName = col
		st.TextStyle.Italic = italic
		segs = append(segs, &widget.TextSegment{Text: text, Style: st})
	}
	if row.When != "" {
		para(lang.L("When: {{.When}}", map[string]any{"When": row.When}), theme.ColorNameForeground, false)
	}
	para(row.Reason, theme.ColorNameWarning, false)
	para(row.Note, theme.ColorNameForeground, true)
	text := widget.NewRichText(segs...)
	text.Wrapping = fyne.TextWrapWord
	left := container.NewGridWrap(fyne.NewSize(190, when.MinSize().Height), when)
	head := container.NewBorder(nil, nil, container.NewVBox(left), container.NewVBox(status), text)
	items := []fyne.CanvasObject{head}
	var props model.Properties
	if r, _, _, ok := t.d.doc.Project().Robot(s.RobotID); ok {
		props = r.Properties
	}
	for _, tx := range s.Texts {
		v := newTextPreview()
		v.set(tx, textLabel(s.Type, props, tx))
		items = append(items, indent(v))
	}
	return container.NewVBox(items...)
}

// indent shifts a step's details under its title.
func indent(o fyne.CanvasObject) fyne.CanvasObject {
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(190, 1))
	return container.NewBorder(nil, nil, space, nil, o)
}

// timelineLegend explains the chart's marks.
func timelineLegend() fyne.CanvasObject {
	swatch := func(c color.Color, w, h float32, round bool) fyne.CanvasObject {
		var o fyne.CanvasObject
		if round {
			ci := canvas.NewCircle(c)
			o = ci
		} else {
			o = canvas.NewRectangle(c)
		}
		box := container.NewGridWrap(fyne.NewSize(w, h), o)
		return container.NewCenter(box)
	}
	hollow := canvas.NewCircle(themeColor(theme.ColorNameBackground))
	hollow.StrokeColor, hollow.StrokeWidth = mutedText(), 2
	caption := func(s string) fyne.CanvasObject {
		t := canvas.NewText(s, themeColor(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize() + 1
		return container.NewPadded(container.NewCenter(t))
	}
	return container.NewHBox(
		swatch(faded(themeColor(theme.ColorNameSuccess), 40), 18, 12, false), caption(lang.L("working hours")),
		swatch(boardColor(colorEmployees), 11, 11, true), caption(lang.L("runs")),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(11, 11), hollow)), caption(lang.L("skipped or not reached")),
		swatch(faded(boardColor(colorOther), 110), 18, 6, false), caption(lang.L("waits")),
		swatch(boardColor(colorChain), 2, 14, false), caption(lang.L("after the previous robot")),
	)
}
