package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
)

// cardView is what a card shows. The board computes it from the robot, the portal, and the
// search, selection and validation state; the card only draws it.
type cardView struct {
	title    string
	icon     fyne.Resource
	category fyne.ThemeColorName
	delay    string
	cond     string
	chain    bool
	active   bool
	finding  string
	severity model.Severity
	snippet  string
	selected bool
	match    bool
	faded    bool
}

// Card geometry.
const (
	cardPad    = 8
	cardStripe = 4
	cardIcon   = 16
	lineIcon   = 12
	titleLines = 2
)

// card is one robot on the board. It turns pointer input into calls on its board, which owns
// selection and dragging; the card keeps just its robot's ID and what to draw.
type card struct {
	widget.BaseWidget
	b     *board
	id    string
	ref   model.StageRef
	view  cardView
	width float32
	// Text fitted to the width, recomputed when the view or width changes.
	title   []string
	lines   []cardLine
	hovered bool
}

// cardLine is one secondary line: delay, condition, search snippet or finding.
type cardLine struct {
	text string
	icon image.Image
	// color is the text's color name; the icon is already drawn in it.
	color fyne.ThemeColorName
}

func newCard(b *board, id string, ref model.StageRef, v cardView, width float32) *card {
	c := &card{b: b, id: id, ref: ref, width: width}
	c.ExtendBaseWidget(c)
	c.set(v)
	return c
}

// set changes what the card shows and fits its texts; callers refresh it if it is on screen.
func (c *card) set(v cardView) {
	c.view = v
	m := c.b.meters
	tw := c.width - c.textLeft() - cardPad - c.rightReserve()
	c.title = m.title.wrap(v.title, tw, titleLines)
	lw := c.width - c.textLeft() - cardPad
	c.lines = c.lines[:0]
	add := func(text string, icon fyne.Resource, col fyne.ThemeColorName) {
		if text != "" {
			c.lines = append(c.lines, cardLine{text: m.line.fit(text, lw), icon: c.b.bitmap(icon, col, lineIcon), color: col})
		}
	}
	ic := c.b.icons
	add(v.delay, ic.clock, theme.ColorNamePlaceHolder)
	add(v.cond, ic.filter, theme.ColorNamePlaceHolder)
	add(v.snippet, ic.search, theme.ColorNameForeground)
	if v.finding != "" {
		switch v.severity {
		case model.SevError:
			add(v.finding, ic.err, theme.ColorNameError)
		case model.SevWarning:
			add(v.finding, ic.warn, theme.ColorNameWarning)
		default:
			add(v.finding, ic.info, theme.ColorNamePlaceHolder)
		}
	}
}

func (c *card) textLeft() float32 { return cardStripe + cardPad + cardIcon + 6 }

// rightReserve is room kept right of the title for the chain marker and the "off" badge.
func (c *card) rightReserve() float32 {
	var w float32
	if c.view.chain {
		w += cardIcon + 2
	}
	if !c.view.active {
		w += c.b.meters.badge.width(lang.L("off")) + 6
	}
	return w
}

// MinSize is computed from the fitted lines, without the renderer: the board sizes many cards
// before any is drawn.
func (c *card) MinSize() fyne.Size {
	m := c.b.meters
	h := cardPad + float32(len(c.title))*m.title.height + 2 + float32(len(c.lines))*m.line.height + cardPad - 2
	return fyne.NewSize(c.width, h)
}

// CreateRenderer implements fyne.Widget.
func (c *card) CreateRenderer() fyne.WidgetRenderer {
	r := &cardRenderer{c: c}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 6
	r.bg.StrokeWidth = 1
	r.stripe = canvas.NewRectangle(color.Transparent)
	r.stripe.CornerRadius = 2
	r.icon = newBitmap(nil)
	r.chain = newBitmap(c.b.bitmap(svgIcon("link"), colorChain, cardIcon))
	r.off = canvas.NewText(lang.L("off"), color.Black)
	r.off.TextSize = c.b.meters.badge.size
	r.off.TextStyle = c.b.meters.badge.style
	r.veil = canvas.NewRectangle(color.Transparent)
	r.veil.CornerRadius = 6
	r.rebuild()
	r.live = true
	return r
}

// Tapped implements fyne.Tappable: a click that did not turn into a drag.
func (c *card) Tapped(*fyne.PointEvent) { c.b.tapped(c) }

// TappedSecondary implements fyne.SecondaryTappable: the card's context menu.
func (c *card) TappedSecondary(e *fyne.PointEvent) { c.b.contextMenu(c, e.AbsolutePosition) }

// MouseDown implements desktop.Mouseable: the one place where the driver reports the
// modifiers held when the press began.
func (c *card) MouseDown(e *desktop.MouseEvent) { c.b.press(c, e) }

// MouseUp implements desktop.Mouseable. The drop is handled in DragEnd, which the driver
// always sends, while MouseUp only reaches the card when released over it.
func (c *card) MouseUp(*desktop.MouseEvent) {}

// Dragged implements fyne.Draggable.
func (c *card) Dragged(e *fyne.DragEvent) { c.b.dragged(c, e) }

// DragEnd implements fyne.Draggable.
func (c *card) DragEnd() { c.b.dragEnd(c) }

// Cursor implements desktop.Cursorable.
func (c *card) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn implements desktop.Hoverable.
func (c *card) MouseIn(*desktop.MouseEvent) { c.hovered = true; c.Refresh() }

// MouseMoved implements desktop.Hoverable.
func (c *card) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (c *card) MouseOut() { c.hovered = false; c.Refresh() }

type cardRenderer struct {
	c          *card
	bg, stripe *canvas.Rectangle
	icon       *canvas.Image
	chain      *canvas.Image
	off        *canvas.Text
	title      []*canvas.Text
	lineIcons  []*canvas.Image
	lineTexts  []*canvas.Text
	veil       *canvas.Rectangle
	objects    []fyne.CanvasObject
	// live is set once the renderer exists; before, images need no refresh of their own.
	live bool
}

// rebuild makes the text objects match the card's fitted lines and recolors everything.
func (r *cardRenderer) rebuild() {
	c, m := r.c, r.c.b.meters
	v := c.view
	for len(r.title) < len(c.title) {
		t := canvas.NewText("", color.Black)
		t.TextSize, t.TextStyle = m.title.size, m.title.style
		r.title = append(r.title, t)
	}
	r.title = r.title[:len(c.title)]
	for len(r.lineTexts) < len(c.lines) {
		t := canvas.NewText("", color.Black)
		t.TextSize, t.TextStyle = m.line.size, m.line.style
		r.lineTexts = append(r.lineTexts, t)
		r.lineIcons = append(r.lineIcons, newBitmap(nil))
	}
	r.lineTexts, r.lineIcons = r.lineTexts[:len(c.lines)], r.lineIcons[:len(c.lines)]

	// A switched-off robot reads muted but still readable: it is still part of the design.
	fg := themeColor(theme.ColorNameForeground)
	if !v.active {
		fg = themeColor(theme.ColorNamePlaceHolder)
	}
	for i, t := range r.title {
		t.Text, t.Color = c.title[i], fg
	}
	for i, l := range c.lines {
		col := themeColor(l.color)
		if !v.active && l.color != theme.ColorNameError {
			col = themeColor(theme.ColorNamePlaceHolder)
		}
		r.lineTexts[i].Text, r.lineTexts[i].Color = l.text, col
		r.setImage(r.lineIcons[i], l.icon, 0)
	}
	alpha := 0.0
	if !v.active {
		alpha = 0.45
	}
	r.setImage(r.icon, c.b.bitmap(v.icon, "", cardIcon), alpha)
	r.off.Color = themeColor(theme.ColorNamePlaceHolder)

	switch {
	case v.match:
		r.bg.FillColor = boardColor(colorMatch)
	case !v.active:
		r.bg.FillColor = boardColor(colorCardOff)
	default:
		r.bg.FillColor = boardColor(colorCard)
	}
	r.bg.StrokeWidth = 1
	r.bg.StrokeColor = boardColor(colorCardEdge)
	switch {
	case v.selected:
		r.bg.StrokeColor, r.bg.StrokeWidth = themeColor(theme.ColorNamePrimary), 2
	case v.match:
		r.bg.StrokeColor = boardColor(colorMatchEdge)
	case c.hovered:
		r.bg.StrokeColor = themeColor(theme.ColorNamePlaceHolder)
	}
	r.stripe.FillColor = boardColor(v.category)
	if !v.active {
		r.stripe.FillColor = faded(r.stripe.FillColor, 90)
	}
	r.veil.FillColor = color.Transparent
	if v.faded {
		r.veil.FillColor = faded(boardColor(colorColumn), 170)
	}

	r.objects = r.objects[:0]
	r.objects = append(r.objects, r.bg, r.stripe, r.icon)
	for _, t := range r.title {
		r.objects = append(r.objects, t)
	}
	for i := range r.lineTexts {
		r.objects = append(r.objects, r.lineIcons[i], r.lineTexts[i])
	}
	if v.chain {
		r.objects = append(r.objects, r.chain)
	}
	if !v.active {
		r.objects = append(r.objects, r.off)
	}
	r.objects = append(r.objects, r.veil)
}

func (r *cardRenderer) Layout(size fyne.Size) {
	c, m := r.c, r.c.b.meters
	r.bg.Resize(size)
	r.veil.Resize(size)
	r.stripe.Move(fyne.NewPos(2, 4))
	r.stripe.Resize(fyne.NewSize(cardStripe, size.Height-8))
	x0 := float32(cardStripe + cardPad)
	y := float32(cardPad)
	r.icon.Move(fyne.NewPos(x0, y+(m.title.height-cardIcon)/2))
	r.icon.Resize(fyne.NewSize(cardIcon, cardIcon))
	right := size.Width - cardPad
	if c.view.chain {
		r.chain.Move(fyne.NewPos(right-cardIcon, y+(m.title.height-cardIcon)/2))
		r.chain.Resize(fyne.NewSize(cardIcon, cardIcon))
		right -= cardIcon + 2
	}
	if !c.view.active {
		w := m.badge.width(r.off.Text)
		r.off.Move(fyne.NewPos(right-w, y+(m.title.height-m.badge.height)/2))
		r.off.Resize(fyne.NewSize(w, m.badge.height))
	}
	tx := c.textLeft()
	for _, t := range r.title {
		t.Move(fyne.NewPos(tx, y))
		t.Resize(fyne.NewSize(size.Width-tx-cardPad, m.title.height))
		y += m.title.height
	}
	y += 2
	for i, t := range r.lineTexts {
		r.lineIcons[i].Move(fyne.NewPos(x0+(cardIcon-lineIcon)/2, y+(m.line.height-lineIcon)/2))
		r.lineIcons[i].Resize(fyne.NewSize(lineIcon, lineIcon))
		t.Move(fyne.NewPos(tx, y))
		t.Resize(fyne.NewSize(size.Width-tx-cardPad, m.line.height))
		y += m.line.height
	}
}

func (r *cardRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *cardRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *cardRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *cardRenderer) Destroy() {}

// setImage changes an image's picture; the painter caches textures per image, so a changed
// picture needs the image's own refresh, which a new image does without.
func (r *cardRenderer) setImage(img *canvas.Image, pic image.Image, translucency float64) {
	if img.Image == pic && img.Translucency == translucency {
		return
	}
	img.Image, img.Translucency = pic, translucency
	if r.live {
		img.Refresh()
	}
}

// newBitmap makes an image object for a pre-rendered icon.
func newBitmap(pic image.Image) *canvas.Image {
	img := canvas.NewImageFromImage(pic)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleSmooth
	return img
}
