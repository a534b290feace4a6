package calc

import (
	"strconv"
	"time"
)

// toTime is the portal's makeTimestamp: a date object as is, an integer (or integer string) as
// a Unix timestamp, and a string read with the portal's datetime format, then its date format,
// then "YYYY-MM-DD HH:MI:SS" and "YYYY-MM-DD". Empty values and anything else fail.
func (ev *evaluator) toTime(v Value) (time.Time, bool) {
	if !v.Bool() {
		return time.Time{}, false
	}
	loc := ev.env.Location()
	switch v.kind {
	case KindDate, KindDateTime:
		return v.t, true
	case KindInt:
		return time.Unix(v.i, 0).In(loc), true
	case KindBool:
		return time.Unix(1, 0).In(loc), true // intval(true)."!" === true."!"
	case KindFloat:
		if v.f == float64(int64(v.f)) && v.f < 1e15 && v.f > -1e15 {
			return time.Unix(int64(v.f), 0).In(loc), true
		}
		return ev.parseTime(FormatFloat(v.f), loc)
	case KindString:
		if n, err := strconv.ParseInt(v.s, 10, 64); err == nil && strconv.FormatInt(n, 10) == v.s {
			return time.Unix(n, 0).In(loc), true
		}
		return ev.parseTime(v.s, loc)
	}
	return time.Time{}, false
}

// ParseTime reads a date or datetime string the way the portal's date functions do: the
// portal's datetime format, then its date format, then ISO forms, in the portal's zone.
func (e *Env) ParseTime(s string) (time.Time, bool) {
	ev := evaluator{env: e, formats: e.Formats.WithDefaults()}
	return ev.parseTime(s, e.Location())
}

func (ev *evaluator) parseTime(s string, loc *time.Location) (time.Time, bool) {
	for _, f := range []string{ev.formats.DateTime, ev.formats.Date, "Y-m-d H:i:s", "Y-m-d"} {
		if t, ok := parseLoose(f, s, loc); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// strictTime is datediff's reading of its arguments: date objects, or strings in exactly the
// portal's datetime or date format (ISO strings fail there, as on the portal).
func (ev *evaluator) strictTime(v Value) (time.Time, bool) {
	if v.IsTime() {
		return v.t.In(ev.env.Location()), true
	}
	s := ev.formats.Text(v)
	loc := ev.env.Location()
	if t, ok := parseStrict(ev.formats.DateTime, s, loc); ok {
		return t, true
	}
	return parseStrict(ev.formats.Date, s, loc)
}
