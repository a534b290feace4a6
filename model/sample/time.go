package sample

import (
	"strconv"
	"strings"
	"time"
)

// absoluteLayouts are the date forms a record may use besides relative ones; the portal's own
// format, when it differs, is tried by the caller.
var absoluteLayouts = []struct {
	layout string
	clock  bool
}{
	{time.RFC3339, true},
	{"2006-01-02T15:04:05", true},
	{"2006-01-02T15:04", true},
	{"2006-01-02 15:04:05", true},
	{"2006-01-02 15:04", true},
	{"2006-01-02", false},
	{"02.01.2006 15:04:05", true},
	{"02.01.2006 15:04", true},
	{"02.01.2006", false},
}

// ParseTime reads a date value of a record relative to now, in now's zone. Relative forms:
// "now"; "today" (midnight); a signed count of days (d), weeks (w), hours (h) or minutes (i or
// min) such as "+3d", "-1d", "+4h"; a day form followed by a time of day, "+2d 15:00" or
// "today 10:00". Absolute forms: RFC 3339, "2006-01-02[ 15:04[:05]]", "02.01.2006[ 15:04[:05]]".
// clock tells whether the value names a time of day (a datetime) rather than a day.
func ParseTime(s string, now time.Time) (t time.Time, clock bool, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	loc := now.Location()
	for _, l := range absoluteLayouts {
		if t, err := time.ParseInLocation(l.layout, s, loc); err == nil {
			return t, l.clock, true
		}
	}
	return relative(s, now)
}

func relative(s string, now time.Time) (time.Time, bool, bool) {
	head, tod, hasTOD := strings.Cut(strings.ToLower(s), " ")
	head = strings.TrimSpace(head)
	midnight := func(t time.Time) time.Time {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	}
	var t time.Time
	clock := false
	switch head {
	case "now":
		t, clock = now, true
	case "today":
		t = midnight(now)
	default:
		if len(head) < 3 || (head[0] != '+' && head[0] != '-') {
			return time.Time{}, false, false
		}
		i := 1
		for i < len(head) && head[i] >= '0' && head[i] <= '9' {
			i++
		}
		n, err := strconv.Atoi(head[1:i])
		if err != nil || n > 100000 {
			return time.Time{}, false, false
		}
		if head[0] == '-' {
			n = -n
		}
		switch head[i:] {
		case "d":
			t = midnight(now).AddDate(0, 0, n)
			if !hasTOD {
				// "+3d" of a datetime field keeps the clock of now; a date field ignores it.
				t = now.AddDate(0, 0, n)
			}
		case "w":
			t = now.AddDate(0, 0, 7*n)
			if hasTOD {
				t = midnight(t)
			}
		case "h":
			t, clock = now.Add(time.Duration(n)*time.Hour), true
		case "i", "min":
			t, clock = now.Add(time.Duration(n)*time.Minute), true
		default:
			return time.Time{}, false, false
		}
		if !hasTOD && (head[i:] == "d" || head[i:] == "w") {
			return t, false, true
		}
	}
	if !hasTOD {
		return t, clock, true
	}
	h, m, ok := strings.Cut(strings.TrimSpace(tod), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || clock {
		return time.Time{}, false, false
	}
	y, mo, d := t.Date()
	return time.Date(y, mo, d, hh, mm, 0, 0, t.Location()), true, true
}

// IsRelative tells whether a date value is written relative to now.
func IsRelative(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "now") || strings.HasPrefix(s, "today")
}
