package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/calendar"
)

// portalSaver is a document that can replace its portal snapshot, as *store.Store does. The
// working calendar lives in the snapshot; Document leaves it out because only the calendar
// editor needs it.
type portalSaver interface {
	SetPortal(*model.Portal) error
}

// commonZones are the time zones offered first: Russia's, its neighbours' and a few others. Any
// IANA zone may be typed.
var commonZones = []string{
	"Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
	"Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
	"Asia/Magadan", "Asia/Kamchatka", "Europe/Minsk", "Asia/Almaty", "Asia/Tashkent", "Asia/Tbilisi",
	"Europe/Berlin", "Europe/London", "America/New_York", "UTC",
}

// weekOrder is the week as the editor lists it, Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// weekdayName is a weekday's full name in the interface language.
func weekdayName(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.L("Monday")
	case time.Tuesday:
		return lang.L("Tuesday")
	case time.Wednesday:
		return lang.L("Wednesday")
	case time.Thursday:
		return lang.L("Thursday")
	case time.Friday:
		return lang.L("Friday")
	case time.Saturday:
		return lang.L("Saturday")
	}
	return lang.L("Sunday")
}

// splitDays reads a list of days of the year typed with commas, semicolons or spaces between.
func splitDays(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' })
	if len(f) == 0 {
		return nil
	}
	return f
}

// fieldErrors lists the settings a calendar check found wrong.
func fieldErrors(err error) []*calendar.FieldError {
	var out []*calendar.FieldError
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		var fe *calendar.FieldError
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		if errors.As(err, &fe) {
			out = append(out, fe)
		}
	}
	walk(err)
	return out
}

// calendarProblem says in the interface language what is wrong with one setting.
func calendarProblem(fe *calendar.FieldError, c calendar.Calendar) string {
	data := map[string]any{"Value": fe.Value}
	switch fe.Field {
	case "tz":
		return lang.L("«{{.Value}}» is not a time zone: pick one from the list or type one such as Europe/Moscow", data)
	case "workStart", "workEnd":
		_, _, errS := parseTimeOfDay(c.WorkStart)
		_, _, errE := parseTimeOfDay(c.WorkEnd)
		if errS == nil && errE == nil {
			return lang.L("The working day must end after it starts: {{.Start}}–{{.End}} is not a working day",
				map[string]any{"Start": c.WorkStart, "End": c.WorkEnd})
		}
		return lang.L("«{{.Value}}» is not a time: write hh:mm, such as 09:00", data)
	case "weekend":
		return lang.L("Every day is a day off, so no robot could ever reach working time")
	case "holidays", "workdays":
		return lang.L("«{{.Value}}» is not a day of the year: write day.month, such as 9.5 for the 9th of May", data)
	}
	return fe.Error()
}

// calendarEditor edits the portal's working calendar: working hours, days off of the week,
// holidays, extra working days and the time zone. Delays in working time, the calculator's
// working-day functions, the previews and the timeline all count with it. A calendar is
// checked before it is saved, and a wrong one is never saved.
type calendarEditor struct {
	d *Desk

	zone     *widget.SelectEntry
	start    *widget.Entry
	end      *widget.Entry
	weekend  map[time.Weekday]*widget.Check
	holidays *widget.Entry
	workdays *widget.Entry
	problems map[string]*widget.Label
	status   *widget.Label
	dlg      *dialog.CustomDialog
}

// showCalendar opens the calendar editor.
func (d *Desk) showCalendar() {
	if d.doc == nil {
		return
	}
	d.editor.flush()
	c := newCalendarEditor(d)
	save := widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), func() {
		if c.save() {
			c.dlg.Hide()
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { c.dlg.Hide() })
	c.dlg = dialog.NewCustomWithoutButtons(lang.L("Working calendar"), c.content(), d.win)
	c.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	c.dlg.Resize(fyne.NewSize(720, 620))
	c.dlg.Show()
	d.dialogs.calendar = c
}

func newCalendarEditor(d *Desk) *calendarEditor {
	c := &calendarEditor{d: d, weekend: map[time.Weekday]*widget.Check{}, problems: map[string]*widget.Label{}}
	cal := d.doc.Project().Portal.Calendar
	c.zone = widget.NewSelectEntry(commonZones)
	c.zone.SetText(cal.TZ)
	c.zone.SetPlaceHolder("Europe/Moscow")
	c.start = widget.NewEntry()
	c.start.SetText(cal.WorkStart)
	c.start.SetPlaceHolder("09:00")
	c.end = widget.NewEntry()
	c.end.SetText(cal.WorkEnd)
	c.end.SetPlaceHolder("18:00")
	off := map[time.Weekday]bool{}
	for _, w := range cal.Weekend {
		off[w] = true
	}
	for _, w := range weekOrder {
		ch := widget.NewCheck(weekdayName(w), nil)
		ch.Checked = off[w]
		c.weekend[w] = ch
	}
	c.holidays = widget.NewMultiLineEntry()
	c.holidays.Wrapping = fyne.TextWrapWord
	c.holidays.SetMinRowsVisible(2)
	c.holidays.SetText(strings.Join(cal.Holidays, ", "))
	c.holidays.SetPlaceHolder("1.1, 2.1, 23.2, 8.3, 1.5, 9.5")
	c.workdays = widget.NewEntry()
	c.workdays.SetText(strings.Join(cal.Workdays, ", "))
	c.workdays.SetPlaceHolder("3.11")
	for _, k := range []string{"tz", "workStart", "workEnd", "weekend", "holidays", "workdays"} {
		l := noteLabel("", widget.DangerImportance)
		l.Hide()
		c.problems[k] = l
	}
	c.status = noteLabel("", widget.LowImportance)
	return c
}

func (c *calendarEditor) content() fyne.CanvasObject {
	var days []fyne.CanvasObject
	for _, w := range weekOrder {
		days = append(days, c.weekend[w])
	}
	hours := container.NewHBox(
		container.NewGridWrap(fyne.NewSize(90, c.start.MinSize().Height), c.start),
		widget.NewLabel("—"),
		container.NewGridWrap(fyne.NewSize(90, c.end.MinSize().Height), c.end))
	hint := func(s string) fyne.CanvasObject { return noteLabel(s, widget.LowImportance) }
	field := func(o fyne.CanvasObject, key string, extra ...fyne.CanvasObject) fyne.CanvasObject {
		items := append([]fyne.CanvasObject{o}, extra...)
		return container.NewVBox(append(items, c.problems[key])...)
	}
	form := container.New(layoutForm(),
		widget.NewLabel(lang.L("Time zone")), field(c.zone, "tz"),
		widget.NewLabel(lang.L("Working hours")), container.NewVBox(hours, c.problems["workStart"], c.problems["workEnd"]),
		widget.NewLabel(lang.L("Days off")), field(container.NewGridWithColumns(4, days...), "weekend"),
		widget.NewLabel(lang.L("Holidays")), field(c.holidays, "holidays", hint(lang.L("Days off every year, as day.month: 1.1, 9.5"))),
		widget.NewLabel(lang.L("Extra working days")), field(c.workdays, "workdays", hint(lang.L("Days of the week off that are worked every year, as day.month"))),
	)
	intro := noteLabel(lang.L("Delays in working time, «wait for the working day», the working-day functions of calculations, the previews and the timeline count with this calendar. It is part of the portal's settings the project keeps."), widget.MediumImportance)
	return container.NewVScroll(container.NewVBox(intro, widget.NewSeparator(), form, c.status))
}

// calendar is the calendar the form holds.
func (c *calendarEditor) calendar() calendar.Calendar {
	out := calendar.Calendar{
		TZ:        strings.TrimSpace(c.zone.Text),
		WorkStart: strings.TrimSpace(c.start.Text),
		WorkEnd:   strings.TrimSpace(c.end.Text),
		Holidays:  splitDays(c.holidays.Text),
		Workdays:  splitDays(c.workdays.Text),
	}
	for _, w := range []time.Weekday{time.Saturday, time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		if c.weekend[w].Checked {
			out.Weekend = append(out.Weekend, w)
		}
	}
	return out
}

// save checks the calendar and writes it into the portal snapshot; a wrong calendar is shown
// with its problems and not saved. It reports whether the calendar was saved.
func (c *calendarEditor) save() bool {
	for _, l := range c.problems {
		l.Hide()
	}
	cal := c.calendar()
	if err := cal.Validate(); err != nil {
		for _, fe := range fieldErrors(err) {
			if l := c.problems[fe.Field]; l != nil {
				l.SetText(calendarProblem(fe, cal))
				l.Show()
			}
		}
		c.setStatus(lang.L("The calendar is not saved: correct the settings marked in red."), widget.DangerImportance)
		return false
	}
	ps, ok := c.d.doc.(portalSaver)
	if !ok {
		c.d.showError(lang.L("The calendar was not saved"), errors.New(lang.L("this project cannot change its portal settings")))
		return false
	}
	p := *c.d.doc.Project().Portal
	p.Calendar = cal
	if err := ps.SetPortal(&p); err != nil {
		c.d.showError(lang.L("The calendar was not saved"), err)
		return false
	}
	c.setStatus(lang.L("Saved."), widget.SuccessImportance)
	c.d.calendarChanged()
	return true
}

func (c *calendarEditor) setStatus(text string, imp widget.Importance) {
	c.status.SetText(text)
	setNote(c.status, imp)
}

// calendarChanged brings what counts with the calendar up to date.
func (d *Desk) calendarChanged() {
	d.note(lang.L("Working calendar saved"))
	d.pv.rerender()
	if t := d.dialogs.timeline; t != nil {
		t.run()
	}
	d.lintSoon()
}
