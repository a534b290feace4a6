package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// ghost is the picture of the dragged cards that follows the pointer. It is made of plain
// canvas objects, none of them interactive, so it never takes input from the board under it,
// and moving it repaints only itself.
type ghost struct {
	box    *fyne.Container
	shadow *canvas.Rectangle
	bg     *canvas.Rectangle
	title  *canvas.Text
	note   *canvas.Text
	m      *boardMeters
	count  int
}

func newGhost(m *boardMeters) *ghost {
	g := &ghost{m: m}
	g.shadow = canvas.NewRectangle(color.NRGBA{A: 40})
	g.shadow.CornerRadius = 8
	g.bg = canvas.NewRectangle(color.Transparent)
	g.bg.CornerRadius = 6
	g.bg.StrokeWidth = 2
	g.title = canvas.NewText("", color.Black)
	g.title.TextStyle = m.title.style
	g.title.TextSize = m.title.size
	g.note = canvas.NewText("", color.Black)
	g.note.TextSize = m.line.size
	g.box = container.NewWithoutLayout(g.shadow, g.bg, g.title, g.note)
	g.box.Hide()
	return g
}

// size is the ghost's size for a card width.
func (g *ghost) size(width float32) fyne.Size {
	return fyne.NewSize(width, cardPad*2+g.m.title.height+g.m.line.height)
}

// show prepares the ghost for a drag of count robots, the first titled title.
func (g *ghost) show(title string, count int, copying bool, width float32) {
	g.count = count
	sz := g.size(width)
	g.bg.FillColor = boardColor(colorCard)
	g.bg.StrokeColor = themeColor(theme.ColorNamePrimary)
	g.bg.Resize(sz)
	g.shadow.Move(fyne.NewPos(3, 4))
	g.shadow.Resize(sz)
	g.title.Color = themeColor(theme.ColorNameForeground)
	g.title.Text = g.m.title.fit(title, width-2*cardPad)
	g.title.Move(fyne.NewPos(cardPad, cardPad))
	g.title.Resize(fyne.NewSize(width-2*cardPad, g.m.title.height))
	g.note.Move(fyne.NewPos(cardPad, cardPad+g.m.title.height))
	g.note.Resize(fyne.NewSize(width-2*cardPad, g.m.line.height))
	g.box.Resize(sz)
	g.setCopy(copying)
	g.box.Show()
}

// setCopy tells whether the drop will copy; the ghost says so.
func (g *ghost) setCopy(copying bool) {
	data := map[string]any{"Count": g.count}
	if copying {
		g.note.Text = lang.N("Copy {{.Count}} robot", g.count, data)
		g.note.Color = boardColor(colorCopy)
	} else {
		g.note.Text = lang.N("Move {{.Count}} robot", g.count, data)
		g.note.Color = themeColor(theme.ColorNamePrimary)
	}
	g.note.Refresh()
}

func (g *ghost) moveTo(p fyne.Position) { g.box.Move(p) }

func (g *ghost) hide() { g.box.Hide() }
