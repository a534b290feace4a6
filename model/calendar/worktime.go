package calendar

import "time"

// WorkDayLength is the length of one working day; workdateadd counts its "d" unit in it.
func (c Calendar) WorkDayLength() time.Duration {
	r := c.rules()
	return time.Duration(r.end-r.start) * time.Second
}

// WorkHours returns the start and the end of the working day as offsets from midnight; unset or
// unreadable hours are the portal's defaults, 00:00 and 23:59:59.
func (c Calendar) WorkHours() (start, end time.Duration) {
	r := c.rules()
	return time.Duration(r.start) * time.Second, time.Duration(r.end) * time.Second
}

// NextWorkStart returns t itself when it is working time, otherwise the start of the next working
// period: today's start when t is before it, the next working day's start otherwise. Delays that
// "wait for the working day" resume there.
func (c Calendar) NextWorkStart(t time.Time) time.Time {
	r := c.rules()
	return r.nearest(t.In(r.loc), false)
}

// AddWorkTime adds d of working time to t the way workdateadd() does: t is first moved to the
// nearest working moment (forward, or backward when d < 0), whole working-day lengths of d are
// added as working days, and the rest is counted inside working hours, spilling into the next
// working day past the end of the day. A zero d only moves t to working time.
func (c Calendar) AddWorkTime(t time.Time, d time.Duration) time.Time {
	r := c.rules()
	return r.addWorkTime(t.In(r.loc), d)
}

func (r rules) addWorkTime(t time.Time, d time.Duration) time.Time {
	reverse := d < 0
	if reverse {
		d = -d
	}
	sign := 1
	if reverse {
		sign = -1
	}
	t = r.nearest(t, reverse)
	interval := int(d / time.Second)
	dayLen := r.end - r.start
	if interval == 0 || dayLen <= 0 {
		return t
	}
	days := interval / dayLen
	rest := interval % dayLen
	remain := r.end - secondsOfDay(t)
	if reverse {
		remain = secondsOfDay(t) - r.start
	}
	if days > 0 {
		t = r.addWorkDays(t, days*sign)
	}
	if rest > remain {
		// Step one minute past the edge of the day so that nearest() jumps to the next working
		// period, then spend what is left there. This is the portal's own algorithm.
		t = t.Add(time.Duration(sign*(remain+60)) * time.Second)
		t = r.nearest(t, reverse)
		return t.Add(time.Duration(sign*(rest-remain)) * time.Second)
	}
	return t.Add(time.Duration(sign*rest) * time.Second)
}

// nearest is the portal's getNearestWorkTime: the closest working moment at or after t (before
// t when reverse).
func (r rules) nearest(t time.Time, reverse bool) time.Time {
	if r.isDayOff(t) {
		if reverse {
			t = atSecond(t.AddDate(0, 0, -1), r.end)
		} else {
			t = atSecond(t, r.start)
		}
	}
	if !r.inHours(t) {
		if secondsOfDay(t) < r.start {
			if reverse {
				t = atSecond(t.AddDate(0, 0, -1), r.end)
			} else {
				t = atSecond(t, r.start)
			}
		} else {
			if reverse {
				t = atSecond(t, r.end)
			} else {
				t = atSecond(t.AddDate(0, 0, 1), r.start)
			}
		}
	}
	if r.isDayOff(t) {
		step := 1
		if reverse {
			step = -1
		}
		t = r.addWorkDays(t, step)
	}
	return t
}
