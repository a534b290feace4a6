package calc

import (
	"time"

	"robodesk/model/calendar"
)

// userCalendar is the portal calendar evaluated in a user's zone when a user argument is given
// (workdateadd(date, interval, user) counts the working hours on that user's clock).
func (ev *evaluator) userCalendar(user Value) calendar.Calendar {
	cal := ev.env.calendar()
	if user.Bool() {
		if u, ok := ev.lookupUser(user); ok && u.TimeZone != "" {
			cal.TZ = u.TimeZone
		}
	}
	return cal
}

func calendarZone(cal calendar.Calendar) *time.Location {
	loc, err := cal.Location()
	if err != nil {
		return time.UTC
	}
	return loc
}

// fnWorkDateAdd is workdateadd(date, interval, user?): the interval (d = one working day's
// length, h, i) counted in working time only. A date exactly at midnight (a date-only value)
// starts at the beginning of that working day. An empty interval returns the timestamp.
func fnWorkDateAdd(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	date := shift(&ar)
	interval := shift(&ar)
	user := shift(&ar)
	if user.Bool() {
		date = ev.toUserDate(user, date)
	}
	t, ok := ev.toTime(date)
	if !ok {
		return Null()
	}
	if !interval.Bool() {
		return Int(t.Unix())
	}
	cal := ev.userCalendar(user)
	t = t.In(calendarZone(cal))
	neg, parts := parseInterval(ev.formats.Text(interval))
	dayLen := cal.WorkDayLength()
	var total time.Duration
	for _, p := range parts {
		if secs, ok := workDateAddUnits[p.unit]; ok {
			unit := time.Duration(secs) * time.Second
			if secs < 0 {
				unit = dayLen
			}
			total += time.Duration(p.n) * unit
		}
	}
	if neg {
		total = -total
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		start, _ := cal.WorkHours()
		t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()).Add(start)
	}
	return DateTime(cal.AddWorkTime(t, total))
}

// fnAddWorkDays is addworkdays(date, days): whole working days, time of day kept; 0 days
// returns the timestamp.
func fnAddWorkDays(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	date := shift(&ar)
	days := shift(&ar).Int()
	t, ok := ev.toTime(date)
	if !ok {
		return Null()
	}
	if days == 0 {
		return Int(t.Unix())
	}
	cal := ev.env.calendar()
	days = max(-1_000_000, min(days, 1_000_000))
	return DateTime(cal.AddWorkDays(t.In(calendarZone(cal)), int(days)))
}

// fnIsWorkDay is isworkday(date, user?).
func fnIsWorkDay(ev *evaluator, arg Value) Value {
	return ev.workCheck(arg, calendar.Calendar.IsWorkDay)
}

// fnIsWorkTime is isworktime(date, user?): a working day and inside the working hours.
func fnIsWorkTime(ev *evaluator, arg Value) Value {
	return ev.workCheck(arg, calendar.Calendar.IsWorkTime)
}

func (ev *evaluator) workCheck(arg Value, check func(calendar.Calendar, time.Time) bool) Value {
	ar := flatten(arg)
	date := shift(&ar)
	user := shift(&ar)
	if user.Bool() {
		date = ev.toUserDate(user, date)
	}
	t, ok := ev.toTime(date)
	if !ok {
		return Null()
	}
	return Bool(check(ev.userCalendar(user), t))
}
