package calc

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNumberDecimals and maxRandString keep a mistyped argument from building a gigantic string;
// the portal would run out of memory long before these limits matter.
const (
	maxNumberDecimals = 100
	maxRandString     = 10000
)

// fnNumberFormat is PHP number_format(n, decimals = 0, decPoint = ".", thousands = ",").
func fnNumberFormat(ev *evaluator, arg Value) (Value, error) {
	ar := flatten(arg)
	n := shift(&ar).Float()
	decV := shift(&ar)
	dec := int64(0)
	if decV.Bool() {
		dec = decV.Int()
	}
	dec = max(0, min(dec, maxNumberDecimals))
	point, sep := ".", ","
	if p := shift(&ar); p.kind != KindNull {
		point = ev.formats.Text(p)
	}
	if s := shift(&ar); s.kind != KindNull {
		sep = ev.formats.Text(s)
	}
	return String(NumberFormat(n, int(dec), point, sep)), nil
}

// NumberFormat is PHP's number_format: rounded half away from zero, digits grouped by three.
func NumberFormat(n float64, decimals int, point, sep string) string {
	n = phpRound(n, int64(decimals))
	neg := n < 0
	s := strconv.FormatFloat(math.Abs(n), 'f', decimals, 64)
	if neg && strings.Trim(s, "0.") == "" {
		neg = false // PHP never prints "-0"
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if decimals > 0 {
		b.WriteString(point)
		b.WriteString(frac)
	}
	return b.String()
}

// randChars is the alphabet of the portal's randString().
const randChars = "ABCDEFGHIJKLNMOPQRSTUVWXYZabcdefghijklnmopqrstuvwxyz0123456789"

func fnRandString(ev *evaluator, arg Value) (Value, error) {
	ar := flatten(arg)
	n := shift(&ar).Int()
	if n > maxRandString {
		return Null(), ev.fail("randstring")
	}
	if n <= 0 {
		return String(""), nil
	}
	return String(ev.randString(int(n))), nil
}

func (ev *evaluator) randString(n int) string {
	if ev.rnd == nil {
		ev.rnd = ev.env.random()
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = randChars[ev.rnd.IntN(len(randChars))]
	}
	return string(b)
}

// mbSubstr is PHP's mb_substr with its negative start and length rules; length nil means "to
// the end".
func mbSubstr(s string, start int64, length *int64) string {
	runes := []rune(s)
	n := int64(len(runes))
	if start < 0 {
		start = max(0, n+start)
	}
	if start > n {
		return ""
	}
	end := n
	if length != nil {
		if *length < 0 {
			end = n + *length
		} else if *length < n-start {
			end = start + *length
		}
	}
	if end <= start {
		return ""
	}
	return string(runes[start:end])
}

// fnSubstr is substr(str, pos, len?) on characters; an empty or null-like string gives null and a
// zero length means "to the end".
func fnSubstr(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	str := shift(&ar)
	pos := shift(&ar).Int()
	length := shift(&ar).Int()
	if compare(ev.formats, str, Null()) == 0 || (str.kind == KindString && str.s == "") {
		return Null()
	}
	s := ev.formats.Text(str)
	if length != 0 {
		return String(mbSubstr(s, pos, &length))
	}
	return String(mbSubstr(s, pos, nil))
}

// fnStrpos is strpos(haystack, needle, offset?) counted in characters; not found is false.
func fnStrpos(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	hay := ev.formats.Text(shift(&ar))
	if hay == "" || hay == "0" {
		return Bool(false)
	}
	runes := []rune(hay)
	n := int64(len(runes))
	needle := []rune(ev.formats.Text(shift(&ar)))
	off := max(-n, min(n, shift(&ar).Int()))
	if off < 0 {
		off += n
	}
	for i := off; i+int64(len(needle)) <= n; i++ {
		if string(runes[i:i+int64(len(needle))]) == string(needle) {
			return Int(i)
		}
	}
	return Bool(false)
}

func fnStrlen(ev *evaluator, arg Value) Value {
	ar := flatten(arg)
	s := shift(&ar)
	if !isScalar(s) {
		return Null()
	}
	return Int(int64(utf8.RuneCountInString(ev.formats.Text(s))))
}

// firstScalarText is the shared start of the case functions: the first argument as text, or
// ok=false when it is not a scalar (the functions then return null).
func firstScalarText(ev *evaluator, arg Value) (string, bool) {
	ar := flatten(arg)
	s := shift(&ar)
	if !isScalar(s) {
		return "", false
	}
	return ev.formats.Text(s), true
}

func fnStrtolower(ev *evaluator, arg Value) Value {
	if s, ok := firstScalarText(ev, arg); ok {
		return String(strings.ToLower(s))
	}
	return Null()
}

func fnStrtoupper(ev *evaluator, arg Value) Value {
	if s, ok := firstScalarText(ev, arg); ok {
		return String(strings.ToUpper(s))
	}
	return Null()
}

// fnUcwords is mb_convert_case(MB_CASE_TITLE): every word capitalised, the rest lower-cased.
func fnUcwords(ev *evaluator, arg Value) Value {
	s, ok := firstScalarText(ev, arg)
	if !ok {
		return Null()
	}
	var b strings.Builder
	inWord := false
	for _, r := range s {
		if inWord {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(unicode.ToTitle(r))
		}
		inWord = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || unicode.Is(unicode.Mn, r)
	}
	return String(b.String())
}

func fnUcfirst(ev *evaluator, arg Value) Value {
	s, ok := firstScalarText(ev, arg)
	if !ok {
		return Null()
	}
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return String("")
	}
	return String(strings.ToUpper(string(r)) + s[size:])
}

// fnTrim trims every argument and returns a list when there were several.
func fnTrim(ev *evaluator, arg Value) Value {
	items := flatten(arg)
	if len(items) == 0 {
		return Null()
	}
	out := make([]Value, 0, len(items))
	for _, it := range items {
		if !isScalar(it) && !it.IsTime() {
			return Null()
		}
		out = append(out, String(strings.Trim(ev.formats.Text(it), " \t\n\r\x00\x0B")))
	}
	if len(out) > 1 {
		return Array(out...)
	}
	return out[0]
}

func fnUrlencode(ev *evaluator, arg Value) Value {
	s, ok := firstScalarText(ev, arg)
	if !ok {
		return Null()
	}
	return String(phpURLEncode(s))
}

// phpURLEncode is PHP's urlencode: letters, digits and "-_." stay, spaces become "+".
func phpURLEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// htmlEscape is the portal's htmlspecialcharsbx (double quotes escaped, single quotes kept).
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
