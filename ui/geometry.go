package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Geometry is where the board's stages and robot cards are in the window, in canvas units
// from the window's top-left corner (multiply by Scale for pixels). UI automation uses it to
// find what to click or drag.
type Geometry struct {
	Pipeline string  `json:"pipeline"`
	Scale    float32 `json:"scale"`
	Robots   int     `json:"robots"`
	Columns  []Box   `json:"columns"`
	// Cards lists the robot cards wholly in view.
	Cards []Box `json:"cards"`
}

// Box is one stage column or robot card and its rectangle.
type Box struct {
	Stage string `json:"stage"`
	// Robot is the card's activity name (A#####_#####_#####_#####); empty for a column.
	Robot string  `json:"robot,omitempty"`
	Title string  `json:"title,omitempty"`
	X     float32 `json:"x"`
	Y     float32 `json:"y"`
	W     float32 `json:"w"`
	H     float32 `json:"h"`
}

// Geometry reports where the stages and cards are now.
func (d *Desk) Geometry() Geometry {
	g := Geometry{Pipeline: d.key.String(), Scale: d.win.Canvas().Scale()}
	if d.doc == nil {
		return g
	}
	drv := fyne.CurrentApp().Driver()
	b := d.board
	bp, bs := drv.AbsolutePositionForObject(b), b.Size()
	p := d.doc.Project()
	for _, col := range b.cols {
		cp := drv.AbsolutePositionForObject(col)
		g.Columns = append(g.Columns, Box{Stage: col.ref.Status, Title: col.stage.Name, X: cp.X, Y: cp.Y, W: col.Size().Width, H: col.Size().Height})
		lp, ls := drv.AbsolutePositionForObject(col.scroll), col.scroll.Size()
		for _, c := range col.cards {
			pos := lp.Add(c.Position()).Subtract(col.scroll.Offset)
			sz := c.Size()
			in := pos.X >= bp.X && pos.X+sz.Width <= bp.X+bs.Width &&
				pos.Y >= lp.Y && pos.Y+sz.Height <= lp.Y+ls.Height
			if !in {
				continue
			}
			r, _, _, ok := p.Robot(c.id)
			if !ok {
				continue
			}
			g.Robots++
			g.Cards = append(g.Cards, Box{Stage: col.ref.Status, Robot: r.Name, Title: r.Title(), X: pos.X, Y: pos.Y, W: sz.Width, H: sz.Height})
		}
	}
	return g
}

// ShowError shows a dialog saying what failed and why; the window stays usable.
func (d *Desk) ShowError(what string, err error) { d.showError(what, err) }

// ShowOpenError tells the user a project file could not be opened, and why.
func (d *Desk) ShowOpenError(path string, err error) {
	d.showError(lang.L("Could not open the project {{.Path}}", map[string]any{"Path": path}), err)
}
