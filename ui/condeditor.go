package ui

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
)

// condEditor builds a robot's condition: rows of field, operator and value joined by AND or
// OR. Operators follow the field's type, and the value widget follows the field too: options
// for a list field, a picker for users, yes/no for flags.
type condEditor struct {
	e     *editor
	rows  *fyne.Container
	box   *fyne.Container
	items []condRow
}

// condRow holds the widgets of one condition item.
type condRow struct {
	// join links the item to the one before; nil on the first row.
	join, field, op *widget.Select
	value           fyne.CanvasObject
}

func newCondEditor(e *editor) *condEditor {
	ce := &condEditor{e: e, rows: container.NewVBox()}
	add := widget.NewButtonWithIcon(lang.L("Add condition"), theme.ContentAddIcon(), ce.addRow)
	add.Importance = widget.LowImportance
	ce.box = container.NewVBox(ce.rows, container.NewHBox(add))
	ce.build()
	return ce
}

// sortedFields lists the entity's fields by title.
func sortedFields(e *model.Entity) []model.Field {
	if e == nil {
		return nil
	}
	fs := append([]model.Field(nil), e.Fields...)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Title < fs[j].Title })
	return fs
}

// build makes a row per condition item.
func (ce *condEditor) build() {
	ce.rows.Objects, ce.items = nil, nil
	c := ce.e.draft.Condition
	if c == nil || len(c.Items) == 0 {
		note := widget.NewLabel(lang.L("No condition: the robot always runs"))
		note.Importance = widget.LowImportance
		ce.rows.Add(note)
	} else {
		for i := range c.Items {
			ce.rows.Add(ce.row(i))
		}
	}
	ce.rows.Refresh()
}

// row builds the widgets of item i.
func (ce *condEditor) row(i int) fyne.CanvasObject {
	e := ce.e
	it := e.draft.Condition.Items[i]
	fields := sortedFields(e.entity())
	document := strings.EqualFold(it.Object, "Document") || it.Object == ""
	var field model.Field
	titles := make([]string, 0, len(fields)+1)
	selected := -1
	for k, f := range fields {
		titles = append(titles, f.Title)
		if document && f.ID == it.Field {
			field, selected = f, k
		}
	}
	if selected < 0 {
		// A field the snapshot lacks, or another object: keep it, shown by its code.
		field = model.Field{ID: it.Field, Title: it.Object + ":" + it.Field}
		if document {
			field.Title = it.Field
		}
		fields = append(fields, field)
		titles = append(titles, field.Title)
		selected = len(titles) - 1
	}
	fieldSel := widget.NewSelect(titles, nil)
	fieldSel.SetSelectedIndex(selected)
	fieldSel.OnChanged = func(string) {
		f := fields[fieldSel.SelectedIndex()]
		e.edit("Condition.field", false, func(r *model.Robot) {
			item := &r.Condition.Items[i]
			item.Object, item.Field = "Document", f.ID
			ops := model.OperatorsFor(f)
			if !contains(ops, item.Operator) {
				item.Operator = ops[0]
			}
			item.Value = shapeValue(item.Value, item.Operator)
		})
		ce.build()
	}

	ops := model.Operators
	if document && selected < len(fields) && field.Type != "" {
		ops = model.OperatorsFor(field)
	}
	if !contains(ops, it.Operator) {
		ops = append(append([]string(nil), ops...), it.Operator)
	}
	opTitles := make([]string, len(ops))
	for k, op := range ops {
		opTitles[k] = opText(op)
	}
	opSel := widget.NewSelect(opTitles, nil)
	for k, op := range ops {
		if op == it.Operator {
			opSel.SetSelectedIndex(k)
		}
	}
	opSel.OnChanged = func(string) {
		op := ops[opSel.SelectedIndex()]
		e.edit("Condition.operator", false, func(r *model.Robot) {
			item := &r.Condition.Items[i]
			item.Operator = op
			item.Value = shapeValue(item.Value, op)
		})
		ce.build()
	}

	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		e.edit("Condition.remove", false, func(r *model.Robot) {
			items := append([]model.ConditionItem(nil), r.Condition.Items[:i]...)
			items = append(items, r.Condition.Items[i+1:]...)
			if len(items) == 0 {
				r.Condition = nil
				return
			}
			r.Condition.Items = items
		})
		ce.build()
	})
	remove.Importance = widget.LowImportance

	var lead fyne.CanvasObject = widget.NewLabel(lang.L("If"))
	var joinSel *widget.Select
	if i > 0 {
		joins := []string{lang.L("and"), lang.L("or")}
		join := widget.NewSelect(joins, nil)
		if strings.EqualFold(e.draft.Condition.Items[i-1].Joiner, model.JoinOr) {
			join.SetSelectedIndex(1)
		} else {
			join.SetSelectedIndex(0)
		}
		join.OnChanged = func(string) {
			j := model.JoinAnd
			if join.SelectedIndex() == 1 {
				j = model.JoinOr
			}
			e.edit("Condition.joiner", false, func(r *model.Robot) { r.Condition.Items[i-1].Joiner = j })
		}
		lead, joinSel = join, join
	}
	top := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(72, fieldSel.MinSize().Height), lead), remove, fieldSel)
	value := ce.valueWidget(i, field, it)
	ce.items = append(ce.items, condRow{join: joinSel, field: fieldSel, op: opSel, value: value})
	var bottom fyne.CanvasObject = container.NewGridWrap(fyne.NewSize(200, opSel.MinSize().Height), opSel)
	if value != nil {
		bottom = container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(160, opSel.MinSize().Height), opSel), nil, value)
	}
	return container.NewVBox(top, container.NewPadded(bottom), widget.NewSeparator())
}

// valueWidget is the value editor for an item's field and operator; nil when the operator
// takes no value.
func (ce *condEditor) valueWidget(i int, f model.Field, it model.ConditionItem) fyne.CanvasObject {
	e := ce.e
	set := func(burst bool, v any) {
		e.edit("Condition.value", burst, func(r *model.Robot) { r.Condition.Items[i].Value = v })
	}
	vals := flatValues(it.Value)
	list := it.Operator == "in" || it.Operator == "!in"
	switch {
	case it.Operator == "empty" || it.Operator == "!empty":
		return nil
	case it.Operator == "between":
		for len(vals) < 2 {
			vals = append(vals, "")
		}
		from, to := newTextEntry(false), newTextEntry(false)
		from.SetText(vals[0])
		to.SetText(vals[1])
		from.onBlur, to.onBlur = e.flush, e.flush
		upd := func(string) { set(true, []any{from.Text, to.Text}) }
		from.OnChanged, to.OnChanged = upd, upd
		return container.NewGridWithColumns(2, from, to)
	case len(f.Options) > 0:
		if list {
			return newChoiceList(optionChoices(f), true, vals, func(vs []string) { set(false, anyList(vs)) })
		}
		titles := make([]string, len(f.Options))
		for k, o := range f.Options {
			titles[k] = o.Title
		}
		sel := widget.NewSelect(titles, nil)
		for k, o := range f.Options {
			if len(vals) > 0 && o.ID == vals[0] {
				sel.SetSelectedIndex(k)
			}
		}
		sel.OnChanged = func(string) { set(false, f.Options[sel.SelectedIndex()].ID) }
		return sel
	case f.Type == "user" || f.Type == "employee":
		cl := newChoiceList(userChoices(e.d.doc.Project().Portal, e.entity()), list, vals, func(vs []string) {
			if list {
				set(false, anyList(vs))
			} else if len(vs) > 0 {
				set(false, vs[0])
			} else {
				set(false, "")
			}
		})
		return cl
	case f.Type == "bool" || f.Type == "boolean":
		sel := widget.NewSelect([]string{lang.L("yes"), lang.L("no")}, nil)
		if len(vals) > 0 && (vals[0] == "N" || vals[0] == "0") {
			sel.SetSelectedIndex(1)
		} else if len(vals) > 0 && vals[0] != "" {
			sel.SetSelectedIndex(0)
		}
		sel.OnChanged = func(string) {
			v := "Y"
			if sel.SelectedIndex() == 1 {
				v = "N"
			}
			set(false, v)
		}
		return sel
	}
	in := newTextEntry(false)
	in.onBlur = e.flush
	switch f.Type {
	case "date":
		in.SetPlaceHolder(lang.L("dd.mm.yyyy"))
	case "datetime":
		in.SetPlaceHolder(lang.L("dd.mm.yyyy hh:mm"))
	}
	if list {
		in.SetPlaceHolder(lang.L("values, separated by commas"))
		in.SetText(strings.Join(vals, ", "))
		in.OnChanged = func(s string) {
			var out []string
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			set(true, anyList(out))
		}
		return in
	}
	if len(vals) > 0 {
		in.SetText(vals[0])
	}
	in.OnChanged = func(s string) { set(true, s) }
	return in
}

// addRow appends a condition on the first field: one undo step.
func (ce *condEditor) addRow() {
	e := ce.e
	fields := sortedFields(e.entity())
	item := model.ConditionItem{Object: "Document", Operator: "=", Value: "", Joiner: model.JoinAnd}
	if len(fields) > 0 {
		item.Field = fields[0].ID
		for _, f := range fields {
			if f.ID == "OPPORTUNITY" {
				item.Field = f.ID
			}
		}
	}
	e.edit("Condition.add", false, func(r *model.Robot) {
		if r.Condition == nil {
			r.Condition = &model.Condition{Type: "field"}
		}
		r.Condition.Items = append(r.Condition.Items, item)
	})
	ce.build()
}

// shapeValue fits a value to an operator: lists for in and !in, pairs for between, nothing for
// the emptiness checks, one string otherwise.
func shapeValue(v any, op string) any {
	vals := flatValues(v)
	switch op {
	case "empty", "!empty":
		return ""
	case "in", "!in":
		return anyList(vals)
	case "between":
		for len(vals) < 2 {
			vals = append(vals, "")
		}
		return []any{vals[0], vals[1]}
	}
	if len(vals) == 0 {
		return ""
	}
	return vals[0]
}

func anyList(vs []string) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
