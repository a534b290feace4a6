package calc

import (
	"time"
)

// Kind is the dynamic type of a Value.
type Kind uint8

// The kinds mirror what PHP hands the portal's calculator: null, bool, int, float, string, the
// portal's date and datetime objects, and (list) arrays.
const (
	KindNull Kind = iota
	KindBool
	KindInt
	KindFloat
	KindString
	KindDate
	KindDateTime
	KindArray
)

var kindNames = [...]string{"null", "bool", "int", "float", "string", "date", "datetime", "array"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Value is one calculator value. The zero Value is null.
type Value struct {
	kind Kind
	b    bool
	i    int64
	f    float64
	s    string
	t    time.Time
	arr  []Value
}

// Null is PHP's null: a missing variable, a failed date parse, an empty substr.
func Null() Value { return Value{} }

// Bool makes a boolean value.
func Bool(b bool) Value { return Value{kind: KindBool, b: b} }

// Int makes an integer value; intval, strlen, strpos and rand return integers on the portal.
func Int(i int64) Value { return Value{kind: KindInt, i: i} }

// Float makes a float value; every number written in an expression is a float.
func Float(f float64) Value { return Value{kind: KindFloat, f: f} }

// String makes a string value.
func String(s string) Value { return Value{kind: KindString, s: s} }

// Date makes a date-only value (a "date" field, {=System:Date}); it prints with the date format.
func Date(t time.Time) Value { return Value{kind: KindDate, t: t} }

// DateTime makes a date-and-time value; it prints with the datetime format in t's zone.
func DateTime(t time.Time) Value { return Value{kind: KindDateTime, t: t} }

// Array makes a list value; multiple fields and argument lists are arrays.
func Array(items ...Value) Value {
	if items == nil {
		items = []Value{}
	}
	return Value{kind: KindArray, arr: items}
}

// Strings makes an array of strings, the usual shape of a multiple field such as PHONE.
func Strings(items ...string) Value {
	vs := make([]Value, len(items))
	for i, s := range items {
		vs[i] = String(s)
	}
	return Array(vs...)
}

// Kind reports the dynamic type.
func (v Value) Kind() Kind { return v.kind }

// IsNull reports whether v is null.
func (v Value) IsNull() bool { return v.kind == KindNull }

// IsTime reports whether v is a date or a datetime.
func (v Value) IsTime() bool { return v.kind == KindDate || v.kind == KindDateTime }

// Time returns the moment of a date or datetime value.
func (v Value) Time() (time.Time, bool) {
	if v.IsTime() {
		return v.t, true
	}
	return time.Time{}, false
}

// Array returns the items of an array value (nil for other kinds). The slice is shared.
func (v Value) Array() []Value {
	if v.kind == KindArray {
		return v.arr
	}
	return nil
}

// Len is the number of items of an array, 0 for other kinds.
func (v Value) Len() int { return len(v.arr) }

// Str returns the string of a string value and "" for other kinds; use Formats.Text for PHP's
// string conversion.
func (v Value) Str() string {
	if v.kind == KindString {
		return v.s
	}
	return ""
}

// Bool is PHP's boolean conversion: false, 0, 0.0, "", "0", null and the empty array are false.
func (v Value) Bool() bool {
	switch v.kind {
	case KindNull:
		return false
	case KindBool:
		return v.b
	case KindInt:
		return v.i != 0
	case KindFloat:
		return v.f != 0
	case KindString:
		return v.s != "" && v.s != "0"
	case KindArray:
		return len(v.arr) > 0
	}
	return true // date objects
}

// Float is PHP's (float) conversion. Strings give their leading number ("12abc" is 12), arrays
// give 0 or 1, and date objects give 1 as PHP does for objects (with a notice on the portal).
func (v Value) Float() float64 {
	switch v.kind {
	case KindBool:
		if v.b {
			return 1
		}
	case KindInt:
		return float64(v.i)
	case KindFloat:
		return v.f
	case KindString:
		f, _ := leadingNumber(v.s)
		return f
	case KindArray:
		if len(v.arr) > 0 {
			return 1
		}
	case KindDate, KindDateTime:
		return 1
	}
	return 0
}

// Int is PHP's (int) conversion.
func (v Value) Int() int64 {
	switch v.kind {
	case KindInt:
		return v.i
	case KindString:
		f, _ := leadingNumber(v.s)
		return floatToInt(f)
	case KindFloat:
		return floatToInt(v.f)
	}
	return floatToInt(v.Float())
}

// flatten is the portal's arrgsToArray: nested arrays are spread into one list and a scalar
// becomes a one-item list.
func flatten(v Value) []Value {
	if v.kind != KindArray {
		return []Value{v}
	}
	nested := false
	for _, it := range v.arr {
		if it.kind == KindArray {
			nested = true
			break
		}
	}
	if !nested {
		return v.arr
	}
	out := make([]Value, 0, len(v.arr))
	for _, it := range v.arr {
		out = append(out, flatten(it)...)
	}
	return out
}

// shift takes the first item of a list like PHP's array_shift: null once the list is empty.
func shift(list *[]Value) Value {
	if len(*list) == 0 {
		return Null()
	}
	v := (*list)[0]
	*list = (*list)[1:]
	return v
}

func isScalar(v Value) bool {
	switch v.kind {
	case KindBool, KindInt, KindFloat, KindString:
		return true
	}
	return false
}
