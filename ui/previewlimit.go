package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// limitState is how close a text is to its length limit.
type limitState int

const (
	limitFine limitState = iota
	limitNear            // nine tenths of the limit or more
	limitOver            // past the limit: the portal cuts or refuses the text
)

// limitOf rates a length against a limit.
func limitOf(n, max int) limitState {
	switch {
	case max <= 0 || n*10 < max*9:
		return limitFine
	case n <= max:
		return limitNear
	}
	return limitOver
}

// limitColor is the bar's color for a state: red over the limit.
func limitColor(s limitState) fyne.ThemeColorName {
	switch s {
	case limitOver:
		return theme.ColorNameError
	case limitNear:
		return theme.ColorNameWarning
	}
	return theme.ColorNameSuccess
}

// limitBar shows a text's length against its limit, such as the 200 characters of an SMS to an
// employee: a bar that fills up and turns red past the limit, with the count beside it.
type limitBar struct {
	widget.BaseWidget
	n, max int
}

func newLimitBar() *limitBar {
	b := &limitBar{}
	b.ExtendBaseWidget(b)
	return b
}

// set shows n characters of max.
func (b *limitBar) set(n, max int) {
	if b.n == n && b.max == max {
		return
	}
	b.n, b.max = n, max
	b.Refresh()
}

// state is how the bar rates its count.
func (b *limitBar) state() limitState { return limitOf(b.n, b.max) }

// text is the count the bar shows, and past the limit by how much.
func (b *limitBar) text() string {
	data := map[string]any{"N": b.n, "Max": b.max, "Over": b.n - b.max}
	if b.n > b.max {
		return lang.L("{{.N}} of {{.Max}} characters, {{.Over}} too many", data)
	}
	return lang.L("{{.N}} of {{.Max}} characters", data)
}

// CreateRenderer implements fyne.Widget.
func (b *limitBar) CreateRenderer() fyne.WidgetRenderer {
	r := &limitRenderer{b: b}
	r.track = canvas.NewRectangle(color.Transparent)
	r.track.CornerRadius = 3
	r.fill = canvas.NewRectangle(color.Transparent)
	r.fill.CornerRadius = 3
	r.label = canvas.NewText("", color.Black)
	r.label.TextSize = theme.CaptionTextSize()
	r.label.Alignment = fyne.TextAlignTrailing
	r.Refresh()
	return r
}

type limitRenderer struct {
	b           *limitBar
	track, fill *canvas.Rectangle
	label       *canvas.Text
}

// limitLabelWidth is the least room the count takes right of the bar, so the bar does not
// jump as digits come and go.
const limitLabelWidth = 150

// labelWidth is the room the count takes now.
func (r *limitRenderer) labelWidth() float32 {
	return fyne.Max(limitLabelWidth, r.label.MinSize().Width)
}

func (r *limitRenderer) Layout(size fyne.Size) {
	lw := r.labelWidth()
	barW := size.Width - lw - 8
	y := (size.Height - 8) / 2
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(barW, 8))
	frac := float32(0)
	if r.b.max > 0 {
		frac = fyne.Min(float32(r.b.n)/float32(r.b.max), 1)
	}
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(barW*frac, 8))
	r.label.Move(fyne.NewPos(barW+8, 0))
	r.label.Resize(fyne.NewSize(lw, size.Height))
}

func (r *limitRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.labelWidth()+60, fyne.Max(r.label.MinSize().Height, 16))
}

func (r *limitRenderer) Refresh() {
	st := r.b.state()
	c := themeColor(limitColor(st))
	r.track.FillColor = faded(themeColor(theme.ColorNameForeground), 30)
	r.fill.FillColor = c
	r.label.Text = r.b.text()
	r.label.Color = themeColor(theme.ColorNameForeground)
	r.label.TextStyle = fyne.TextStyle{}
	if st == limitOver {
		r.label.Color = c
		r.label.TextStyle = fyne.TextStyle{Bold: true}
	}
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

func (r *limitRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.label}
}

func (r *limitRenderer) Destroy() {}
