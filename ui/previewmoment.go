package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// parseDay reads a day typed as dd.mm.yyyy (as Russian portals write it) or yyyy-mm-dd.
func parseDay(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02.01.2006", "2.1.2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New(lang.L("Write the date as dd.mm.yyyy"))
}

// parseTimeOfDay reads a time of day typed as hh:mm.
func parseTimeOfDay(s string) (h, m int, err error) {
	hs, ms, ok := strings.Cut(strings.TrimSpace(s), ":")
	h, err1 := strconv.Atoi(strings.TrimSpace(hs))
	m, err2 := strconv.Atoi(strings.TrimSpace(ms))
	if !ok || err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || len(strings.TrimSpace(ms)) != 2 {
		return 0, 0, errors.New(lang.L("Write the time as hh:mm, from 00:00 to 23:59"))
	}
	return h, m, nil
}

// parseMoment reads a day and a time of day in a time zone.
func parseMoment(day, clock string, loc *time.Location) (time.Time, error) {
	d, err := parseDay(day, loc)
	if err != nil {
		return time.Time{}, err
	}
	h, m, err := parseTimeOfDay(clock)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc), nil
}

// nextWeekday is the first moment at h:m on the given weekday from now on, in now's zone: an
// evening of this week, or of the next when it has passed.
func nextWeekday(now time.Time, day time.Weekday, h, m int) time.Time {
	t := time.Date(now.Year(), now.Month(), now.Day(), h, m, 0, 0, now.Location())
	t = t.AddDate(0, 0, (int(day)-int(t.Weekday())+7)%7)
	if t.Before(now.Truncate(time.Minute)) {
		t = t.AddDate(0, 0, 7)
	}
	return t
}

// momentPreset is a moment the picker offers with one click.
type momentPreset struct {
	label string
	// at gives the moment for now; nil means "follow the current time".
	at func(now time.Time) time.Time
}

// momentPresets are the moments a designer checks most: now, a Friday evening (the weekend
// and working hours show), a Saturday and a Monday morning before work starts.
func momentPresets() []momentPreset {
	at := func(day time.Weekday, h, m int) func(time.Time) time.Time {
		return func(now time.Time) time.Time { return nextWeekday(now, day, h, m) }
	}
	return []momentPreset{
		{label: lang.L("Now")},
		{label: lang.L("Friday 19:00"), at: at(time.Friday, 19, 0)},
		{label: lang.L("Saturday 12:00"), at: at(time.Saturday, 12, 0)},
		{label: lang.L("Monday 08:00"), at: at(time.Monday, 8, 0)},
		{label: lang.L("Tomorrow 10:00"), at: func(now time.Time) time.Time {
			t := now.AddDate(0, 0, 1)
			return time.Date(t.Year(), t.Month(), t.Day(), 10, 0, 0, 0, now.Location())
		}},
	}
}

// momentPicker picks a moment in the portal's time zone: a day and a time of day typed in the
// portal's way, or one of the presets. A live picker follows the current time until another
// moment is picked. Typing that is not a moment yet is marked and not taken.
type momentPicker struct {
	widget.BaseWidget
	loc  func() *time.Location
	now  func() time.Time
	live bool
	// canLive offers "Now" as the current time rather than a fixed moment.
	canLive bool
	at      time.Time

	day     *widget.Entry
	clock   *widget.Entry
	presets *widget.Button
	zone    *canvas.Text
	problem *widget.Label
	content *fyne.Container
	// showing is set while the picker writes its own entries, so that is not taken as typing.
	showing bool
	// onChanged is told the moment picked and whether it follows the current time.
	onChanged func(at time.Time, live bool)
}

func newMomentPicker(loc func() *time.Location, now func() time.Time, live bool) *momentPicker {
	p := &momentPicker{loc: loc, now: now, live: live, canLive: live}
	p.ExtendBaseWidget(p)
	p.day = widget.NewEntry()
	p.day.SetPlaceHolder(lang.L("dd.mm.yyyy"))
	p.clock = widget.NewEntry()
	p.clock.SetPlaceHolder(lang.L("hh:mm"))
	p.day.OnChanged = func(string) { p.typed() }
	p.clock.OnChanged = func(string) { p.typed() }
	p.presets = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), p.showPresets)
	p.presets.Importance = widget.LowImportance
	p.zone = canvas.NewText("", mutedText())
	p.zone.TextSize = theme.CaptionTextSize()
	p.problem = widget.NewLabel("")
	p.problem.Importance = widget.DangerImportance
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Hide()
	day := container.NewGridWrap(fyne.NewSize(120, p.day.MinSize().Height), p.day)
	clock := container.NewGridWrap(fyne.NewSize(76, p.clock.MinSize().Height), p.clock)
	// The zone goes under the entries: the editor panel has no width to spare beside them.
	p.content = container.NewVBox(container.NewHBox(day, clock, p.presets), p.zone, p.problem)
	p.show(now().In(loc()), live)
	return p
}

// show writes a moment into the entries without telling anyone.
func (p *momentPicker) show(at time.Time, live bool) {
	p.at, p.live = at, live
	p.showing = true
	p.day.SetText(at.Format("02.01.2006"))
	p.clock.SetText(at.Format("15:04"))
	p.showing = false
	p.problem.Hide()
	zone := at.Location().String()
	if live {
		zone = lang.L("Follows the current time") + " · " + zone
	}
	p.zone.Text = zone
	p.zone.Refresh()
}

// typed takes the entries' text once it reads as a moment.
func (p *momentPicker) typed() {
	if p.showing {
		return
	}
	at, err := parseMoment(p.day.Text, p.clock.Text, p.loc())
	if err != nil {
		p.problem.SetText(err.Error())
		p.problem.Show()
		return
	}
	p.problem.Hide()
	p.at, p.live = at, false
	p.zone.Text = at.Location().String()
	p.zone.Refresh()
	if p.onChanged != nil {
		p.onChanged(at, false)
	}
}

// choose picks a preset.
func (p *momentPicker) choose(pr momentPreset) {
	now := p.now().In(p.loc())
	at, live := now.Truncate(time.Minute), p.canLive
	if pr.at != nil {
		at, live = pr.at(now), false
	}
	p.show(at, live)
	if p.onChanged != nil {
		p.onChanged(at, live)
	}
}

// showPresets opens the presets under the button.
func (p *momentPicker) showPresets() {
	var items []*fyne.MenuItem
	for _, pr := range momentPresets() {
		items = append(items, fyne.NewMenuItem(pr.label, func() { p.choose(pr) }))
	}
	cnv := fyne.CurrentApp().Driver().CanvasForObject(p.presets)
	if cnv == nil {
		return
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.presets).Add(fyne.NewPos(0, p.presets.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), cnv, at)
}

// CreateRenderer implements fyne.Widget.
func (p *momentPicker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}
