package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/catalog"
	"robodesk/model/tmpl"
)

// propField builds the editor of one catalog property, by its kind.
func (e *editor) propField(p catalog.Prop) fyne.CanvasObject {
	title := p.Title.In(langCode())
	val, _ := catalog.GetPath(e.draft.Properties, p.Key)
	switch p.Kind {
	case catalog.TextKind:
		return e.textField(p.Key, title, textOpts{required: p.Required, multi: true, templated: true, maxLen: p.MaxLen})
	case catalog.String, catalog.URL, catalog.Chat, catalog.File:
		return e.textField(p.Key, title, textOpts{required: p.Required, templated: true, maxLen: p.MaxLen})
	case catalog.Int, catalog.Double:
		return e.textField(p.Key, title, textOpts{required: p.Required, templated: true, hint: lang.L("a number or a field")})
	case catalog.Date:
		return e.textField(p.Key, title, textOpts{required: p.Required, templated: true, hint: lang.L("dd.mm.yyyy or a field"), date: true})
	case catalog.DateTime:
		return e.textField(p.Key, title, textOpts{required: p.Required, templated: true, hint: lang.L("dd.mm.yyyy hh:mm or a field"), date: true, clock: true})
	case catalog.Bool:
		chk := widget.NewCheck(title, nil)
		chk.Checked = stringOf(val) == "Y"
		e.fields[p.Key] = chk
		chk.OnChanged = func(on bool) {
			v := "N"
			if on {
				v = "Y"
			}
			e.edit(p.Key, false, func(r *model.Robot) { catalog.SetPath(r.Properties, p.Key, v) })
		}
		return chk
	case catalog.Select:
		opts := make([]choice, len(p.Options))
		for i, o := range p.Options {
			opts[i] = choice{Value: o.Value, Label: o.Title.In(langCode())}
		}
		return row(title, p.Required, e.selectField(p.Key, opts, stringOf(val)))
	case catalog.User:
		_, wasList := val.([]any)
		cl := newChoiceList(userChoices(e.d.doc.Project().Portal, e.entity()), p.Multiple, flatValues(val), func(vs []string) {
			var v any = ""
			switch {
			case p.Multiple || wasList:
				if !p.Multiple && len(vs) > 1 {
					vs = vs[len(vs)-1:]
				}
				v = anyList(vs)
			case len(vs) > 0:
				v = vs[len(vs)-1]
			}
			e.edit(p.Key, false, func(r *model.Robot) { catalog.SetPath(r.Properties, p.Key, v) })
		})
		e.fields[p.Key] = cl
		return row(title, p.Required, cl)
	case catalog.Stage:
		return row(title, p.Required, e.selectField(p.Key, e.stageChoices(), stringOf(val)))
	case catalog.Field:
		var opts []choice
		for _, f := range dateFields(e.entity()) {
			opts = append(opts, choice{Value: f.ID, Label: f.Title})
		}
		return row(title, p.Required, e.selectField(p.Key, opts, stringOf(val)))
	}
	return e.rawField(p.Key)
}

// row is a labelled editor: the label above, a star for required values.
func row(title string, required bool, w fyne.CanvasObject) fyne.CanvasObject {
	if required {
		title += " *"
	}
	return container.NewVBox(widget.NewLabel(title), w)
}

// selectField picks one of opts; a stored value that isn't among them (an expression) stays
// selectable as it is.
func (e *editor) selectField(key string, opts []choice, cur string) fyne.CanvasObject {
	found := cur == ""
	for _, o := range opts {
		found = found || o.Value == cur
	}
	if !found {
		opts = append(opts, choice{Value: cur, Label: cur})
	}
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.Label
	}
	sel := widget.NewSelect(labels, nil)
	for i, o := range opts {
		if o.Value == cur && cur != "" {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		v := opts[sel.SelectedIndex()].Value
		e.edit(key, false, func(r *model.Robot) { catalog.SetPath(r.Properties, key, v) })
	}
	e.fields[key] = sel
	return sel
}

// stageChoices are the stages of the robot's pipeline.
func (e *editor) stageChoices() []choice {
	ent := e.entity()
	if ent == nil {
		return nil
	}
	pl, _, ok := ent.Stage(e.ref.Status)
	if !ok {
		return nil
	}
	var out []choice
	for _, st := range pipelineStages(pl) {
		out = append(out, choice{Value: st.StatusID, Label: st.Name})
	}
	return out
}

// textOpts says how a text property is edited.
type textOpts struct {
	required, multi bool
	// templated texts show fields by title and offer «Insert field».
	templated bool
	hint      string
	// maxLen shows a character count against the limit.
	maxLen int
	// date offers a calendar; clock adds the time of day to the date it writes.
	date, clock bool
}

// textField edits a text property. Templated texts show document fields by title ({{Сумма}})
// and store them by code ({=Document:OPPORTUNITY}); an «Insert field» list types them in.
func (e *editor) textField(key, title string, o textOpts) fyne.CanvasObject {
	val, _ := catalog.GetPath(e.draft.Properties, key)
	stored := stringOf(val)
	entry := newTextEntry(o.multi)
	templated := o.templated
	shown := stored
	if templated {
		shown = tmpl.ToFriendly(stored, e.cat)
	}
	entry.SetText(shown)
	if o.hint != "" {
		entry.SetPlaceHolder(o.hint)
	}
	entry.onBlur = e.flush
	e.fields[key] = entry
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	var counter *widget.Label
	limit := o.maxLen
	if limit > 0 {
		counter = widget.NewLabel("")
		counter.Importance = widget.LowImportance
	}
	count := func(s string) {
		if counter == nil {
			return
		}
		n := utf8.RuneCountInString(literalText(s))
		counter.SetText(lang.L("{{.N}} of {{.Max}} characters", map[string]any{"N": n, "Max": limit}))
		counter.Importance = widget.LowImportance
		if n > limit {
			counter.Importance = widget.DangerImportance
		}
		counter.Refresh()
	}
	count(stored)
	entry.OnChanged = func(text string) {
		out := text
		if templated {
			sys, err := tmpl.ToSystem(text, e.cat)
			out = sys
			if err != nil {
				problem.SetText(lang.L("Not a field of this portal, kept as typed: {{.Err}}", map[string]any{"Err": err.Error()}))
				problem.Show()
			} else {
				problem.Hide()
			}
		}
		count(out)
		e.edit(key, true, func(r *model.Robot) { catalog.SetPath(r.Properties, key, out) })
	}
	label := title
	if o.required {
		label += " *"
	}
	var top fyne.CanvasObject = widget.NewLabel(label)
	var tools []fyne.CanvasObject
	if o.date {
		cal := widget.NewButtonWithIcon("", theme.CalendarIcon(), nil)
		cal.Importance = widget.LowImportance
		cal.OnTapped = func() { e.showCalendar(cal, entry, o.clock) }
		tools = append(tools, cal)
	}
	if templated {
		insert := widget.NewButtonWithIcon(lang.L("Insert field"), theme.ContentAddIcon(), nil)
		insert.Importance = widget.LowImportance
		insert.OnTapped = func() { e.showInsertMenu(insert, entry) }
		tools = append(tools, insert)
	}
	if len(tools) > 0 {
		top = container.NewBorder(nil, nil, top, container.NewHBox(tools...))
	}
	items := []fyne.CanvasObject{top, entry}
	if counter != nil {
		items = append(items, counter)
	}
	items = append(items, problem)
	return container.NewVBox(items...)
}

// showInsertMenu offers the fields to insert into entry, in a searchable list under the
// button: the document's fields, results of earlier robots, system values.
func (e *editor) showInsertMenu(btn fyne.CanvasObject, entry *textEntry) {
	_, _, index, _ := e.d.doc.Project().Robot(e.id)
	cnv := fyne.CurrentApp().Driver().CanvasForObject(btn)
	if cnv == nil {
		return
	}
	var choices []choice
	for _, g := range insertGroups(e.entity(), e.d.doc.Project().Robots(e.ref), index, e.cat) {
		for _, it := range g.Items {
			choices = append(choices, choice{Value: it.Text, Label: it.Label, Group: g.Title})
		}
	}
	showPicker(cnv, btn, choices, picker{toggle: func(text string) {
		cnv.Focus(entry)
		entry.insert(text)
	}})
}

// showCalendar lets the user pick a date for entry, written in the portal's format.
func (e *editor) showCalendar(btn fyne.CanvasObject, entry *textEntry, clock bool) {
	cnv := fyne.CurrentApp().Driver().CanvasForObject(btn)
	if cnv == nil {
		return
	}
	portal := e.d.doc.Project().Portal
	format := portal.DateFormat
	if clock && portal.DateTimeFormat != "" {
		format = portal.DateTimeFormat
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(time.Now(), func(t time.Time) {
		pop.Hide()
		if clock {
			t = time.Date(t.Year(), t.Month(), t.Day(), 10, 0, 0, 0, t.Location())
		}
		entry.SetText(formatDate(t, format, clock))
		e.flush()
	})
	pop = widget.NewPopUp(cal, cnv)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(btn).Add(fyne.NewPos(0, btn.Size().Height))
	at.X = fyne.Max(0, fyne.Min(at.X, cnv.Size().Width-cal.MinSize().Width-8))
	pop.ShowAtPosition(at)
}

// formatDate writes a date in a portal's PHP-style format ("d.m.Y", "d.m.Y H:i:s"); without one,
// dd.mm.yyyy (and hh:mm) as Russian portals write it.
func formatDate(t time.Time, php string, clock bool) string {
	if php == "" {
		php = "d.m.Y"
		if clock {
			php += " H:i"
		}
	}
	var b strings.Builder
	for _, c := range php {
		switch c {
		case 'd':
			b.WriteString(t.Format("02"))
		case 'j':
			b.WriteString(strconv.Itoa(t.Day()))
		case 'm':
			b.WriteString(t.Format("01"))
		case 'n':
			b.WriteString(strconv.Itoa(int(t.Month())))
		case 'Y':
			b.WriteString(t.Format("2006"))
		case 'y':
			b.WriteString(t.Format("06"))
		case 'H':
			b.WriteString(t.Format("15"))
		case 'G':
			b.WriteString(strconv.Itoa(t.Hour()))
		case 'i':
			b.WriteString(t.Format("04"))
		case 's':
			b.WriteString(t.Format("05"))
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// rawField edits a property the catalog doesn't describe: texts as texts, anything else as
// JSON, so nothing of it is lost.
func (e *editor) rawField(key string) fyne.CanvasObject {
	val, _ := catalog.GetPath(e.draft.Properties, key)
	if _, ok := val.(string); ok {
		return e.textField(key, key, textOpts{multi: true, templated: true})
	}
	data, _ := model.MarshalValue(val)
	entry := newTextEntry(true)
	entry.SetText(string(data))
	entry.onBlur = e.flush
	e.fields[key] = entry
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	entry.OnChanged = func(text string) {
		dec := json.NewDecoder(bytes.NewReader([]byte(text)))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			problem.SetText(lang.L("Not valid JSON yet: {{.Err}}", map[string]any{"Err": err.Error()}))
			problem.Show()
			return
		}
		problem.Hide()
		e.edit(key, true, func(r *model.Robot) { catalog.SetPath(r.Properties, key, v) })
	}
	return container.NewVBox(widget.NewLabel(key), entry, problem)
}

// propKeys lists property keys but the title, sorted.
func propKeys(p model.Properties) []string {
	var keys []string
	for k := range p {
		if k != "Title" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// stringOf shows a stored scalar as text.
func stringOf(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case []any:
		if len(t) == 1 {
			return stringOf(t[0])
		}
	}
	return fmt.Sprint(v)
}

// literalText is a text without its placeholders: what counts toward a length limit, as the
// validation counts it.
func literalText(s string) string {
	phs := model.Placeholders(s)
	if len(phs) == 0 {
		return s
	}
	var b []byte
	last := 0
	for _, ph := range phs {
		b = append(b, s[last:ph.Start]...)
		last = ph.End
	}
	return string(append(b, s[last:]...))
}
