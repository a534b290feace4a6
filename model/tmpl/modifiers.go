package tmpl

import (
	"strconv"
	"strings"

	"robodesk/model/calc"
)

// stringMods is the modifier every placeholder in a text gets when it has none.
var stringMods = []string{"string"}

// applyModifiers is the portal's applyPropertyValueModifiers: at most two modifiers; a type name
// converts, anything else formats (printable, friendly); the format goes first only when it is
// the first modifier; "string,printable" just formats. Without field metadata nothing applies.
func (r *renderer) applyModifiers(f *Field, v calc.Value, mods []string) calc.Value {
	if f == nil || len(mods) == 0 {
		return v
	}
	if len(mods) > 2 {
		mods = mods[:2]
	}
	typeName, format := "", ""
	for _, m := range mods {
		m = strings.ToLower(m)
		if typeNames[m] {
			typeName = m
		} else {
			format = m
		}
	}
	formatFirst := format != "" && mods[0] == format
	if typeName == "string" && format == "printable" {
		typeName = ""
	}
	if format != "" && formatFirst {
		v = r.format(*f, v, format)
	}
	if typeName != "" {
		v = r.convert(*f, v, typeName)
	}
	if format != "" && !formatFirst {
		v = r.format(*f, v, format)
	}
	return v
}

// format applies a format to a value of field f (each item of a list, joined with ", ").
func (r *renderer) format(f Field, v calc.Value, format string) calc.Value {
	var one func(calc.Value) string
	switch format {
	case "printable":
		one = func(x calc.Value) string { return r.printable(f, x) }
	case "friendly":
		if f.Type != TypeUser {
			return v
		}
		one = func(x calc.Value) string { return r.userName(x, false) }
	default:
		return v
	}
	if v.Kind() != calc.KindArray {
		return calc.String(one(v))
	}
	parts := make([]string, 0, v.Len())
	for _, it := range v.Array() {
		parts = append(parts, one(it))
	}
	return calc.String(strings.Join(parts, ", "))
}

// convert changes a value of field f to another type, item by item for lists.
func (r *renderer) convert(f Field, v calc.Value, to string) calc.Value {
	if v.Kind() == calc.KindArray {
		items := make([]calc.Value, v.Len())
		for i, it := range v.Array() {
			items[i] = r.convertOne(f, it, to)
		}
		return calc.Array(items...)
	}
	return r.convertOne(f, v, to)
}

func (r *renderer) convertOne(f Field, v calc.Value, to string) calc.Value {
	switch to {
	case "string", "text", "select", "file":
		return calc.String(r.asText(f, v))
	case "int":
		switch {
		case f.Type == TypeBool:
			return calc.Int(b2i(r.isYes(v)))
		case f.Type == TypeUser:
			return calc.Int(int64(calc.UserID(v)))
		case v.IsTime():
			t, _ := v.Time()
			return calc.Int(t.Unix())
		}
		return calc.Int(v.Int())
	case "double":
		if f.Type == TypeBool {
			return calc.Float(float64(b2i(r.isYes(v))))
		}
		if f.Type == TypeMoney {
			amount, _ := splitMoney(r.text(v), f.Currency)
			return calc.Float(amount)
		}
		return calc.Float(v.Float())
	case "bool":
		if f.Type == TypeBool {
			return calc.String(yn(r.isYes(v)))
		}
		switch strings.ToLower(strings.TrimSpace(r.text(v))) {
		case "y", "yes", "true", "1":
			return calc.String("Y")
		}
		return calc.String("N")
	case "date", "datetime":
		t, ok := v.Time()
		if !ok {
			if t, ok = r.env.ParseTime(r.text(v)); !ok {
				return calc.Null()
			}
		}
		if to == "date" {
			return calc.Date(t)
		}
		return calc.DateTime(t)
	case "user":
		if id := calc.UserID(v); id > 0 {
			return calc.String("user_" + strconv.Itoa(id))
		}
		return calc.String(r.text(v))
	}
	return v
}

// asText is the conversion to string: booleans as Y/N, dates in the portal's formats, the rest
// as PHP prints them.
func (r *renderer) asText(f Field, v calc.Value) string {
	if f.Type == TypeBool {
		return yn(r.isYes(v))
	}
	return r.text(v)
}

func (r *renderer) isYes(v calc.Value) bool {
	if v.Kind() == calc.KindBool {
		return v.Bool()
	}
	return strings.EqualFold(r.text(v), "Y")
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
