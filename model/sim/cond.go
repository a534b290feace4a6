package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/calc"
	"robodesk/model/preview"
	"robodesk/model/tmpl"
)

// ItemResult is the verdict on one item of a condition.
type ItemResult struct {
	Index int `json:"index"`
	// Object and Field name what is compared; Title is the field's title.
	Object   string `json:"object"`
	Field    string `json:"field"`
	Title    string `json:"title"`
	Operator string `json:"operator"`
	// Value is the condition's value as written; Actual the sample's value as it prints.
	Value  any    `json:"value"`
	Actual string `json:"actual"`
	// Text is the item in words, e.g. «Сумма» > 1000000.
	Text  string `json:"text"`
	Holds bool   `json:"holds"`
	// Unchecked marks an item that cannot be evaluated offline (template parameters,
	// variables, constants); it is taken to hold.
	Unchecked bool   `json:"unchecked,omitempty"`
	Joiner    string `json:"joiner,omitempty"`
}

// Verdict is the outcome of a condition for a sample.
type Verdict struct {
	Holds bool         `json:"holds"`
	Items []ItemResult `json:"items,omitempty"`
	// Why tells, for a condition that does not hold, the first failing item of every group.
	Why string `json:"why,omitempty"`
}

// Check evaluates a robot's condition for the sample of env at the moment now, the way the
// portal does: OR splits the items into groups, AND binds within a group, the condition holds
// when any group does, and an empty condition always holds. Comparisons follow the portal's
// rules: "0" and "" are equal, users compare by ID whatever the notation (user_5, 5,
// {=Document:ASSIGNED_BY_ID}), dates compare as moments, numbers as numbers, and a multiple
// field matches when any of its values does (and "!=", "!in", "!contain" when none does).
// Values that hold placeholders are rendered first; robots in earlier supply return values.
func Check(env *preview.Env, c *model.Condition, earlier preview.Earlier, now time.Time) Verdict {
	if c == nil || len(c.Items) == 0 {
		return Verdict{Holds: true}
	}
	v := Verdict{}
	groupHolds, groupFail := true, -1
	var why []string
	closeGroup := func() {
		if groupHolds {
			v.Holds = true
		} else if groupFail >= 0 {
			it := v.Items[groupFail]
			why = append(why, fmt.Sprintf("%s does not hold: the sample has %s", it.Text, shown(it.Actual)))
		}
		groupHolds, groupFail = true, -1
	}
	for i, it := range c.Items {
		r := evalItem(env, it, earlier, now)
		r.Index = i
		v.Items = append(v.Items, r)
		if !r.Holds && groupHolds {
			groupHolds, groupFail = false, i
		}
		if strings.EqualFold(it.Joiner, model.JoinOr) || i == len(c.Items)-1 {
			closeGroup()
		}
	}
	if !v.Holds {
		v.Why = strings.Join(why, "; nor ")
	}
	return v
}

func shown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "nothing (empty)"
	}
	return "«" + s + "»"
}

// isRobotName tells a robot's return value object (A12345_…) from the portal's own objects.
func isRobotName(s string) bool {
	if len(s) < 2 || s[0] != 'A' {
		return false
	}
	return strings.Trim(s[1:], "0123456789_") == ""
}

func evalItem(env *preview.Env, it model.ConditionItem, earlier preview.Earlier, now time.Time) ItemResult {
	r := ItemResult{Object: it.Object, Field: it.Field, Operator: it.Operator, Value: it.Value, Joiner: it.Joiner}
	obj := it.Object
	if obj == "" {
		obj = "Document"
	}
	f, known := env.Field(it.Field)
	if obj != "Document" {
		known = false
	}
	r.Title = it.Field
	if known && f.Title != "" {
		r.Title = f.Title
	}
	want := conditionValues(env, it.Value, earlier, now)
	r.Text = itemText(r.Title, it.Operator, displayValues(f, known, want))
	var have []string
	switch {
	case strings.EqualFold(obj, "Document"):
		val, _ := env.Value(it.Field)
		have = atoms(env, val)
		r.Actual = env.Printable(it.Field)
		if r.Actual == "" {
			r.Actual = strings.Join(have, ", ")
		}
	case isRobotName(obj):
		val, _ := tmpl.Parse("{=" + obj + ":" + it.Field + "}").Value(env.Context(earlier, now))
		have = atoms(env, val)
		r.Actual = strings.Join(have, ", ")
	default:
		r.Unchecked, r.Holds = true, true
		r.Actual = "a value known only on the portal"
		return r
	}
	typ := tmpl.TypeString
	if known {
		typ = f.Type
	}
	cmp := comparer{env: env, typ: typ, multiple: known && f.Multiple}
	r.Holds = cmp.holds(it.Operator, have, want)
	return r
}

// Describe says a condition item in words, e.g. «Сумма» > 1000000, with option titles for the
// values of a select field.
func Describe(env *preview.Env, it model.ConditionItem) string {
	f, known := env.Field(it.Field)
	if it.Object != "" && it.Object != "Document" {
		known = false
	}
	title := it.Field
	if known && f.Title != "" {
		title = f.Title
	}
	return itemText(title, it.Operator, displayValues(f, known, conditionValues(env, it.Value, preview.Earlier{}, env.Base)))
}

// conditionValues flattens a condition value into strings, rendering the ones with
// placeholders (a condition may compare with {=Document:ASSIGNED_BY_ID}).
func conditionValues(env *preview.Env, v any, earlier preview.Earlier, now time.Time) []string {
	var out []string
	var walk func(any)
	walk = func(x any) {
		switch t := x.(type) {
		case nil:
		case []any:
			for _, y := range t {
				walk(y)
			}
		case []string:
			for _, y := range t {
				walk(y)
			}
		case string:
			if preview.HasTemplate(t) {
				val, _ := tmpl.Parse(t).Value(env.Context(earlier, now))
				out = append(out, atoms(env, val)...)
				return
			}
			out = append(out, t)
		default:
			out = append(out, fmt.Sprint(t))
		}
	}
	walk(v)
	return out
}

// atoms lists the values of a sample value as text; an empty list stays empty.
func atoms(env *preview.Env, v calc.Value) []string {
	if v.Kind() == calc.KindArray {
		var out []string
		for _, it := range v.Array() {
			out = append(out, atoms(env, it)...)
		}
		return out
	}
	if v.IsNull() {
		return nil
	}
	s := env.Text(v)
	if v.IsTime() {
		t, _ := v.Time()
		s = t.Format(time.RFC3339)
	}
	return []string{s}
}

func displayValues(f tmpl.Field, known bool, vals []string) []string {
	if !known || len(f.Options) == 0 {
		return vals
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = v
		for _, o := range f.Options {
			if o.Value == v && o.Title != "" {
				out[i] = o.Title
			}
		}
	}
	return out
}

func itemText(title, op string, vals []string) string {
	list := strings.Join(vals, ", ")
	first := ""
	if len(vals) > 0 {
		first = vals[0]
	}
	t := "«" + title + "»"
	switch op {
	case "=", "!=", ">", ">=", "<", "<=":
		return t + " " + op + " " + first
	case "in":
		return t + " is one of " + list
	case "!in":
		return t + " is none of " + list
	case "contain":
		return t + " contains " + first
	case "!contain":
		return t + " does not contain " + first
	case "empty":
		return t + " is empty"
	case "!empty":
		return t + " is not empty"
	case "between":
		if len(vals) >= 2 {
			return t + " is between " + vals[0] + " and " + vals[1]
		}
		return t + " is between " + list
	}
	return t + " " + op + " " + list
}

// comparer compares sample values with condition values by the field's type.
type comparer struct {
	env      *preview.Env
	typ      tmpl.Type
	multiple bool
}

func (c comparer) holds(op string, have, want []string) bool {
	first := ""
	if len(want) > 0 {
		first = want[0]
	}
	// An item without values compares as "" ("0" and "" being equal).
	vals := have
	if len(vals) == 0 {
		vals = []string{""}
	}
	some := func(f func(string) bool) bool {
		for _, v := range vals {
			if f(v) {
				return true
			}
		}
		return false
	}
	switch op {
	case "=":
		return some(func(v string) bool { return c.equal(v, first) })
	case "!=":
		return !some(func(v string) bool { return c.equal(v, first) })
	case ">", ">=", "<", "<=":
		return some(func(v string) bool {
			n, ok := c.compare(v, first)
			if !ok {
				return false
			}
			switch op {
			case ">":
				return n > 0
			case ">=":
				return n >= 0
			case "<":
				return n < 0
			}
			return n <= 0
		})
	case "in", "!in":
		list := want
		if len(list) == 1 && strings.Contains(list[0], ",") {
			list = splitList(list[0])
		}
		in := some(func(v string) bool {
			for _, w := range list {
				if c.equal(v, w) {
					return true
				}
			}
			return false
		})
		return in == (op == "in")
	case "contain", "!contain":
		var in bool
		if c.multiple {
			in = some(func(v string) bool { return c.equal(v, first) })
		} else {
			in = strings.Contains(strings.Join(have, ", "), first)
		}
		return in == (op == "contain")
	case "empty", "!empty":
		empty := true
		for _, v := range have {
			if strings.TrimSpace(v) != "" {
				empty = false
			}
		}
		return empty == (op == "empty")
	case "between":
		lo, hi := "", ""
		if len(want) > 0 {
			lo = want[0]
		}
		if len(want) > 1 {
			hi = want[1]
		}
		return some(func(v string) bool {
			if lo != "" {
				if n, ok := c.compare(v, lo); !ok || n < 0 {
					return false
				}
			}
			if hi != "" {
				if n, ok := c.compare(v, hi); !ok || n > 0 {
					return false
				}
			}
			return true
		})
	}
	return false
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		out = append(out, strings.TrimSpace(p))
	}
	return out
}

func zero(s string) bool { s = strings.TrimSpace(s); return s == "" || s == "0" }

func (c comparer) equal(a, b string) bool {
	if zero(a) && zero(b) {
		return true
	}
	switch c.typ {
	case tmpl.TypeUser:
		return userKey(a) == userKey(b)
	case tmpl.TypeBool:
		return isTrue(a) == isTrue(b)
	case tmpl.TypeDate, tmpl.TypeDateTime:
		if n, ok := c.compare(a, b); ok {
			return n == 0
		}
	case tmpl.TypeInt, tmpl.TypeDouble, tmpl.TypeMoney:
		x, okx := number(a)
		y, oky := number(b)
		if okx && oky {
			return x == y
		}
	}
	return strings.TrimSpace(a) == strings.TrimSpace(b)
}

// compare orders two values: as moments for dates, as numbers when both read as numbers, as
// text otherwise; ok is false when a date does not parse.
func (c comparer) compare(a, b string) (int, bool) {
	if c.typ == tmpl.TypeDate || c.typ == tmpl.TypeDateTime {
		x, okx := c.time(a)
		y, oky := c.time(b)
		if !okx || !oky {
			return 0, false
		}
		if c.typ == tmpl.TypeDate {
			x, y = day(x), day(y)
		}
		return x.Compare(y), true
	}
	if zero(a) {
		a = "0"
	}
	if zero(b) {
		b = "0"
	}
	x, okx := number(a)
	y, oky := number(b)
	if okx && oky {
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	}
	return strings.Compare(a, b), true
}

func (c comparer) time(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	return c.env.ParseTime(s)
}

func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// number reads a number, or the amount of a CRM money value "1500000|RUB".
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if amount, _, ok := strings.Cut(s, "|"); ok {
		s = amount
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), ",", ".")
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// userKey normalises a user reference the way the portal's extractUsers does.
func userKey(s string) string {
	s = strings.TrimSpace(s)
	if id, err := strconv.Atoi(strings.TrimPrefix(s, "user_")); err == nil {
		return "user_" + strconv.Itoa(id)
	}
	return s
}

func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes", "true", "1", "да":
		return true
	}
	return false
}
