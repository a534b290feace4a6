package calendar

import (
	"strconv"
	"strings"
	"time"
)

// rules is the calendar resolved into numbers once per call. Bitrix24 itself skips malformed
// entries instead of failing (a broken holiday list must not stop a running robot), so rules
// follows it and leaves reporting them to Validate.
type rules struct {
	loc      *time.Location
	start    int // seconds after midnight
	end      int
	weekend  [7]bool
	holidays map[dayMonth]bool
	workdays map[dayMonth]bool
}

type dayMonth struct{ day, month int }

// wholeDayEnd is Bitrix24's working-day end when none is set: 23:59:59.
const wholeDayEnd = 24*3600 - 1

func (c Calendar) rules() rules {
	r := rules{start: 0, end: wholeDayEnd}
	loc, err := c.Location()
	if err != nil {
		loc = time.UTC
	}
	r.loc = loc
	if s, err := parseClock(c.WorkStart); err == nil && c.WorkStart != "" {
		r.start = s
	}
	if e, err := parseClock(c.WorkEnd); err == nil && c.WorkEnd != "" {
		r.end = e
	}
	for _, d := range c.Weekend {
		if d >= time.Sunday && d <= time.Saturday {
			r.weekend[d] = true
		}
	}
	r.holidays = dayMonthSet(c.Holidays)
	r.workdays = dayMonthSet(c.Workdays)
	return r
}

func dayMonthSet(list []string) map[dayMonth]bool {
	if len(list) == 0 {
		return nil
	}
	set := make(map[dayMonth]bool, len(list))
	for _, s := range list {
		if dm, err := parseDayMonth(s); err == nil {
			set[dm] = true
		}
	}
	return set
}

// parseClock reads "H:MM" or "HH:MM" into seconds after midnight; "24:00" is accepted as the
// end of the day because a portal may work around the clock.
func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(m) != 2 || len(h) == 0 || len(h) > 2 {
		return 0, errClock
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, errClock
	}
	return hh*3600 + mm*60, nil
}

// parseDayMonth reads the "d.m" form Bitrix24 keeps for yearly holidays ("1.1", "09.05").
func parseDayMonth(s string) (dayMonth, error) {
	d, m, ok := strings.Cut(strings.TrimSpace(s), ".")
	if !ok {
		return dayMonth{}, errDayMonth
	}
	dd, err1 := strconv.Atoi(d)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || mm < 1 || mm > 12 || dd < 1 || dd > daysIn(mm) {
		return dayMonth{}, errDayMonth
	}
	return dayMonth{dd, mm}, nil
}

// daysIn allows 29 February: a yearly list cannot know the year.
func daysIn(month int) int {
	return time.Date(2024, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// secondsOfDay is Bitrix24's "day timestamp": hours and minutes only, seconds ignored.
func secondsOfDay(t time.Time) int {
	return t.Hour()*3600 + t.Minute()*60
}

// atSecond moves t to the given second of its day on the wall clock of its zone. Like the portal,
// which subtracts only hours and minutes, it keeps t's own seconds.
func atSecond(t time.Time, sec int) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, sec+t.Second(), t.Nanosecond(), t.Location())
}
