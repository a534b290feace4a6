package calc

import (
	"strconv"
	"strings"
	"time"
)

// strtotime understands the part of PHP's strtotime that robot expressions use: "now", "today",
// "midnight", "noon", "tomorrow", "yesterday", "@<unix>", ISO and d.m.Y dates with an optional
// time, "+1 day", "-2 weeks 3 hours", "next monday", "last friday", a bare weekday,
// "first day of next month", "last day of this month" and "next/last <unit>". Anything else
// yields false (null), where PHP might still find a meaning.
func strtotime(s string, base time.Time) (time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return time.Time{}, false
	}
	if strings.HasPrefix(s, "@") {
		n, err := strconv.ParseInt(s[1:], 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.Unix(n, 0).In(base.Location()), true
	}
	t := base
	words := strings.Fields(s)
	if abs, rest, ok := absoluteDate(words, base.Location()); ok {
		t, words = abs, rest
	}
	for len(words) > 0 {
		var ok bool
		t, words, ok = relativeStep(t, words)
		if !ok {
			return time.Time{}, false
		}
	}
	return t, true
}

func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// absoluteDate reads a leading "2024-03-05", "2024-03-05 10:30[:00]", "2024-03-05T10:30:00" or
// "05.03.2024 [10:30[:00]]".
func absoluteDate(words []string, loc *time.Location) (time.Time, []string, bool) {
	w := words[0]
	rest := words[1:]
	if date, clock, ok := strings.Cut(w, "t"); ok && strings.Count(date, "-") == 2 {
		w = date
		rest = append([]string{clock}, rest...)
	}
	var t time.Time
	var ok bool
	switch {
	case strings.Count(w, "-") == 2:
		t, ok = parseStrict("Y-m-d", w, loc)
	case strings.Count(w, ".") == 2:
		t, ok = parseStrict("d.m.Y", w, loc)
	case strings.Count(w, "/") == 2:
		t, ok = parseStrict("m/d/Y", w, loc)
	}
	if !ok {
		return time.Time{}, words, false
	}
	if len(rest) > 0 && strings.Contains(rest[0], ":") {
		if c, ok2 := clockOf(rest[0]); ok2 {
			t = t.Add(c)
			rest = rest[1:]
		}
	}
	return t, rest, true
}

func clockOf(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || v > 59 || (i == 0 && v > 23) {
			return 0, false
		}
		n[i] = v
	}
	return time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second, true
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

func unitOf(w string) string {
	w = strings.TrimSuffix(w, "s")
	switch w {
	case "sec", "second":
		return "second"
	case "min", "minute":
		return "minute"
	case "hour", "day", "week", "fortnight", "month", "year":
		return w
	}
	return ""
}

func addUnit(t time.Time, n int, unit string) time.Time {
	switch unit {
	case "second":
		return t.Add(time.Duration(n) * time.Second)
	case "minute":
		return t.Add(time.Duration(n) * time.Minute)
	case "hour":
		return t.Add(time.Duration(n) * time.Hour)
	case "day":
		return t.AddDate(0, 0, n)
	case "week":
		return t.AddDate(0, 0, 7*n)
	case "fortnight":
		return t.AddDate(0, 0, 14*n)
	case "month":
		return t.AddDate(0, n, 0)
	case "year":
		return t.AddDate(n, 0, 0)
	}
	return t
}

// relativeStep applies the first relative phrase of words to t.
func relativeStep(t time.Time, words []string) (time.Time, []string, bool) {
	w := words[0]
	switch w {
	case "now":
		return t, words[1:], true
	case "today", "midnight":
		return dayStart(t), words[1:], true
	case "noon":
		return dayStart(t).Add(12 * time.Hour), words[1:], true
	case "tomorrow":
		return dayStart(t).AddDate(0, 0, 1), words[1:], true
	case "yesterday":
		return dayStart(t).AddDate(0, 0, -1), words[1:], true
	}
	if c, ok := clockOf(w); ok {
		return dayStart(t).Add(c), words[1:], true
	}
	if wd, ok := weekdays[w]; ok {
		d := dayStart(t)
		for d.Weekday() != wd {
			d = d.AddDate(0, 0, 1)
		}
		return d, words[1:], true
	}
	if (w == "first" || w == "last") && len(words) >= 4 && words[1] == "day" && words[2] == "of" {
		t2, rest, ok := relativeStep(t, words[3:])
		if !ok {
			return t, words, false
		}
		y, m, _ := t2.Date()
		day := 1
		if w == "last" {
			day = daysInMonth(y, m)
		}
		return time.Date(y, m, day, t2.Hour(), t2.Minute(), t2.Second(), 0, t2.Location()), rest, true
	}
	if (w == "next" || w == "last" || w == "previous" || w == "this") && len(words) >= 2 {
		n := map[string]int{"next": 1, "last": -1, "previous": -1, "this": 0}[w]
		if wd, ok := weekdays[words[1]]; ok {
			d := dayStart(t)
			for i := 0; i < 7; i++ {
				if n >= 0 {
					d = d.AddDate(0, 0, 1)
				} else {
					d = d.AddDate(0, 0, -1)
				}
				if d.Weekday() == wd {
					break
				}
			}
			return d, words[2:], true
		}
		if u := unitOf(words[1]); u != "" {
			return addUnit(t, n, u), words[2:], true
		}
		return t, words, false
	}
	// "+1 day", "-2 weeks", "3 hours", "+1day"
	num := w
	unitWord := ""
	i := 0
	if i < len(num) && (num[i] == '+' || num[i] == '-') {
		i++
	}
	j := i
	for j < len(num) && num[j] >= '0' && num[j] <= '9' {
		j++
	}
	if j == i {
		return t, words, false
	}
	n, err := strconv.Atoi(num[:j])
	if err != nil || n > maxIntervalNumber || n < -maxIntervalNumber {
		return t, words, false
	}
	rest := words[1:]
	if j < len(num) {
		unitWord = num[j:]
	} else if len(rest) > 0 {
		unitWord, rest = rest[0], rest[1:]
	}
	u := unitOf(unitWord)
	if u == "" {
		return t, words, false
	}
	return addUnit(t, n, u), rest, true
}
