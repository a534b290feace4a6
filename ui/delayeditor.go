package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
)

// Delay modes, as the editor offers them (docs §1.4: immediately; after N; before or after a
// date field; at a date field).
const (
	modeNow = iota
	modeAfter
	modeBeforeField
	modeAfterField
	modeAtField
)

// modeOf tells which mode a delay is in. Time of day and the working-time flags are options
// on top of any mode.
func modeOf(d *model.Delay) int {
	if d == nil {
		return modeNow
	}
	field := d.BasisField() != ""
	switch {
	case d.Type == model.DelayIn:
		return modeAtField
	case d.Type == model.DelayBefore:
		return modeBeforeField
	case field:
		return modeAfterField
	case d.Value == 0:
		return modeNow
	}
	return modeAfter
}

// withMode returns d switched to a mode, keeping what carries over: the interval, the field,
// the time of day and the working-time flags. dateField is the field a mode that needs one
// starts with. Immediately with no options left is no delay at all.
func withMode(d *model.Delay, mode int, dateField string) *model.Delay {
	var n model.Delay
	if d != nil {
		n = *d
	}
	if n.ValueType == "" {
		n.ValueType = "h"
	}
	field := n.Basis
	if (&n).BasisField() == "" {
		field = ""
		if dateField != "" {
			field = "{=Document:" + dateField + "}"
		}
	}
	switch mode {
	case modeNow:
		n.Type, n.Value, n.Basis = model.DelayAfter, 0, model.BasisNow
		if !n.WorkTime && !n.WaitWorkDay && n.InTime == nil && len(n.Extra) == 0 {
			return nil
		}
	case modeAfter:
		n.Type, n.Basis = model.DelayAfter, model.BasisNow
		if n.Value <= 0 {
			n.Value = 1
		}
	case modeBeforeField, modeAfterField:
		n.Type, n.Basis = model.DelayBefore, field
		if mode == modeAfterField {
			n.Type = model.DelayAfter
		}
		if n.Value <= 0 {
			n.Value, n.ValueType = 1, "d"
		}
	case modeAtField:
		n.Type, n.Value, n.Basis = model.DelayIn, 0, field
	}
	return &n
}

// parseClock reads a time of day "H:MM".
func parseClock(s string) ([]int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(strings.TrimSpace(h))
	mm, err2 := strconv.Atoi(strings.TrimSpace(m))
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return nil, fmt.Errorf("%q", s)
	}
	return []int{hh, mm}, nil
}

// dateFields lists an entity's date and date-time fields, the possible bases of a delay.
func dateFields(e *model.Entity) []model.Field {
	var out []model.Field
	if e == nil {
		return nil
	}
	for _, f := range e.Fields {
		if f.Type == "date" || f.Type == "datetime" {
			out = append(out, f)
		}
	}
	return out
}

// delayEditor edits when a robot runs: the mode, the interval, the date field, the time of
// day, the working-time options and «after the previous robot».
type delayEditor struct {
	e       *editor
	summary *widget.Label
	mode    *widget.Select
	value   *textEntry
	unit    *widget.Select
	field   *widget.Select
	atTime  *widget.Check
	clock   *textEntry
	work    *widget.Check
	waitDay *widget.Check
	after   *widget.Check
	problem *widget.Label
	line    *fyne.Container
	box     *fyne.Container
}

func newDelayEditor(e *editor) *delayEditor {
	de := &delayEditor{e: e}
	modes := []string{lang.L("Immediately"), lang.L("After a period"), lang.L("Before a date"), lang.L("After a date"), lang.L("On a date")}
	units := []string{lang.L("minutes"), lang.L("hours"), lang.L("days")}
	unitCodes := []string{"i", "h", "d"}
	fields := dateFields(e.entity())
	fieldTitles := make([]string, len(fields))
	for i, f := range fields {
		fieldTitles[i] = f.Title
	}
	firstField := ""
	if len(fields) > 0 {
		firstField = fields[0].ID
	}
	d := e.draft.Delay

	de.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	de.mode = widget.NewSelect(modes, nil)
	de.mode.SetSelectedIndex(modeOf(d))
	de.mode.OnChanged = func(string) {
		mode := de.mode.SelectedIndex()
		e.edit("Delay.mode", false, func(r *model.Robot) {
			r.Delay = withMode(r.Delay, mode, firstField)
			e.fixDelayName(r)
		})
		de.sync()
	}
	de.value = newTextEntry(false)
	de.value.onBlur = e.flush
	de.unit = widget.NewSelect(units, nil)
	de.field = widget.NewSelect(fieldTitles, nil)
	if d != nil {
		de.value.SetText(strconv.Itoa(d.Value))
		for i, c := range unitCodes {
			if c == d.ValueType {
				de.unit.SetSelectedIndex(i)
			}
		}
		if id := d.BasisField(); id != "" {
			found := false
			for i, f := range fields {
				if f.ID == id {
					de.field.SetSelectedIndex(i)
					found = true
				}
			}
			if !found {
				de.field.Options = append(de.field.Options, id)
				fields = append(fields, model.Field{ID: id, Title: id})
				de.field.SetSelected(id)
			}
		}
	}
	de.value.OnChanged = func(s string) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 {
			de.problem.SetText(lang.L("Enter a whole number of minutes, hours or days"))
			de.problem.Show()
			return
		}
		de.problem.Hide()
		e.edit("Delay.value", true, func(r *model.Robot) {
			if r.Delay != nil {
				r.Delay.Value = n
			}
		})
		de.summary.SetText(delayText(e.draft, e.entity()))
	}
	de.unit.OnChanged = func(string) {
		i := de.unit.SelectedIndex()
		e.edit("Delay.unit", false, func(r *model.Robot) {
			if r.Delay != nil && i >= 0 {
				r.Delay.ValueType = unitCodes[i]
			}
		})
		de.sync()
	}
	de.field.OnChanged = func(string) {
		i := de.field.SelectedIndex()
		e.edit("Delay.basis", false, func(r *model.Robot) {
			if r.Delay != nil && i >= 0 {
				r.Delay.Basis = "{=Document:" + fields[i].ID + "}"
			}
		})
		de.sync()
	}

	de.clock = newTextEntry(false)
	de.clock.SetPlaceHolder("10:00")
	de.clock.onBlur = e.flush
	de.atTime = widget.NewCheck(lang.L("At a time of day"), nil)
	if d != nil && len(d.InTime) == 2 {
		de.atTime.Checked = true
		de.clock.SetText(fmt.Sprintf("%02d:%02d", d.InTime[0], d.InTime[1]))
	} else {
		de.clock.SetText("10:00")
	}
	de.atTime.OnChanged = func(on bool) {
		at, err := parseClock(de.clock.Text)
		if err != nil {
			at = []int{10, 0}
		}
		e.edit("Delay.inTime", false, func(r *model.Robot) {
			if on {
				r.Delay = ensureDelay(r.Delay)
				r.Delay.InTime = at
			} else if r.Delay != nil {
				r.Delay.InTime = nil
				r.Delay = tidyDelay(r.Delay)
			}
			e.fixDelayName(r)
		})
		de.sync()
	}
	de.clock.OnChanged = func(s string) {
		at, err := parseClock(s)
		if err != nil {
			de.problem.SetText(lang.L("Enter the time as hours:minutes, e.g. 10:00"))
			de.problem.Show()
			return
		}
		de.problem.Hide()
		if !de.atTime.Checked {
			return
		}
		e.edit("Delay.clock", true, func(r *model.Robot) {
			if r.Delay != nil {
				r.Delay.InTime = at
			}
		})
		de.summary.SetText(delayText(e.draft, e.entity()))
	}
	de.work = widget.NewCheck(lang.L("Only in working time"), nil)
	de.work.Checked = d != nil && d.WorkTime
	de.work.OnChanged = func(on bool) {
		e.edit("Delay.workTime", false, func(r *model.Robot) {
			r.Delay = ensureDelay(r.Delay)
			r.Delay.WorkTime = on
			r.Delay = tidyDelay(r.Delay)
			e.fixDelayName(r)
		})
		de.sync()
	}
	de.waitDay = widget.NewCheck(lang.L("Wait for the responsible's working day"), nil)
	de.waitDay.Checked = d != nil && d.WaitWorkDay
	de.waitDay.OnChanged = func(on bool) {
		e.edit("Delay.waitWorkDay", false, func(r *model.Robot) {
			r.Delay = ensureDelay(r.Delay)
			r.Delay.WaitWorkDay = on
			r.Delay = tidyDelay(r.Delay)
			e.fixDelayName(r)
		})
		de.sync()
	}
	de.after = widget.NewCheck(lang.L("After the previous robot has finished"), nil)
	de.after.Checked = e.draft.ExecuteAfterPrevious
	de.after.OnChanged = func(on bool) {
		e.edit("ExecuteAfterPrevious", false, func(r *model.Robot) { r.ExecuteAfterPrevious = on })
		de.sync()
	}
	de.problem = widget.NewLabel("")
	de.problem.Importance = widget.DangerImportance
	de.problem.Hide()
	de.line = container.NewGridWithColumns(2, de.value, de.unit)
	de.box = container.NewVBox(de.summary, de.mode, de.line, de.field,
		container.NewBorder(nil, nil, de.atTime, nil, de.clock), de.work, de.waitDay, de.after, de.problem)
	de.sync()
	return de
}

// sync shows the widgets the mode needs and the summary of the draft's delay.
func (de *delayEditor) sync() {
	if de.atTime.Checked {
		de.clock.Enable()
	} else {
		de.clock.Disable()
	}
	mode := modeOf(de.e.draft.Delay)
	show(de.line, mode == modeAfter || mode == modeBeforeField || mode == modeAfterField)
	show(de.field, mode == modeBeforeField || mode == modeAfterField || mode == modeAtField)
	de.summary.SetText(delayText(de.e.draft, de.e.entity()))
}

func show(o fyne.CanvasObject, on bool) {
	if on && !o.Visible() {
		o.Show()
	} else if !on && o.Visible() {
		o.Hide()
	}
}

// ensureDelay returns d, or an «immediately» delay to hang options on.
func ensureDelay(d *model.Delay) *model.Delay {
	if d != nil {
		return d
	}
	return &model.Delay{Type: model.DelayAfter, ValueType: "i", Basis: model.BasisNow}
}

// tidyDelay drops a delay that has become plain «immediately».
func tidyDelay(d *model.Delay) *model.Delay {
	if d != nil && d.IsNow() && len(d.Extra) == 0 {
		return nil
	}
	return d
}
