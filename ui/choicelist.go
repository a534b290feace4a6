package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// choice is one value a choice list offers. Detail (a position, say) helps pick it in the
// list but is left out of the summary.
type choice struct {
	Value, Label, Group, Detail string
}

// choiceList picks one or several values from a long list (employees, departments, document
// fields) through a searchable pop-up. Values not among the choices, such as expressions,
// are kept and shown as they are.
type choiceList struct {
	widget.BaseWidget
	choices   []choice
	multi     bool
	values    []string
	OnChanged func(values []string)
	popup     *widget.PopUp
	hovered   bool
}

func newChoiceList(choices []choice, multi bool, values []string, changed func([]string)) *choiceList {
	c := &choiceList{choices: choices, multi: multi, values: append([]string(nil), values...), OnChanged: changed}
	c.ExtendBaseWidget(c)
	return c
}

// label names a value: its choice's label, or the value itself.
func (c *choiceList) label(v string) string {
	for _, ch := range c.choices {
		if ch.Value == v {
			return ch.Label
		}
	}
	return v
}

// summary is the button text: the chosen labels.
func (c *choiceList) summary() string {
	if len(c.values) == 0 {
		return lang.L("(not set)")
	}
	labels := make([]string, len(c.values))
	for i, v := range c.values {
		labels[i] = c.label(v)
	}
	return strings.Join(labels, ", ")
}

// setValues replaces the chosen values and reports them.
func (c *choiceList) setValues(vs []string) {
	c.values = vs
	c.Refresh()
	if c.OnChanged != nil {
		c.OnChanged(append([]string(nil), vs...))
	}
}

// toggle adds or removes one value (multi), or picks it (single).
func (c *choiceList) toggle(v string) {
	if !c.multi {
		c.setValues([]string{v})
		return
	}
	var out []string
	found := false
	for _, x := range c.values {
		if x == v {
			found = true
			continue
		}
		out = append(out, x)
	}
	if !found {
		out = append(out, v)
	}
	c.setValues(out)
}

// all lists the choices plus kept values that aren't among them.
func (c *choiceList) all() []choice {
	out := append([]choice(nil), c.choices...)
	for _, v := range c.values {
		known := false
		for _, ch := range c.choices {
			known = known || ch.Value == v
		}
		if !known {
			out = append(out, choice{Value: v, Label: v, Group: lang.L("Other values")})
		}
	}
	return out
}

// show opens the pop-up under the list.
func (c *choiceList) show() {
	cnv := fyne.CurrentApp().Driver().CanvasForObject(c)
	if cnv == nil {
		return
	}
	c.popup = showPicker(cnv, c, c.all(), picker{
		multi:  c.multi,
		has:    c.has,
		toggle: c.toggle,
		clear:  func() { c.setValues(nil) },
	})
}

func (c *choiceList) hide() {
	if c.popup != nil {
		c.popup.Hide()
		c.popup = nil
	}
}

func (c *choiceList) has(v string) bool {
	for _, x := range c.values {
		if x == v {
			return true
		}
	}
	return false
}

// Tapped implements fyne.Tappable.
func (c *choiceList) Tapped(*fyne.PointEvent) { c.show() }

// MouseIn implements desktop.Hoverable.
func (c *choiceList) MouseIn(*desktop.MouseEvent) { c.hovered = true; c.Refresh() }

// MouseMoved implements desktop.Hoverable.
func (c *choiceList) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (c *choiceList) MouseOut() { c.hovered = false; c.Refresh() }

// CreateRenderer implements fyne.Widget: drawn like a select, the chosen labels and an arrow.
func (c *choiceList) CreateRenderer() fyne.WidgetRenderer {
	r := &choiceRenderer{c: c, label: widget.NewLabel(""), icon: widget.NewIcon(theme.MenuDropDownIcon())}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.Refresh()
	return r
}

type choiceRenderer struct {
	c     *choiceList
	bg    *canvas.Rectangle
	label *widget.Label
	icon  *widget.Icon
}

func (r *choiceRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	is := theme.IconInlineSize()
	pad := theme.InnerPadding()
	r.icon.Resize(fyne.NewSize(is, is))
	r.icon.Move(fyne.NewPos(size.Width-is-pad, (size.Height-is)/2))
	r.label.Resize(fyne.NewSize(size.Width-is-pad, size.Height))
	r.label.Move(fyne.NewPos(0, 0))
}

func (r *choiceRenderer) MinSize() fyne.Size {
	m := r.label.MinSize()
	return fyne.NewSize(120, m.Height)
}

func (r *choiceRenderer) Refresh() {
	r.bg.FillColor = themeColor(theme.ColorNameInputBackground)
	if r.c.hovered {
		r.bg.FillColor = themeColor(theme.ColorNameHover)
	}
	r.label.SetText(r.c.summary())
	r.bg.Refresh()
}

func (r *choiceRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.label, r.icon}
}

func (r *choiceRenderer) Destroy() {}

// picker is what a pick-list pop-up does with its choices.
type picker struct {
	// multi shows check boxes; otherwise a click picks one value and closes the pop-up.
	multi  bool
	has    func(v string) bool
	toggle func(v string)
	// clear, when set, offers to unset every value.
	clear func()
}

// showPicker opens a searchable pop-up list of choices under anchor, grouped by their Group,
// kept inside the window. Long lists scroll, which plain menus can't.
func showPicker(cnv fyne.Canvas, anchor fyne.CanvasObject, choices []choice, p picker) *widget.PopUp {
	list := container.NewVBox()
	search := widget.NewEntry()
	search.SetPlaceHolder(lang.L("Search"))
	var pop *widget.PopUp
	var fill func(q string)
	fill = func(q string) {
		q = strings.ToLower(strings.TrimSpace(q))
		list.Objects = nil
		group := ""
		for _, ch := range choices {
			label := ch.Label
			if ch.Detail != "" {
				label += " · " + ch.Detail
			}
			if q != "" && !strings.Contains(strings.ToLower(label), q) {
				continue
			}
			if ch.Group != group {
				group = ch.Group
				t := canvas.NewText(group, mutedText())
				t.TextSize = theme.CaptionTextSize()
				t.TextStyle = fyne.TextStyle{Bold: true}
				list.Add(container.NewPadded(t))
			}
			v := ch.Value
			if p.multi {
				chk := widget.NewCheck(label, nil)
				chk.Checked = p.has != nil && p.has(v)
				chk.OnChanged = func(bool) { p.toggle(v) }
				list.Add(chk)
				continue
			}
			b := widget.NewButton(label, func() {
				pop.Hide()
				p.toggle(v)
			})
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			if p.has != nil && p.has(v) {
				b.Importance = widget.HighImportance
			}
			list.Add(b)
		}
		list.Refresh()
	}
	search.OnChanged = fill
	fill("")
	var bottom fyne.CanvasObject
	if p.multi || p.clear != nil {
		var buttons []fyne.CanvasObject
		if p.clear != nil {
			buttons = append(buttons, widget.NewButton(lang.L("Clear"), func() {
				p.clear()
				fill(search.Text)
			}))
		}
		buttons = append(buttons, widget.NewButton(lang.L("Done"), func() { pop.Hide() }))
		bottom = container.NewHBox(buttons...)
	}
	pop = widget.NewPopUp(container.NewBorder(search, bottom, nil, nil, container.NewVScroll(list)), cnv)
	drv := fyne.CurrentApp().Driver()
	pos := drv.AbsolutePositionForObject(anchor)
	size := fyne.NewSize(fyne.Max(anchor.Size().Width, 320), 400)
	at := pos.Add(fyne.NewPos(0, anchor.Size().Height))
	if at.X+size.Width > cnv.Size().Width {
		at.X = fyne.Max(0, pos.X+anchor.Size().Width-size.Width)
	}
	if at.Y+size.Height > cnv.Size().Height {
		at.Y = fyne.Max(0, pos.Y-size.Height)
	}
	pop.Resize(size)
	pop.ShowAtPosition(at)
	cnv.Focus(search)
	return pop
}
