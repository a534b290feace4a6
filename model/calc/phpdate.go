package calc

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// formatDate renders t like PHP's date(format): the calculator's date(), locdate() and every
// date shown in a text. names supplies D, l, F, M (English for date(), localised for locdate()).
func formatDate(format string, t time.Time, names *dateNames) string {
	var b strings.Builder
	b.Grow(len(format) + 8)
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '\\' {
			i++
			if i < len(format) {
				b.WriteByte(format[i])
			}
			continue
		}
		switch c {
		case 'd':
			pad2(&b, t.Day())
		case 'D':
			b.WriteString(names.daysShort[t.Weekday()])
		case 'j':
			b.WriteString(strconv.Itoa(t.Day()))
		case 'l':
			b.WriteString(names.days[t.Weekday()])
		case 'N':
			wd := int(t.Weekday())
			if wd == 0 {
				wd = 7
			}
			b.WriteString(strconv.Itoa(wd))
		case 'S':
			b.WriteString(ordinalSuffix(t.Day()))
		case 'w':
			b.WriteString(strconv.Itoa(int(t.Weekday())))
		case 'z':
			b.WriteString(strconv.Itoa(t.YearDay() - 1))
		case 'W':
			_, w := t.ISOWeek()
			pad2(&b, w)
		case 'F':
			if names != englishNames && afterDayNumber(format, i) {
				b.WriteString(names.monthsGen[t.Month()-1])
			} else {
				b.WriteString(names.months[t.Month()-1])
			}
		case 'm':
			pad2(&b, int(t.Month()))
		case 'M':
			b.WriteString(names.monthsShort[t.Month()-1])
		case 'n':
			b.WriteString(strconv.Itoa(int(t.Month())))
		case 't':
			b.WriteString(strconv.Itoa(daysInMonth(t.Year(), t.Month())))
		case 'L':
			if daysInMonth(t.Year(), time.February) == 29 {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		case 'o':
			y, _ := t.ISOWeek()
			b.WriteString(strconv.Itoa(y))
		case 'Y':
			y := t.Year()
			if y >= 0 && y < 1000 {
				b.WriteString(strings.Repeat("0", 4-len(strconv.Itoa(y))))
			}
			b.WriteString(strconv.Itoa(y))
		case 'y':
			pad2(&b, t.Year()%100)
		case 'a':
			if t.Hour() < 12 {
				b.WriteString("am")
			} else {
				b.WriteString("pm")
			}
		case 'A':
			if t.Hour() < 12 {
				b.WriteString("AM")
			} else {
				b.WriteString("PM")
			}
		case 'B':
			u := t.UTC()
			beat := ((u.Hour()*3600 + u.Minute()*60 + u.Second() + 3600) % 86400) * 10 / 864
			b.WriteString(strings.Repeat("0", 3-len(strconv.Itoa(beat))) + strconv.Itoa(beat))
		case 'g':
			b.WriteString(strconv.Itoa(hour12(t.Hour())))
		case 'G':
			b.WriteString(strconv.Itoa(t.Hour()))
		case 'h':
			pad2(&b, hour12(t.Hour()))
		case 'H':
			pad2(&b, t.Hour())
		case 'i':
			pad2(&b, t.Minute())
		case 's':
			pad2(&b, t.Second())
		case 'u':
			b.WriteString(t.Format("000000"))
		case 'v':
			b.WriteString(t.Format("000"))
		case 'e':
			b.WriteString(t.Location().String())
		case 'I':
			if t.IsDST() {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		case 'O':
			b.WriteString(t.Format("-0700"))
		case 'P':
			b.WriteString(t.Format("-07:00"))
		case 'p':
			if _, off := t.Zone(); off == 0 {
				b.WriteByte('Z')
			} else {
				b.WriteString(t.Format("-07:00"))
			}
		case 'T':
			b.WriteString(t.Format("MST"))
		case 'Z':
			_, off := t.Zone()
			b.WriteString(strconv.Itoa(off))
		case 'c':
			b.WriteString(t.Format("2006-01-02T15:04:05-07:00"))
		case 'r':
			b.WriteString(formatDate(`D, d M Y H:i:s O`, t, names))
		case 'U':
			b.WriteString(strconv.FormatInt(t.Unix(), 10))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// afterDayNumber tells whether the F at i follows "j ", "d " or "jS ", where locdate() uses the
// genitive month ("5 Марта"); an escaped day letter does not count.
func afterDayNumber(format string, i int) bool {
	unescaped := func(p int) bool { return p == 0 || format[p-1] != '\\' }
	if i >= 2 && format[i-1] == ' ' && (format[i-2] == 'j' || format[i-2] == 'd') && unescaped(i-2) {
		return true
	}
	if i >= 3 && format[i-3:i] == "jS " && unescaped(i-3) {
		return true
	}
	return false
}

func pad2(b *strings.Builder, n int) {
	if n < 10 && n >= 0 {
		b.WriteByte('0')
	}
	b.WriteString(strconv.Itoa(n))
}

func hour12(h int) int {
	h %= 12
	if h == 0 {
		return 12
	}
	return h
}

func ordinalSuffix(d int) string {
	if d%100 >= 11 && d%100 <= 13 {
		return "th"
	}
	switch d % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

func daysInMonth(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dateField is what one letter of a PHP format means when a string is read back.
type dateField byte

const (
	fNone dateField = iota
	fDay
	fMonth
	fMonthName
	fYear
	fYear2
	fHour
	fHour12
	fMinute
	fSecond
	fMeridiem
)

func fieldOf(c byte) dateField {
	switch c {
	case 'd', 'j':
		return fDay
	case 'm', 'n':
		return fMonth
	case 'F', 'M':
		return fMonthName
	case 'Y':
		return fYear
	case 'y':
		return fYear2
	case 'H', 'G':
		return fHour
	case 'h', 'g':
		return fHour12
	case 'i':
		return fMinute
	case 's':
		return fSecond
	case 'a', 'A':
		return fMeridiem
	}
	return fNone
}

// dateParts collects what was read; -1 means "not given".
type dateParts struct {
	year, month, day, hour, min, sec int
	pm, am                           bool
}

func (p dateParts) build(loc *time.Location) (time.Time, bool) {
	if p.year < 0 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth(p.year, time.Month(p.month)) {
		return time.Time{}, false
	}
	h, mi, s := max(p.hour, 0), max(p.min, 0), max(p.sec, 0)
	if p.pm && h < 12 {
		h += 12
	}
	if p.am && h == 12 {
		h = 0
	}
	if h > 23 || mi > 59 || s > 59 {
		return time.Time{}, false
	}
	return time.Date(p.year, time.Month(p.month), p.day, h, mi, s, 0, loc), true
}

// parseLoose reads s the way the portal's MakeTimeStamp does: the value is cut into runs of
// digits and runs of letters, separators are ignored, and the runs fill the format's fields in
// order. Missing trailing time fields are zero, so a date-only string passes a datetime format.
func parseLoose(format, s string, loc *time.Location) (time.Time, bool) {
	var fields []dateField
	for i := 0; i < len(format); i++ {
		if format[i] == '\\' {
			i++
			continue
		}
		if f := fieldOf(format[i]); f != fNone {
			fields = append(fields, f)
		}
	}
	tokens := splitRuns(s)
	if len(tokens) == 0 || len(tokens) > len(fields) {
		return time.Time{}, false
	}
	p := dateParts{year: -1, month: -1, day: -1, hour: -1, min: -1, sec: -1}
	for i, tok := range tokens {
		if !p.set(fields[i], tok) {
			return time.Time{}, false
		}
	}
	return p.build(loc)
}

func splitRuns(s string) []string {
	var out []string
	start, kind := -1, 0 // kind 1 digits, 2 letters
	flush := func(i int) {
		if start >= 0 {
			out = append(out, s[start:i])
			start, kind = -1, 0
		}
	}
	for i, r := range s {
		k := 0
		switch {
		case r >= '0' && r <= '9':
			k = 1
		case strings.ContainsRune(":\\/.,- \t\n\r\v\f", r):
			k = 0
		default:
			k = 2
		}
		if k != kind {
			flush(i)
			if k != 0 {
				start, kind = i, k
			}
		}
	}
	flush(len(s))
	return out
}

func (p *dateParts) set(f dateField, tok string) bool {
	if f == fMeridiem {
		switch strings.ToLower(tok) {
		case "am":
			p.am = true
		case "pm":
			p.pm = true
		default:
			return false
		}
		return true
	}
	if f == fMonthName {
		m := monthByName(tok)
		if m == 0 {
			return false
		}
		p.month = m
		return true
	}
	if len(tok) > 9 || tok[0] < '0' || tok[0] > '9' {
		return false
	}
	n, err := strconv.Atoi(tok)
	if err != nil {
		return false
	}
	switch f {
	case fDay:
		p.day = n
	case fMonth:
		p.month = n
	case fYear:
		p.year = n
	case fYear2:
		p.year = 2000 + n%100
		if n%100 >= 70 {
			p.year = 1900 + n%100
		}
	case fHour, fHour12:
		p.hour = n
	case fMinute:
		p.min = n
	case fSecond:
		p.sec = n
	}
	return true
}

func monthByName(tok string) int {
	low := strings.ToLower(tok)
	for _, names := range []*dateNames{englishNames, russianNames} {
		for i := 0; i < 12; i++ {
			if strings.ToLower(names.months[i]) == low || strings.ToLower(names.monthsShort[i]) == low || strings.ToLower(names.monthsGen[i]) == low {
				return i + 1
			}
		}
	}
	return 0
}

// parseStrict reads s exactly as PHP's DateTime::createFromFormat does for the usual portal
// formats: every literal must be there and nothing may follow. Fields the format lacks are
// zero (the portal resets the time of date-only values).
func parseStrict(format, s string, loc *time.Location) (time.Time, bool) {
	p := dateParts{year: -1, month: -1, day: -1, hour: -1, min: -1, sec: -1}
	j := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '\\' {
			i++
			if i >= len(format) || j >= len(s) || s[j] != format[i] {
				return time.Time{}, false
			}
			j++
			continue
		}
		f := fieldOf(c)
		if f == fNone {
			if j >= len(s) || s[j] != c {
				return time.Time{}, false
			}
			j++
			continue
		}
		var tok string
		switch f {
		case fMeridiem:
			if j+2 > len(s) {
				return time.Time{}, false
			}
			tok = s[j : j+2]
		case fMonthName:
			k := j
			for k < len(s) {
				r := rune(s[k])
				if r < 0x80 && !unicode.IsLetter(r) {
					break
				}
				k++
			}
			tok = s[j:k]
		default:
			width := 2
			switch f {
			case fYear:
				width = 4
			}
			k := j
			for k < len(s) && k-j < width && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			if (c == 'i' || c == 's' || c == 'y') && k-j != 2 {
				return time.Time{}, false
			}
			tok = s[j:k]
		}
		if tok == "" || !p.set(f, tok) {
			return time.Time{}, false
		}
		j += len(tok)
	}
	if j != len(s) {
		return time.Time{}, false
	}
	return p.build(loc)
}
