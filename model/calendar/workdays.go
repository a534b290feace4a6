package calendar

import "time"

// maxDaySteps bounds the day-by-day walk the same way Bitrix24 does (1000 iterations), so a
// calendar where every day is off cannot loop forever. Its consequence is kept on purpose: a
// request for more than about 700 working days stops early, as on the portal.
const maxDaySteps = 1000

// AddWorkDays moves t by n working days (backwards when n < 0), keeping the time of day. Days off
// are stepped over and not counted; t's own day may be a day off. This is addworkdays().
func (c Calendar) AddWorkDays(t time.Time, n int) time.Time {
	r := c.rules()
	return r.addWorkDays(t.In(r.loc), n)
}

func (r rules) addWorkDays(t time.Time, n int) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for i := 0; n > 0 && i < maxDaySteps; i++ {
		// AddDate keeps the wall clock across daylight-saving changes; the portal adds 86400 s.
		t = t.AddDate(0, 0, step)
		if r.isDayOff(t) {
			continue
		}
		n--
	}
	return t
}
