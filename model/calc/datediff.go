package calc

import (
	"strconv"
	"strings"
	"time"
)

// dateInterval is PHP's DateInterval as DateTime::diff fills it.
type dateInterval struct {
	y, m, d, h, i, s int
	days             int
	invert           bool
}

// diffDates computes the calendar difference from a to b: whole months first (a day past the end
// of a shorter month is clamped to its last day), then days, hours, minutes and seconds on the
// wall clock, and the total number of days.
func diffDates(a, b time.Time) dateInterval {
	var r dateInterval
	b = b.In(a.Location())
	if b.Before(a) {
		a, b = b, a
		r.invert = true
	}
	months := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	for months > 0 && addMonthsClamped(a, months).After(b) {
		months--
	}
	mid := addMonthsClamped(a, months)
	r.y, r.m = months/12, months%12
	days := civilDays(b) - civilDays(mid)
	secs := secondOfDay(b) - secondOfDay(mid)
	if secs < 0 {
		days--
		secs += 86400
	}
	r.d, r.h, r.i, r.s = days, secs/3600, secs%3600/60, secs%60
	total := civilDays(b) - civilDays(a)
	if secondOfDay(b) < secondOfDay(a) {
		total--
	}
	r.days = total
	return r
}

func addMonthsClamped(t time.Time, months int) time.Time {
	y, m := t.Year(), int(t.Month())-1+months
	y += m / 12
	m = m%12 + 1
	d := min(t.Day(), daysInMonth(y, time.Month(m)))
	return time.Date(y, time.Month(m), d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

func civilDays(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func secondOfDay(t time.Time) int { return t.Hour()*3600 + t.Minute()*60 + t.Second() }

// format is DateInterval::format: %y %Y %m %M %d %D %h %H %i %I %s %S %a %R %r %f %F and %%;
// an unknown letter is printed with its percent sign.
func (r dateInterval) format(f string) string {
	var b strings.Builder
	two := func(n int) {
		if n < 10 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.Itoa(n))
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 >= len(f) {
			b.WriteByte(f[i])
			continue
		}
		i++
		switch f[i] {
		case 'y':
			b.WriteString(strconv.Itoa(r.y))
		case 'Y':
			two(r.y)
		case 'm':
			b.WriteString(strconv.Itoa(r.m))
		case 'M':
			two(r.m)
		case 'd':
			b.WriteString(strconv.Itoa(r.d))
		case 'D':
			two(r.d)
		case 'h':
			b.WriteString(strconv.Itoa(r.h))
		case 'H':
			two(r.h)
		case 'i':
			b.WriteString(strconv.Itoa(r.i))
		case 'I':
			two(r.i)
		case 's':
			b.WriteString(strconv.Itoa(r.s))
		case 'S':
			two(r.s)
		case 'f':
			b.WriteByte('0')
		case 'F':
			b.WriteString("000000")
		case 'a':
			b.WriteString(strconv.Itoa(r.days))
		case 'R':
			if r.invert {
				b.WriteByte('-')
			} else {
				b.WriteByte('+')
			}
		case 'r':
			if r.invert {
				b.WriteByte('-')
			}
		case '%':
			b.WriteByte('%')
		default:
			b.WriteByte('%')
			b.WriteByte(f[i])
		}
	}
	return b.String()
}
