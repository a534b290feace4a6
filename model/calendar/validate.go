package calendar

import (
	"errors"
	"fmt"
	"time"
)

var (
	errClock    = errors.New("want a time of day HH:MM")
	errDayMonth = errors.New("want a day of the year d.m")
)

// FieldError names the calendar setting that is wrong, so an editor can point at it.
type FieldError struct {
	Field  string // JSON name of the setting: "tz", "workStart", "workEnd", "weekend", "holidays", "workdays"
	Value  string
	Reason string
}

// Error reports the field, the offending value and what was expected.
func (e *FieldError) Error() string {
	return fmt.Sprintf("calendar %s %q: %s", e.Field, e.Value, e.Reason)
}

// Validate checks every setting and returns all problems at once (joined), each a *FieldError.
// The working-time functions tolerate a broken calendar the way the portal does; saving one
// should not, which is why the check is separate.
func (c Calendar) Validate() error {
	var errs []error
	add := func(field, value, reason string) {
		errs = append(errs, &FieldError{Field: field, Value: value, Reason: reason})
	}
	if _, err := c.Location(); err != nil {
		add("tz", c.TZ, "unknown time zone")
	}
	start, errS := parseClock(c.WorkStart)
	if errS != nil {
		add("workStart", c.WorkStart, errS.Error())
	}
	end, errE := parseClock(c.WorkEnd)
	if errE != nil {
		add("workEnd", c.WorkEnd, errE.Error())
	}
	if errS == nil && errE == nil && end <= start {
		add("workEnd", c.WorkEnd, "must be later than workStart "+c.WorkStart)
	}
	off := map[time.Weekday]bool{}
	for _, d := range c.Weekend {
		if d < time.Sunday || d > time.Saturday {
			add("weekend", fmt.Sprint(int(d)), "not a day of the week (0 = Sunday … 6 = Saturday)")
			continue
		}
		off[d] = true
	}
	if len(off) == 7 && len(c.Workdays) == 0 {
		add("weekend", fmt.Sprint(c.Weekend), "every day is a day off, so no robot could ever reach working time")
	}
	for _, s := range c.Holidays {
		if _, err := parseDayMonth(s); err != nil {
			add("holidays", s, err.Error())
		}
	}
	for _, s := range c.Workdays {
		if _, err := parseDayMonth(s); err != nil {
			add("workdays", s, err.Error())
		}
	}
	return errors.Join(errs...)
}
