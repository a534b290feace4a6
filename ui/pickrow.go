package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pickRow is one robot type in the «Add robot» dialog: icon, title and a line of description;
// a click picks it.
type pickRow struct {
	widget.BaseWidget
	icon        fyne.Resource
	title, desc string
	onTap       func()
	hovered     bool
}

func newPickRow(icon fyne.Resource, title, desc string, onTap func()) *pickRow {
	p := &pickRow{icon: icon, title: title, desc: desc, onTap: onTap}
	p.ExtendBaseWidget(p)
	return p
}

// Tapped implements fyne.Tappable.
func (p *pickRow) Tapped(*fyne.PointEvent) {
	if p.onTap != nil {
		p.onTap()
	}
}

// MouseIn implements desktop.Hoverable.
func (p *pickRow) MouseIn(*desktop.MouseEvent) { p.hovered = true; p.Refresh() }

// MouseMoved implements desktop.Hoverable.
func (p *pickRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (p *pickRow) MouseOut() { p.hovered = false; p.Refresh() }

// Cursor implements desktop.Cursorable.
func (p *pickRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer implements fyne.Widget.
func (p *pickRow) CreateRenderer() fyne.WidgetRenderer {
	r := &pickRowRenderer{p: p}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 6
	r.img = canvas.NewImageFromResource(p.icon)
	r.img.FillMode = canvas.ImageFillContain
	r.title = canvas.NewText(p.title, themeColor(theme.ColorNameForeground))
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.desc = canvas.NewText(p.desc, mutedText())
	r.desc.TextSize = theme.TextSize() - 2
	r.Refresh()
	return r
}

type pickRowRenderer struct {
	p           *pickRow
	bg          *canvas.Rectangle
	img         *canvas.Image
	title, desc *canvas.Text
}

func (r *pickRowRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.img.Move(fyne.NewPos(10, (size.Height-24)/2))
	r.img.Resize(fyne.NewSize(24, 24))
	th := r.title.MinSize().Height
	dh := r.desc.MinSize().Height
	y := (size.Height - th - dh) / 2
	r.title.Move(fyne.NewPos(46, y))
	r.title.Resize(fyne.NewSize(size.Width-56, th))
	r.desc.Move(fyne.NewPos(46, y+th))
	r.desc.Resize(fyne.NewSize(size.Width-56, dh))
}

func (r *pickRowRenderer) MinSize() fyne.Size {
	return fyne.NewSize(300, r.title.MinSize().Height+r.desc.MinSize().Height+12)
}

func (r *pickRowRenderer) Refresh() {
	r.bg.FillColor = color.Transparent
	if r.p.hovered {
		r.bg.FillColor = themeColor(theme.ColorNameHover)
	}
	r.bg.Refresh()
}

func (r *pickRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.img, r.title, r.desc}
}

func (r *pickRowRenderer) Destroy() {}
