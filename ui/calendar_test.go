package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"robodesk/model/calendar"
	"robodesk/model/store"
)

// reopenedCalendar reads the working calendar from a fresh open of the project file.
func (td *testDesk) reopenedCalendar() calendar.Calendar {
	td.t.Helper()
	s, err := store.Open(td.path)
	if err != nil {
		td.t.Fatal(err)
	}
	defer s.Close()
	return s.Project().Portal.Calendar
}

// TestCalendarEditor types calendars into the editor: wrong ones are refused with the setting
// at fault marked and the file untouched; a right one is saved into the portal snapshot and
// reaches the previews.
func TestCalendarEditor(t *testing.T) {
	before := (&testDesk{}).demoCalendar(t)
	for _, tc := range []struct {
		name    string
		edit    func(c *calendarEditor)
		problem string // the setting marked; "" when the calendar is saved
		says    string
	}{
		{"night shift", func(c *calendarEditor) { c.start.SetText("18:00"); c.end.SetText("09:00") }, "workEnd", "must end after it starts"},
		{"not a time", func(c *calendarEditor) { c.start.SetText("9 утра") }, "workStart", "is not a time"},
		{"unknown zone", func(c *calendarEditor) { c.zone.SetText("Europe/Atlantis") }, "tz", "is not a time zone"},
		{"no such day", func(c *calendarEditor) { c.holidays.SetText("1.1, 31.2") }, "holidays", "«31.2» is not a day of the year"},
		{"every day off", func(c *calendarEditor) {
			for _, ch := range c.weekend {
				ch.SetChecked(true)
			}
		}, "weekend", "Every day is a day off"},
		{"six-day week", func(c *calendarEditor) {
			c.start.SetText("10:00")
			c.end.SetText("19:00")
			c.weekend[time.Saturday].SetChecked(false)
			c.zone.SetText("Asia/Yekaterinburg")
			c.holidays.SetText("1.1; 2.1 9.5")
			c.workdays.SetText("3.11")
		}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			td := newTestDesk(t, "DEAL:0")
			td.showCalendar()
			c := td.dialogs.calendar
			if c == nil {
				t.Fatal("no calendar editor opened")
			}
			tc.edit(c)
			saved := c.save()
			got := td.reopenedCalendar()
			if tc.problem != "" {
				l := c.problems[tc.problem]
				if saved || !l.Visible() || !strings.Contains(l.Text, tc.says) {
					t.Fatalf("saved %v, %s problem %q (visible %v), want it refused saying %q", saved, tc.problem, l.Text, l.Visible(), tc.says)
				}
				if !reflect.DeepEqual(got, before) {
					t.Fatalf("a refused calendar changed the file: %+v", got)
				}
				return
			}
			want := calendar.Calendar{TZ: "Asia/Yekaterinburg", WorkStart: "10:00", WorkEnd: "19:00",
				Weekend: []time.Weekday{time.Sunday}, Holidays: []string{"1.1", "2.1", "9.5"}, Workdays: []string{"3.11"}}
			if !saved || !reflect.DeepEqual(got, want) {
				t.Fatalf("saved %v; file holds %+v, want %+v", saved, got, want)
			}
			if td.pv.location().String() != "Asia/Yekaterinburg" {
				t.Errorf("previews show times in %v after the change", td.pv.location())
			}
		})
	}
}

// demoCalendar is the calendar of a fresh demo project.
func (*testDesk) demoCalendar(t *testing.T) calendar.Calendar {
	p, _ := demoContent(t)
	return p.Calendar
}
