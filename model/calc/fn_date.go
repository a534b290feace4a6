package calc

import (
	"time"
)

// fnDate is date(format, date?) with English names; the default date is now.
func fnDate(ev *evaluator, arg Value) Value {
	return ev.formatWith(arg, englishNames)
}

// fnLocDate is locdate(format, date?): date() with the portal language's day and month names,
// the month in the genitive after a day number ("5 Марта").
func fnLocDate(ev *evaluator, arg Value) Value {
	return ev.formatWith(arg, namesFor(ev.env.Lang))
}

func (ev *evaluator) formatWith(arg Value, names *dateNames) Value {
	ar := flatten(arg)
	format := shift(&ar)
	date := shift(&ar)
	if format.kind != KindString || !format.Bool() {
		return Null()
	}
	t := ev.env.CurrentTime()
	if date.Bool() {
		var ok bool
		if t, ok = ev.toTime(date); !ok {
			return Null()
		}
	}
	return String(formatDate(format.s, t, names))
}

// fnDateAdd is dateadd(date, interval). An empty interval returns the bare Unix timestamp (an
// integer), exactly as on the portal; otherwise a datetime in the date's zone.
func fnDateAdd(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	date := shift(&ar)
	interval := shift(&ar)
	t, ok := ev.toTime(date)
	if !ok {
		return Null()
	}
	if !interval.Bool() {
		return Int(t.Unix())
	}
	neg, parts := parseInterval(ev.formats.Text(interval))
	var add [6]int // Y M D H I S
	idx := map[byte]int{'Y': 0, 'M': 1, 'D': 2, 'H': 3, 'I': 4, 'S': 5}
	for _, p := range parts {
		if f, ok := dateAddUnits[p.unit]; ok {
			n := p.n
			if neg {
				n = -n
			}
			add[idx[f]] = n // a repeated unit replaces the earlier one
		}
	}
	// Calendar arithmetic with overflow, like PHP's mktime: 31 January + 1 month = 3 March.
	r := time.Date(t.Year()+add[0], t.Month()+time.Month(add[1]), t.Day()+add[2],
		t.Hour()+add[3], t.Minute()+add[4], t.Second()+add[5], t.Nanosecond(), t.Location())
	return DateTime(r)
}

// fnDateDiff is datediff(date1, date2, format): PHP's DateTime::diff()->format(format).
func fnDateDiff(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	d1 := shift(&ar)
	d2 := shift(&ar)
	format := shift(&ar)
	if compare(ev.formats, d1, Null()) == 0 || compare(ev.formats, d2, Null()) == 0 {
		return Null()
	}
	t1, ok1 := ev.strictTime(d1)
	t2, ok2 := ev.strictTime(d2)
	if !ok1 || !ok2 {
		return Null()
	}
	return String(diffDates(t1, t2).format(ev.formats.Text(format)))
}

// fnStrtotime is strtotime(text, base?) for the formats listed at parseRelative.
func fnStrtotime(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	text := shift(&ar)
	base := shift(&ar)
	t := ev.env.CurrentTime()
	if base.Bool() {
		var ok bool
		if t, ok = ev.toTime(base); !ok {
			return Null()
		}
	}
	if !isScalar(text) && !text.IsNull() {
		return Null()
	}
	r, ok := strtotime(ev.formats.Text(text), t)
	if !ok {
		return Null()
	}
	return DateTime(r)
}

// fnSetTime is settime(date, hour, minute, offset?) from the portal's delay expressions: the
// date's day at hour:minute, less an optional offset in seconds (clamped to ±12 h).
func fnSetTime(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	date := shift(&ar)
	hour := max(0, shift(&ar).Int())
	minute := max(0, shift(&ar).Int())
	offset := max(-12*3600, min(12*3600, shift(&ar).Int()))
	t, ok := ev.toTime(date)
	if !ok || hour > 1_000_000 || minute > 1_000_000 {
		return Null()
	}
	y, m, d := t.Date()
	secs := int(hour*3600 + minute*60 - offset)
	return DateTime(time.Date(y, m, d, 0, 0, secs, 0, t.Location()))
}
