package calendar

import "time"

// IsWorkDay tells whether t's day (in the calendar's zone) is a working day. As in Bitrix24, a
// listed working day wins over both the weekend and the holidays.
func (c Calendar) IsWorkDay(t time.Time) bool {
	r := c.rules()
	return !r.isDayOff(t.In(r.loc))
}

// IsWorkTime tells whether t falls on a working day inside the working hours. Both bounds are
// inclusive and compared to the minute, exactly like the portal's isworktime().
func (c Calendar) IsWorkTime(t time.Time) bool {
	r := c.rules()
	t = t.In(r.loc)
	return !r.isDayOff(t) && r.inHours(t)
}

func (r rules) isDayOff(t time.Time) bool {
	dm := dayMonth{t.Day(), int(t.Month())}
	if r.workdays[dm] {
		return false
	}
	return r.weekend[t.Weekday()] || r.holidays[dm]
}

func (r rules) inHours(t time.Time) bool {
	s := secondsOfDay(t)
	return s >= r.start && s <= r.end
}
