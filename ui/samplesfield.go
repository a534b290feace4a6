package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/sample"
)

// fieldKind is how a sample form edits a field, by the field's type.
type fieldKind int

const (
	kindText fieldKind = iota
	kindMultiline
	kindNumber
	kindMoney
	kindDate
	kindDateTime
	kindSelect
	kindUser
	kindBool
	kindStage
)

// kindOf picks the editor of a field type.
func kindOf(f model.Field) fieldKind {
	switch f.Type {
	case "text":
		return kindMultiline
	case "int", "integer", "double", "float":
		return kindNumber
	case "money":
		return kindMoney
	case "date":
		return kindDate
	case "datetime":
		return kindDateTime
	case "select", "enumeration":
		return kindSelect
	case "user", "employee":
		return kindUser
	case "bool", "boolean", "char":
		return kindBool
	case "stage", "status":
		return kindStage
	}
	return kindText
}

// option is one choice of a choice field: the value stored and the words shown.
type option struct{ value, label string }

// fieldOptions are the choices of a choice field: a select's options, the portal's users, yes
// and no, or the entity's stages. The first choice is «not set».
func fieldOptions(kind fieldKind, f model.Field, p *model.Portal, e *model.Entity) []option {
	out := []option{{"", lang.L("(not set)")}}
	switch kind {
	case kindSelect:
		for _, o := range f.Options {
			out = append(out, option{o.ID, o.Title})
		}
	case kindUser:
		if p != nil {
			for _, u := range p.Users {
				label := u.FullName()
				if !u.Active {
					label += " " + lang.L("(inactive)")
				}
				out = append(out, option{"user_" + strconv.Itoa(u.ID), label})
			}
		}
	case kindBool:
		out = append(out, option{"Y", lang.L("Yes")}, option{"N", lang.L("No")})
	case kindStage:
		if e != nil {
			for _, pl := range e.Pipelines {
				for _, st := range pl.Stages {
					label := st.Name
					if len(e.Pipelines) > 1 {
						label = pl.Name + ": " + st.Name
					}
					out = append(out, option{st.StatusID, label})
				}
			}
		}
	}
	return out
}

// valueInput edits one value of a field.
type valueInput interface {
	object() fyne.CanvasObject
	value() string
	setValue(string)
}

// entryInput edits a value as text: a line, or several for a text field.
type entryInput struct{ e *widget.Entry }

func (in *entryInput) object() fyne.CanvasObject { return in.e }
func (in *entryInput) value() string             { return in.e.Text }
func (in *entryInput) setValue(s string)         { in.e.SetText(s) }

// choiceInput picks a value from a field's choices; a stored value that is not among them is
// kept and shown as it is, so opening a sample never changes it.
type choiceInput struct {
	s       *widget.Select
	options []option
}

func newChoiceInput(opts []option, changed func()) *choiceInput {
	in := &choiceInput{options: opts}
	in.s = widget.NewSelect(in.labels(), func(string) { changed() })
	return in
}

func (in *choiceInput) labels() []string {
	out := make([]string, len(in.options))
	for i, o := range in.options {
		out[i] = o.label
	}
	return out
}

func (in *choiceInput) object() fyne.CanvasObject { return in.s }

func (in *choiceInput) value() string {
	if i := in.s.SelectedIndex(); i >= 0 && i < len(in.options) {
		return in.options[i].value
	}
	return ""
}

func (in *choiceInput) setValue(v string) {
	for i, o := range in.options {
		if o.value == v {
			in.s.SetSelectedIndex(i)
			return
		}
	}
	in.options = append(in.options, option{v, v})
	in.s.Options = in.labels()
	in.s.SetSelectedIndex(len(in.options) - 1)
}

// moneyInput edits an amount with an optional currency: "185000" or "185000|RUB".
type moneyInput struct {
	amount   *widget.Entry
	currency *choiceInput
	box      fyne.CanvasObject
}

func newMoneyInput(currencies []option, changed func()) *moneyInput {
	in := &moneyInput{amount: widget.NewEntry()}
	in.amount.SetPlaceHolder("0")
	in.amount.OnChanged = func(string) { changed() }
	in.currency = newChoiceInput(currencies, changed)
	in.currency.s.PlaceHolder = lang.L("Currency")
	in.box = container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(150, in.amount.MinSize().Height), in.currency.s), in.amount)
	return in
}

func (in *moneyInput) object() fyne.CanvasObject { return in.box }

func (in *moneyInput) value() string {
	a, c := strings.TrimSpace(in.amount.Text), in.currency.value()
	if a == "" || c == "" {
		return a
	}
	return a + "|" + c
}

func (in *moneyInput) setValue(v string) {
	a, c, _ := strings.Cut(v, "|")
	in.amount.SetText(a)
	in.currency.setValue(c)
}

// dateInput edits a date, absolute or relative to now ("+3d", "today 10:00"), and shows the
// moment it stands for now.
type dateInput struct {
	e     *widget.Entry
	shown *widget.Label
	box   fyne.CanvasObject
	loc   func() *time.Location
	clock bool
}

func newDateInput(clock bool, loc func() *time.Location, changed func()) *dateInput {
	in := &dateInput{e: widget.NewEntry(), shown: widget.NewLabel(""), loc: loc, clock: clock}
	in.e.SetPlaceHolder(lang.L("+3d, today 10:00, 05.03.2024"))
	setNote(in.shown, widget.LowImportance)
	in.e.OnChanged = func(string) {
		in.resolve()
		changed()
	}
	in.box = container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(170, in.e.MinSize().Height), in.shown), in.e)
	return in
}

// resolve shows what the typed date means today.
func (in *dateInput) resolve() {
	t, clock, ok := sample.ParseTime(in.e.Text, time.Now().In(in.loc()))
	switch {
	case strings.TrimSpace(in.e.Text) == "":
		in.shown.SetText("")
	case !ok:
		in.shown.SetText("")
	case clock || in.clock && sample.IsRelative(in.e.Text):
		in.shown.SetText("= " + stamp(t))
	default:
		in.shown.SetText("= " + weekdayShort(t.Weekday()) + " " + t.Format("02.01.2006"))
	}
}

func (in *dateInput) object() fyne.CanvasObject { return in.box }
func (in *dateInput) value() string             { return in.e.Text }
func (in *dateInput) setValue(s string)         { in.e.SetText(s); in.resolve() }

// sampleField edits one field of a sample record with the widget its type calls for; a
// multiple field gets one per value, with buttons to add and remove values. It shows the
// field's problem, if any, under it.
type sampleField struct {
	widget.BaseWidget
	f       model.Field
	kind    fieldKind
	newOne  func() valueInput
	inputs  []valueInput
	values  *fyne.Container
	problem *widget.Label
	content *fyne.Container
	// loading is set while a record is shown, so that is not taken as an edit.
	loading bool
	// onChanged is told of every edit.
	onChanged func()
}

func newSampleField(f model.Field, p *model.Portal, e *model.Entity, loc func() *time.Location) *sampleField {
	w := &sampleField{f: f, kind: kindOf(f)}
	w.ExtendBaseWidget(w)
	changed := func() {
		if !w.loading && w.onChanged != nil {
			w.onChanged()
		}
	}
	opts := fieldOptions(w.kind, f, p, e)
	var currencies []option
	if w.kind == kindMoney {
		currencies = []option{{"", lang.L("(default)")}}
		if e != nil {
			if cf, ok := e.Field("CURRENCY_ID"); ok {
				for _, o := range cf.Options {
					currencies = append(currencies, option{o.ID, o.ID})
				}
			}
		}
		if len(currencies) == 1 && p != nil && p.Currency != "" {
			currencies = append(currencies, option{p.Currency, p.Currency})
		}
	}
	w.newOne = func() valueInput {
		switch w.kind {
		case kindSelect, kindUser, kindBool, kindStage:
			return newChoiceInput(opts, changed)
		case kindMoney:
			return newMoneyInput(currencies, changed)
		case kindDate, kindDateTime:
			return newDateInput(w.kind == kindDateTime, loc, changed)
		}
		en := widget.NewEntry()
		if w.kind == kindMultiline {
			en = widget.NewMultiLineEntry()
			en.Wrapping = fyne.TextWrapWord
			en.SetMinRowsVisible(3)
		}
		if w.kind == kindNumber {
			en.SetPlaceHolder("0")
		}
		en.OnChanged = func(string) { changed() }
		return &entryInput{e: en}
	}
	title := widget.NewLabelWithStyle(f.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	id := widget.NewLabel(f.ID)
	id.Importance = widget.LowImportance
	w.values = container.NewVBox()
	w.problem = noteLabel("", widget.DangerImportance)
	w.problem.Hide()
	items := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, id, title), w.values}
	if f.Multiple {
		add := widget.NewButtonWithIcon(lang.L("Add value"), theme.ContentAddIcon(), func() {
			w.addInput("")
			changed()
		})
		add.Importance = widget.LowImportance
		items = append(items, container.NewHBox(add))
	}
	items = append(items, w.problem)
	w.content = container.NewVBox(items...)
	return w
}

// addInput adds an editor for one more value.
func (w *sampleField) addInput(v string) {
	in := w.newOne()
	was := w.loading
	w.loading = true
	in.setValue(v)
	w.loading = was
	w.inputs = append(w.inputs, in)
	w.layoutInputs()
}

// removeInput drops the editor of a value.
func (w *sampleField) removeInput(in valueInput) {
	for i, x := range w.inputs {
		if x == in {
			w.inputs = append(w.inputs[:i], w.inputs[i+1:]...)
			break
		}
	}
	w.layoutInputs()
	if w.onChanged != nil {
		w.onChanged()
	}
}

func (w *sampleField) layoutInputs() {
	objs := make([]fyne.CanvasObject, len(w.inputs))
	for i, in := range w.inputs {
		objs[i] = in.object()
		if w.f.Multiple {
			rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { w.removeInput(in) })
			rm.Importance = widget.LowImportance
			objs[i] = container.NewBorder(nil, nil, nil, rm, in.object())
		}
	}
	w.values.Objects = objs
	w.values.Refresh()
}

// load shows a field's value from a record.
func (w *sampleField) load(v sample.Value) {
	w.loading = true
	defer func() { w.loading = false }()
	w.inputs = nil
	if !w.f.Multiple || len(v) == 0 {
		w.addInput(strings.Join(v, ", "))
	} else {
		for _, s := range v {
			w.addInput(s)
		}
	}
	w.layoutInputs()
	w.setProblem(nil)
}

// value is what the field holds now; the empty values of a multiple field are left out.
func (w *sampleField) value() sample.Value {
	var out sample.Value
	for _, in := range w.inputs {
		s := in.value()
		if w.f.Multiple && strings.TrimSpace(s) == "" {
			continue
		}
		out = append(out, s)
	}
	if out == nil {
		out = sample.Value{}
		if !w.f.Multiple {
			out = sample.Value{""}
		}
	}
	return out
}

// setProblem shows what is wrong with the value, or hides it.
func (w *sampleField) setProblem(err error) {
	if err == nil {
		w.problem.Hide()
		return
	}
	w.problem.SetText(err.Error())
	w.problem.Show()
}

// CreateRenderer implements fyne.Widget.
func (w *sampleField) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(w.content)
}
