package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
)

// problemRow is one finding in the Problems list: its severity, where it is and what is wrong.
// A click shows the robot.
type problemRow struct {
	widget.BaseWidget
	f       model.Finding
	where   string
	message string
	onTap   func()
	hovered bool
	bg      *canvas.Rectangle
}

func newProblemRow(f model.Finding, where, message string, onTap func()) *problemRow {
	r := &problemRow{f: f, where: where, message: message, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

// Tapped implements fyne.Tappable.
func (r *problemRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// MouseIn implements desktop.Hoverable.
func (r *problemRow) MouseIn(*desktop.MouseEvent) { r.hovered = true; r.paint() }

// MouseMoved implements desktop.Hoverable.
func (r *problemRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (r *problemRow) MouseOut() { r.hovered = false; r.paint() }

// Cursor implements desktop.Cursorable.
func (r *problemRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (r *problemRow) paint() {
	if r.bg == nil {
		return
	}
	r.bg.FillColor = color.Transparent
	if r.hovered {
		r.bg.FillColor = themeColor(theme.ColorNameHover)
	}
	r.bg.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (r *problemRow) CreateRenderer() fyne.WidgetRenderer {
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 4
	// One rich text for both lines keeps them together: two labels would each add padding.
	where := widget.RichTextStyleStrong
	where.Inline = false
	text := widget.NewRichText(
		&widget.TextSegment{Text: r.where, Style: where},
		&widget.TextSegment{Text: r.message, Style: widget.RichTextStyleParagraph})
	text.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(severityIcon(r.f.Severity))
	body := container.NewBorder(nil, nil, container.NewVBox(icon), nil, text)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, body))
}
