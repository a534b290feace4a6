package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// russia is a Moscow portal with the 8 March holiday and Saturday 27 April 2024 as a working day.
func russia() Calendar {
	c := Default()
	c.TZ = "Europe/Moscow"
	c.Holidays = []string{"1.1", "8.3", "9.5"}
	c.Workdays = []string{"27.4"}
	return c
}

func msk(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestIsWorkDayAndTime(t *testing.T) {
	c := russia()
	cases := []struct {
		at       string
		day, hrs bool
	}{
		{"2024-03-04 10:00", true, true},   // Monday
		{"2024-03-04 09:00", true, true},   // start is inclusive
		{"2024-03-04 18:00", true, true},   // end is inclusive, to the minute
		{"2024-03-04 18:01", true, false},  // one minute late
		{"2024-03-04 08:59", true, false},  // one minute early
		{"2024-03-09 12:00", false, false}, // Saturday
		{"2024-03-08 12:00", false, false}, // holiday on a Friday
		{"2024-04-27 12:00", true, true},   // Saturday that is a working day
		{"2024-05-09 12:00", false, false}, // holiday on a Thursday
	}
	for _, tc := range cases {
		at := msk(t, tc.at)
		if got := c.IsWorkDay(at); got != tc.day {
			t.Errorf("IsWorkDay(%s) = %v, want %v", tc.at, got, tc.day)
		}
		if got := c.IsWorkTime(at); got != tc.hrs {
			t.Errorf("IsWorkTime(%s) = %v, want %v", tc.at, got, tc.hrs)
		}
	}
}

func TestWorkdayBeatsHoliday(t *testing.T) {
	c := russia()
	c.Holidays = append(c.Holidays, "27.4")
	if !c.IsWorkDay(msk(t, "2024-04-27 12:00")) {
		t.Fatal("a day listed as a working day must be one even when it is also a holiday")
	}
}

func TestZoneConversion(t *testing.T) {
	c := russia()
	utc := time.Date(2024, 3, 4, 6, 0, 0, 0, time.UTC) // 09:00 in Moscow
	if !c.IsWorkTime(utc) {
		t.Fatal("06:00 UTC is 09:00 in Moscow, inside working hours")
	}
	got := c.AddWorkTime(utc, time.Hour)
	if got.Location().String() != "Europe/Moscow" || got.Format("2006-01-02 15:04") != "2024-03-04 10:00" {
		t.Fatalf("AddWorkTime returned %s, want 2024-03-04 10:00 in Europe/Moscow", got)
	}
}

func TestAddWorkTime(t *testing.T) {
	c := russia()
	cases := []struct {
		name, from string
		d          time.Duration
		want       string
	}{
		{"inside the day", "2024-03-04 10:00", 2 * time.Hour, "2024-03-04 12:00"},
		{"friday evening spills to monday", "2024-03-01 17:00", 2 * time.Hour, "2024-03-04 10:00"},
		{"after hours starts next working morning", "2024-03-01 19:00", time.Hour, "2024-03-04 10:00"},
		{"weekend starts monday", "2024-03-02 12:00", time.Hour, "2024-03-04 10:00"},
		{"before hours starts today", "2024-03-04 07:30", 30 * time.Minute, "2024-03-04 09:30"},
		{"exactly to the end of day", "2024-03-04 17:00", time.Hour, "2024-03-04 18:00"},
		{"one working day", "2024-03-04 10:00", 9 * time.Hour, "2024-03-05 10:00"},
		{"day and hours", "2024-03-04 10:00", 12 * time.Hour, "2024-03-05 13:00"},
		{"two working days over a weekend", "2024-03-01 11:00", 18 * time.Hour, "2024-03-05 11:00"},
		{"holiday skipped", "2024-03-07 17:00", 2 * time.Hour, "2024-03-11 10:00"},
		{"working saturday used", "2024-04-26 17:00", 2 * time.Hour, "2024-04-27 10:00"},
		{"zero only moves into working time", "2024-03-02 12:00", 0, "2024-03-04 09:00"},
		{"zero inside hours stays", "2024-03-04 18:00", 0, "2024-03-04 18:00"},
		{"backwards inside the day", "2024-03-04 15:00", -2 * time.Hour, "2024-03-04 13:00"},
		{"backwards over the weekend", "2024-03-04 10:00", -2 * time.Hour, "2024-03-01 17:00"},
		{"backwards from a weekend", "2024-03-03 12:00", -time.Hour, "2024-03-01 17:00"},
		{"minutes", "2024-03-04 17:50", 20 * time.Minute, "2024-03-05 09:10"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := c.AddWorkTime(msk(t, tc.from), tc.d).Format("2006-01-02 15:04")
			if got != tc.want {
				t.Fatalf("AddWorkTime(%s, %s) = %s, want %s", tc.from, tc.d, got, tc.want)
			}
		})
	}
}

func TestAddWorkDays(t *testing.T) {
	c := russia()
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2024-03-01 15:30", 1, "2024-03-04 15:30"},  // Friday + 1 = Monday, time kept
		{"2024-03-07 10:00", 1, "2024-03-11 10:00"},  // over the 8 March holiday and the weekend
		{"2024-03-04 10:00", -1, "2024-03-01 10:00"}, // backwards
		{"2024-03-04 10:00", 0, "2024-03-04 10:00"},
		{"2024-03-02 10:00", 1, "2024-03-04 10:00"},  // from a day off
		{"2024-04-26 10:00", 1, "2024-04-27 10:00"},  // working Saturday
		{"2024-03-04 10:00", 10, "2024-03-19 10:00"}, // two weeks minus the holiday
	}
	for _, tc := range cases {
		got := c.AddWorkDays(msk(t, tc.from), tc.n).Format("2006-01-02 15:04")
		if got != tc.want {
			t.Errorf("AddWorkDays(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestAddWorkDaysCannotLoopForever(t *testing.T) {
	c := Default()
	c.Weekend = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	start := time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)
	got := c.AddWorkDays(start, 5)
	if want := start.AddDate(0, 0, maxDaySteps); !got.Equal(want) {
		t.Fatalf("got %s, want the walk to stop after %d days at %s", got, maxDaySteps, want)
	}
}

func TestNextWorkStart(t *testing.T) {
	c := russia()
	cases := []struct{ from, want string }{
		{"2024-03-04 08:00", "2024-03-04 09:00"},
		{"2024-03-04 10:00", "2024-03-04 10:00"},
		{"2024-03-01 19:00", "2024-03-04 09:00"},
		{"2024-03-02 10:00", "2024-03-04 09:00"},
		{"2024-03-08 10:00", "2024-03-11 09:00"},
		{"2024-04-26 20:00", "2024-04-27 09:00"},
	}
	for _, tc := range cases {
		got := c.NextWorkStart(msk(t, tc.from)).Format("2006-01-02 15:04")
		if got != tc.want {
			t.Errorf("NextWorkStart(%s) = %s, want %s", tc.from, got, tc.want)
		}
	}
}

func TestWorkDayLength(t *testing.T) {
	c := Default()
	c.WorkStart, c.WorkEnd = "09:30", "18:00"
	if got := c.WorkDayLength(); got != 8*time.Hour+30*time.Minute {
		t.Fatalf("WorkDayLength = %s", got)
	}
	c.WorkStart, c.WorkEnd = "", ""
	if got := c.WorkDayLength(); got != 24*time.Hour-time.Second {
		t.Fatalf("unset hours mean the whole day as on the portal, got %s", got)
	}
}

func TestValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("default calendar: %v", err)
	}
	if err := russia().Validate(); err != nil {
		t.Fatalf("russia: %v", err)
	}
	cases := []struct {
		name  string
		edit  func(*Calendar)
		field string
		text  string
	}{
		{"bad start", func(c *Calendar) { c.WorkStart = "9-00" }, "workStart", `calendar workStart "9-00": want a time of day HH:MM`},
		{"hour out of range", func(c *Calendar) { c.WorkEnd = "25:00" }, "workEnd", `calendar workEnd "25:00"`},
		{"minutes out of range", func(c *Calendar) { c.WorkStart = "09:60" }, "workStart", `"09:60"`},
		{"end before start", func(c *Calendar) { c.WorkStart, c.WorkEnd = "18:00", "09:00" }, "workEnd", "must be later than workStart 18:00"},
		{"end equals start", func(c *Calendar) { c.WorkEnd = "09:00" }, "workEnd", "must be later"},
		{"bad holiday", func(c *Calendar) { c.Holidays = []string{"1.1", "32.1"} }, "holidays", `calendar holidays "32.1": want a day of the year d.m`},
		{"bad month", func(c *Calendar) { c.Holidays = []string{"1.13"} }, "holidays", `"1.13"`},
		{"30 February", func(c *Calendar) { c.Workdays = []string{"30.2"} }, "workdays", `"30.2"`},
		{"not a date", func(c *Calendar) { c.Workdays = []string{"may day"} }, "workdays", `"may day"`},
		{"zone", func(c *Calendar) { c.TZ = "Mars/Olympus" }, "tz", `calendar tz "Mars/Olympus": unknown time zone`},
		{"weekday", func(c *Calendar) { c.Weekend = []time.Weekday{7} }, "weekend", "not a day of the week"},
		{"every day off", func(c *Calendar) { c.Weekend = []time.Weekday{0, 1, 2, 3, 4, 5, 6} }, "weekend", "every day is a day off"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Default()
			tc.edit(&c)
			err := c.Validate()
			if err == nil {
				t.Fatal("want an error")
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("want a FieldError for %s, got %v", tc.field, err)
			}
			if !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("error %q does not contain %q", err, tc.text)
			}
		})
	}
}

func TestValidateReportsAll(t *testing.T) {
	c := Calendar{TZ: "Nowhere/City", WorkStart: "x", WorkEnd: "y", Holidays: []string{"0.0"}}
	err := c.Validate()
	for _, field := range []string{"tz", "workStart", "workEnd", "holidays"} {
		if !strings.Contains(err.Error(), "calendar "+field+" ") {
			t.Errorf("missing %s in %v", field, err)
		}
	}
}

func TestBrokenCalendarIsTolerated(t *testing.T) {
	c := Calendar{TZ: "Nowhere/City", WorkStart: "bad", WorkEnd: "18:00", Weekend: []time.Weekday{6, 0}, Holidays: []string{"junk", "8.3"}}
	at := time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC)
	if c.IsWorkDay(at) {
		t.Fatal("the valid holiday must still count when another entry is junk")
	}
	if !c.IsWorkTime(time.Date(2024, 3, 7, 1, 0, 0, 0, time.UTC)) {
		t.Fatal("an unreadable start falls back to midnight like the portal")
	}
}

func TestWorkHours(t *testing.T) {
	s, e := russia().WorkHours()
	if s != 9*time.Hour || e != 18*time.Hour {
		t.Fatalf("WorkHours = %s, %s", s, e)
	}
}
