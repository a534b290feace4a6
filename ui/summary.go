package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"robodesk/model"
)

// delayText is the one-line summary of when a robot runs, as its card shows it: «сразу»,
// «через 2 ч · раб. время», «за 1 дн. до «Дата закрытия»», «после предыдущего».
func delayText(r *model.Robot, e *model.Entity) string {
	var parts []string
	if r.ExecuteAfterPrevious {
		parts = append(parts, lang.L("after previous"))
	}
	d := r.Delay
	if d.IsNow() {
		if len(parts) == 0 {
			return lang.L("immediately")
		}
		return strings.Join(parts, " · ")
	}
	main := delayMain(d, e)
	if len(d.InTime) == 2 {
		at := lang.L("at {{.Time}}", map[string]any{"Time": fmt.Sprintf("%02d:%02d", d.InTime[0], d.InTime[1])})
		if main == "" {
			main = at
		} else {
			main += " " + at
		}
	}
	if main != "" {
		parts = append(parts, main)
	}
	if d.WorkTime {
		parts = append(parts, lang.L("working hours"))
	}
	if d.WaitWorkDay {
		parts = append(parts, lang.L("on a working day"))
	}
	return strings.Join(parts, " · ")
}

// delayMain is the core of a delay: the interval and its basis. A delay of zero from now, kept
// only for its time of day or working-time flags, has no core.
func delayMain(d *model.Delay, e *model.Entity) string {
	data := map[string]any{"N": d.Value, "Unit": unitText(d.ValueType), "Field": basisTitle(d, e)}
	fromNow := d.Basis == model.BasisNow || d.Basis == model.BasisDate
	switch {
	case d.Type == model.DelayIn:
		return lang.L("on «{{.Field}}»", data)
	case d.Type == model.DelayBefore:
		return lang.L("{{.N}} {{.Unit}} before «{{.Field}}»", data)
	case fromNow && d.Value == 0:
		if len(d.InTime) == 2 {
			return ""
		}
		return lang.L("immediately")
	case fromNow:
		return lang.L("in {{.N}} {{.Unit}}", data)
	case d.Value == 0:
		return lang.L("on «{{.Field}}»", data)
	}
	return lang.L("{{.N}} {{.Unit}} after «{{.Field}}»", data)
}

// unitText is the short word of a delay unit.
func unitText(valueType string) string {
	switch valueType {
	case "i":
		return lang.X("unit.i", "min")
	case "h":
		return lang.X("unit.h", "h")
	case "d":
		return lang.X("unit.d", "d")
	}
	return valueType
}

// basisTitle names the date field a delay counts from.
func basisTitle(d *model.Delay, e *model.Entity) string {
	id := d.BasisField()
	if id == "" {
		if d.Basis == model.BasisNow || d.Basis == model.BasisDate {
			return lang.L("now")
		}
		return d.Basis
	}
	return fieldTitle(e, id)
}

// fieldTitle is a document field's title on the portal, or its ID when the snapshot lacks it.
func fieldTitle(e *model.Entity, id string) string {
	if e != nil {
		if f, ok := e.Field(id); ok && f.Title != "" {
			return f.Title
		}
	}
	return id
}

// condText summarises a robot's condition: «если Сумма > 1 000 000 и Источник = Звонок».
func condText(c *model.Condition, e *model.Entity, p *model.Portal) string {
	if c == nil || len(c.Items) == 0 {
		return ""
	}
	var b strings.Builder
	for i, it := range c.Items {
		if i > 0 {
			if strings.EqualFold(c.Items[i-1].Joiner, model.JoinOr) {
				b.WriteString(" " + lang.L("or") + " ")
			} else {
				b.WriteString(" " + lang.L("and") + " ")
			}
		}
		b.WriteString(itemText(it, e, p))
	}
	return lang.L("if {{.Cond}}", map[string]any{"Cond": b.String()})
}

// itemText is one comparison of a condition: field, operator and value in words.
func itemText(it model.ConditionItem, e *model.Entity, p *model.Portal) string {
	var f model.Field
	title := it.Field
	if strings.EqualFold(it.Object, "Document") || it.Object == "" {
		if e != nil {
			f, _ = e.Field(it.Field)
		}
		title = fieldTitle(e, it.Field)
	} else {
		title = it.Object + ":" + it.Field
	}
	op := opText(it.Operator)
	switch it.Operator {
	case "empty", "!empty":
		return title + " " + op
	case "between":
		vals := flatValues(it.Value)
		for len(vals) < 2 {
			vals = append(vals, "")
		}
		return title + " " + op + " " + lang.L("{{.From}} and {{.To}}", map[string]any{
			"From": valueText(vals[0], f, p), "To": valueText(vals[1], f, p)})
	}
	vals := flatValues(it.Value)
	words := make([]string, len(vals))
	for i, v := range vals {
		words[i] = valueText(v, f, p)
	}
	return title + " " + op + " " + strings.Join(words, ", ")
}

// opText is how an operator reads on a card.
func opText(op string) string {
	switch op {
	case "=", ">", "<":
		return op
	case "!=":
		return "≠"
	case ">=":
		return "≥"
	case "<=":
		return "≤"
	case "in":
		return lang.X("op.in", "is one of")
	case "!in":
		return lang.X("op.!in", "is not one of")
	case "contain":
		return lang.X("op.contain", "contains")
	case "!contain":
		return lang.X("op.!contain", "does not contain")
	case "empty":
		return lang.X("op.empty", "is empty")
	case "!empty":
		return lang.X("op.!empty", "is filled")
	case "between":
		return lang.X("op.between", "is between")
	}
	return op
}

// flatValues lists the strings of a condition value (a string or a list).
func flatValues(v any) []string {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, flatValues(x)...)
		}
		return out
	case []string:
		return t
	}
	return []string{fmt.Sprint(v)}
}

// valueText shows a stored value the way a person reads it: option titles, user names, yes/no,
// grouped digits.
func valueText(v string, f model.Field, p *model.Portal) string {
	for _, o := range f.Options {
		if o.ID == v {
			return o.Title
		}
	}
	switch f.Type {
	case "user", "employee":
		return userText(v, p, nil)
	case "bool", "boolean":
		switch v {
		case "Y", "1":
			return lang.L("yes")
		case "N", "0":
			return lang.L("no")
		}
	}
	if n, ok := groupDigits(v, langCode()); ok {
		return n
	}
	if v == "" {
		return "«»"
	}
	return v
}

// userText names a stored user value: user_7 is the employee, group_dr2 the department,
// {=Document:ASSIGNED_BY_ID} the field «Ответственный».
func userText(v string, p *model.Portal, e *model.Entity) string {
	s := strings.TrimSpace(v)
	if id, ok := strings.CutPrefix(s, "user_"); ok && p != nil {
		if n, err := strconv.Atoi(id); err == nil {
			if u, ok := p.User(n); ok {
				return u.FullName()
			}
		}
	}
	if strings.HasPrefix(s, "group_d") && p != nil {
		if n, err := strconv.Atoi(strings.TrimLeft(s[len("group_d"):], "r")); err == nil {
			if d, ok := p.Department(n); ok {
				return d.Name
			}
		}
	}
	if ph := model.Placeholders(s); len(ph) == 1 && ph[0].Start == 0 && ph[0].End == len(s) && strings.EqualFold(ph[0].Object, "Document") {
		if e != nil {
			return fieldTitle(e, ph[0].Field)
		}
		if ph[0].Field == "ASSIGNED_BY_ID" {
			return lang.L("Responsible")
		}
	}
	return s
}

// groupDigits formats a plain number with the language's digit grouping and decimal mark:
// 1000000 reads "1 000 000" in Russian and "1,000,000" in English. ok is false for anything
// that is not a plain number (an expression, a date).
func groupDigits(s, code string) (string, bool) {
	num, cur, hasCur := strings.Cut(s, "|")
	sign := ""
	if strings.HasPrefix(num, "-") {
		sign, num = "-", num[1:]
	}
	intPart, frac, hasFrac := strings.Cut(strings.Replace(num, ",", ".", 1), ".")
	if intPart == "" || !allDigits(intPart) || hasFrac && (frac == "" || !allDigits(frac)) {
		return "", false
	}
	sep, dec := ",", "."
	if code == "ru" {
		sep, dec = " ", ","
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString(dec + frac)
	}
	if hasCur && cur != "" {
		b.WriteString(" " + cur)
	}
	return b.String(), true
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
