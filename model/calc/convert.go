package calc

import (
	"math"
	"strconv"
	"strings"
)

// Formats are the portal's date and datetime formats in PHP date() notation, used whenever a
// date object is turned into text (the portal's Value\Date::__toString).
type Formats struct {
	Date     string // e.g. "d.m.Y"
	DateTime string // e.g. "d.m.Y H:i:s"
}

// DefaultFormats are those of a Russian-language portal.
var DefaultFormats = Formats{Date: "d.m.Y", DateTime: "d.m.Y H:i:s"}

// WithDefaults fills empty formats with DefaultFormats.
func (f Formats) WithDefaults() Formats {
	if f.Date == "" {
		f.Date = DefaultFormats.Date
	}
	if f.DateTime == "" {
		f.DateTime = DefaultFormats.DateTime
	}
	return f
}

// Text is PHP's string conversion: null and false are "", true is "1", a whole float has no
// decimal part ("11"), dates use the portal formats and an array is the word "Array".
func (f Formats) Text(v Value) string {
	switch v.kind {
	case KindNull:
		return ""
	case KindBool:
		if v.b {
			return "1"
		}
		return ""
	case KindInt:
		return strconv.FormatInt(v.i, 10)
	case KindFloat:
		return FormatFloat(v.f)
	case KindString:
		return v.s
	case KindDate:
		return formatDate(f.WithDefaults().Date, v.t, englishNames)
	case KindDateTime:
		return formatDate(f.WithDefaults().DateTime, v.t, englishNames)
	}
	return "Array"
}

// Join is how a text shows any value: arrays are flattened and joined with ", ", everything else
// is converted with Text.
func (f Formats) Join(v Value) string {
	if v.kind != KindArray {
		return f.Text(v)
	}
	items := flatten(v)
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.Text(it))
	}
	return b.String()
}

// String shows v with the default formats; it is meant for logs and tests.
func (v Value) String() string { return DefaultFormats.Join(v) }

// FormatFloat prints a float the way PHP does with its default precision of 14 significant
// digits: 11.0 is "11", 0.1+0.2 is "0.3", 1e15 is "1.0E+15".
func FormatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NAN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case f == 0:
		if math.Signbit(f) {
			return "-0"
		}
		return "0"
	}
	s := strconv.FormatFloat(f, 'e', 13, 64)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	mant, expStr, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
	decpt := exp + 1
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	if decpt < -3 || decpt > 14 {
		b.WriteByte(digits[0])
		b.WriteByte('.')
		if len(digits) > 1 {
			b.WriteString(digits[1:])
		} else {
			b.WriteByte('0')
		}
		b.WriteByte('E')
		if exp >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(exp))
		return b.String()
	}
	switch {
	case decpt <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -decpt))
		b.WriteString(digits)
	case len(digits) <= decpt:
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", decpt-len(digits)))
	default:
		b.WriteString(digits[:decpt])
		b.WriteByte('.')
		b.WriteString(digits[decpt:])
	}
	return b.String()
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// leadingNumber reads the number a PHP string starts with, as PHP's numeric conversion does;
// whole reports whether the string is numeric as a whole (surrounding whitespace allowed).
func leadingNumber(s string) (f float64, whole bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	start := i
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	f, err := strconv.ParseFloat(s[start:i], 64)
	if err != nil { // out of range: ParseFloat already returned ±Inf
		f = math.Copysign(math.Inf(1), f)
	}
	end := i
	for end < len(s) && isSpace(s[end]) {
		end++
	}
	return f, end == len(s)
}

// isNumeric is PHP 8's is_numeric for strings.
func isNumeric(s string) bool {
	_, whole := leadingNumber(s)
	return whole
}

// floatToInt is PHP's float to int conversion on 64-bit builds: NaN and infinities give 0 and
// out-of-range values wrap around.
func floatToInt(f float64) int64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	f = math.Trunc(f)
	if f >= -9.223372036854775808e18 && f < 9.223372036854775808e18 {
		return int64(f)
	}
	m := math.Mod(f, 18446744073709551616.0)
	if m < 0 {
		m += 18446744073709551616.0
	}
	if m >= 9.223372036854775808e18 {
		return int64(uint64(m))
	}
	return int64(m)
}
