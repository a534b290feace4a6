package ui

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
)

// Column geometry.
const (
	colWidth    = 284
	colGap      = 10
	colPad      = 6
	headHeight  = 36
	trigHeight  = 24
	addHeight   = 36
	cardSpacing = 6
)

// column is one stage of the pipeline: its header in the stage's color with the robot count,
// its triggers, its robot cards and the «+ robot» button. The board fills it.
type column struct {
	widget.BaseWidget
	b        *board
	ref      model.StageRef
	stage    model.Stage
	triggers []string
	count    int
	cards    []*card // shown cards, in order
	list     *fyne.Container
	scroll   *container.Scroll
	add      *widget.Button
	target   bool // the drop target of the drag under way
	focused  bool // where Ctrl+V pastes
	r        *columnRenderer
}

func newColumn(b *board, ref model.StageRef, st model.Stage) *column {
	c := &column{b: b, ref: ref, stage: st}
	c.ExtendBaseWidget(c)
	c.list = container.New(layout.NewCustomPaddedVBoxLayout(cardSpacing))
	c.scroll = container.NewVScroll(c.list)
	// Text only: an icon per column would decode its SVG thirty times on a big board.
	c.add = widget.NewButton("+ "+lang.L("Robot"), func() { b.d.showAddRobot(ref) })
	c.add.Importance = widget.LowImportance
	return c
}

// setCards shows cards in order; the list is laid out again only when it changed.
func (c *column) setCards(cards []*card, count int) {
	c.count = count
	same := len(cards) == len(c.cards)
	for i := 0; same && i < len(cards); i++ {
		same = cards[i] == c.cards[i]
	}
	c.cards = cards
	if same {
		return
	}
	objs := make([]fyne.CanvasObject, len(cards))
	for i, cd := range cards {
		objs[i] = cd
	}
	c.list.Objects = objs
	if c.r != nil {
		// Before the column is first laid out there is nothing to refresh: its layout places
		// the cards.
		c.list.Refresh()
	}
}

// listTop is where the card list starts, in column coordinates.
func (c *column) listTop() float32 { return headHeight + 4 + trigHeight + 4 }

// Tapped implements fyne.Tappable: a click on the column's empty space makes it the paste
// target and clears the selection.
func (c *column) Tapped(*fyne.PointEvent) { c.b.tappedColumn(c) }

// MinSize implements fyne.Widget without creating the renderer.
func (c *column) MinSize() fyne.Size {
	return fyne.NewSize(colWidth, headHeight+trigHeight+addHeight+80)
}

// CreateRenderer implements fyne.Widget.
func (c *column) CreateRenderer() fyne.WidgetRenderer {
	r := &columnRenderer{c: c}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 8
	r.head = canvas.NewRectangle(color.Transparent)
	r.head.CornerRadius = 6
	r.name = canvas.NewText("", color.Black)
	r.name.TextStyle = fyne.TextStyle{Bold: true}
	r.countBg = canvas.NewRectangle(color.Transparent)
	r.countBg.CornerRadius = 9
	r.countText = canvas.NewText("", color.Black)
	r.countText.TextStyle = fyne.TextStyle{Bold: true}
	r.countText.TextSize = theme.CaptionTextSize() + 1
	r.trigIcon = newBitmap(c.b.bitmap(svgIcon("trigger"), colorTrigger, lineIcon))
	r.trigText = canvas.NewText("", color.Black)
	r.trigText.TextSize = c.b.meters.line.size
	r.empty = canvas.NewText("", color.Black)
	r.empty.TextSize = c.b.meters.line.size
	r.empty.Alignment = fyne.TextAlignCenter
	r.frame = canvas.NewRectangle(color.Transparent)
	r.frame.CornerRadius = 8
	r.frame.StrokeWidth = 2
	r.objects = []fyne.CanvasObject{r.bg, r.head, r.name, r.countBg, r.countText, r.trigIcon, r.trigText, c.scroll, r.empty, c.add, r.frame}
	r.update()
	c.r = r
	return r
}

// setMarks changes the drop-target and paste-target marks. Only the frame repaints: the
// board calls this on every drag step that crosses into another column.
func (c *column) setMarks(target, focused bool) {
	if c.target == target && c.focused == focused {
		return
	}
	c.target, c.focused = target, focused
	if c.r != nil {
		c.r.paintFrame()
		canvas.Refresh(c.r.frame)
	}
}

type columnRenderer struct {
	c                 *column
	bg, head, countBg *canvas.Rectangle
	name, countText   *canvas.Text
	trigIcon          *canvas.Image
	trigText, empty   *canvas.Text
	frame             *canvas.Rectangle
	objects           []fyne.CanvasObject
}

// update copies the column's state into the drawing objects.
func (r *columnRenderer) update() {
	c, m := r.c, r.c.b.meters
	sc := stageColor(c.stage.Color)
	r.bg.FillColor = boardColor(colorColumn)
	r.head.FillColor = sc
	r.name.Color = textOn(sc)
	r.name.Text = m.head.fit(c.stage.Name, colWidth-2*colPad-20-m.head.width("000"))
	r.countText.Text = strconv.Itoa(c.count)
	r.countText.Color = textOn(sc)
	r.countBg.FillColor = faded(r.name.Color, 40)
	trig := strings.Join(c.triggers, " · ")
	r.trigText.Color = themeColor(theme.ColorNameForeground)
	if trig == "" {
		trig = lang.L("No triggers")
		r.trigText.Color = mutedText()
	}
	r.trigText.Text = m.line.fit(trig, colWidth-2*colPad-lineIcon-8)
	r.empty.Text = ""
	if len(c.cards) == 0 {
		r.empty.Text = lang.L("No robots")
		if c.b.match != nil && c.count > 0 {
			r.empty.Text = lang.L("No matches")
		}
	}
	r.empty.Color = mutedText()
	r.paintFrame()
}

// paintFrame colors the frame that marks a drop target or the paste target.
func (r *columnRenderer) paintFrame() {
	c := r.c
	r.frame.StrokeColor = color.Transparent
	switch {
	case c.target:
		r.frame.StrokeColor = themeColor(theme.ColorNamePrimary)
		r.frame.FillColor = faded(themeColor(theme.ColorNamePrimary), 18)
	case c.focused:
		r.frame.StrokeColor = faded(themeColor(theme.ColorNamePrimary), 70)
		r.frame.FillColor = color.Transparent
	default:
		r.frame.FillColor = color.Transparent
	}
}

func (r *columnRenderer) Layout(size fyne.Size) {
	c, m := r.c, r.c.b.meters
	r.bg.Resize(size)
	r.frame.Resize(size)
	r.head.Move(fyne.NewPos(0, 0))
	r.head.Resize(fyne.NewSize(size.Width, headHeight))
	r.name.Move(fyne.NewPos(10, (headHeight-m.head.height)/2))
	r.name.Resize(fyne.NewSize(size.Width-60, m.head.height))
	cw := fyne.MeasureText(r.countText.Text, r.countText.TextSize, r.countText.TextStyle)
	pill := fyne.NewSize(cw.Width+14, 18)
	r.countBg.Move(fyne.NewPos(size.Width-10-pill.Width, (headHeight-pill.Height)/2))
	r.countBg.Resize(pill)
	r.countText.Move(fyne.NewPos(size.Width-10-pill.Width+7, (headHeight-cw.Height)/2))
	r.countText.Resize(cw)
	ty := float32(headHeight + 4)
	r.trigIcon.Move(fyne.NewPos(colPad+2, ty+(trigHeight-lineIcon)/2))
	r.trigIcon.Resize(fyne.NewSize(lineIcon, lineIcon))
	r.trigText.Move(fyne.NewPos(colPad+lineIcon+8, ty+(trigHeight-m.line.height)/2))
	r.trigText.Resize(fyne.NewSize(size.Width-2*colPad-lineIcon-8, m.line.height))
	top := c.listTop()
	listH := size.Height - top - addHeight - 4
	c.scroll.Move(fyne.NewPos(colPad, top))
	c.scroll.Resize(fyne.NewSize(size.Width-2*colPad, listH))
	r.empty.Move(fyne.NewPos(colPad, top+16))
	r.empty.Resize(fyne.NewSize(size.Width-2*colPad, m.line.height))
	c.add.Move(fyne.NewPos(colPad, size.Height-addHeight-2))
	c.add.Resize(fyne.NewSize(size.Width-2*colPad, addHeight))
}

func (r *columnRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *columnRenderer) Refresh() {
	r.update()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *columnRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *columnRenderer) Destroy() {}
