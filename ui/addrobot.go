package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"robodesk/model"
	"robodesk/model/catalog"
)

// catalogMatches reports whether a catalog entry matches a search in the «Add robot» dialog:
// its title in either language, its description or its type code.
func catalogMatches(ce *catalog.Robot, q string) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return true
	}
	for _, s := range []string{ce.Title.RU, ce.Title.EN, ce.Description.In(langCode()), ce.Type} {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// showAddRobot offers the catalog, grouped by category, with search; the robot picked is
// added at the end of the stage and opened in the editor.
func (d *Desk) showAddRobot(to model.StageRef) {
	if d.doc == nil {
		return
	}
	stage := to.Status
	if _, _, st, err := d.doc.Project().Portal.Stage(to); err == nil {
		stage = st.Name
	}
	list := container.NewVBox()
	search := widget.NewEntry()
	search.SetPlaceHolder(lang.L("Search robots"))
	var dlg *dialog.CustomDialog
	fill := func(q string) {
		list.Objects = nil
		code := langCode()
		for _, cat := range catalog.Categories {
			var rows []fyne.CanvasObject
			for _, ce := range catalog.All() {
				if ce.Category != cat || !catalogMatches(ce, q) {
					continue
				}
				ce := ce
				rows = append(rows, newPickRow(coloredIcon(ce.Type, ce), ce.Title.In(code), ce.Description.In(code), func() {
					dlg.Hide()
					d.addRobot(to, ce)
				}))
			}
			if len(rows) == 0 {
				continue
			}
			h := canvas.NewText(strings.ToUpper(categoryTitle(cat)), mutedText())
			h.TextStyle = fyne.TextStyle{Bold: true}
			h.TextSize = theme.CaptionTextSize()
			list.Add(container.NewPadded(h))
			for _, r := range rows {
				list.Add(r)
			}
		}
		if len(list.Objects) == 0 {
			list.Add(widget.NewLabel(lang.L("No robot types match")))
		}
		list.Refresh()
	}
	search.OnChanged = fill
	fill("")
	content := container.NewBorder(search, nil, nil, nil, container.NewVScroll(list))
	dlg = dialog.NewCustom(lang.L("Add a robot to «{{.Stage}}»", map[string]any{"Stage": stage}), lang.L("Cancel"), content, d.win)
	dlg.Resize(fyne.NewSize(560, 640))
	dlg.Show()
	d.win.Canvas().Focus(search)
}

// addRobot adds a robot of a catalog type at the end of a stage and opens it.
func (d *Desk) addRobot(to model.StageRef, ce *catalog.Robot) string {
	r := &model.Robot{ID: uuid.NewString(), Type: ce.Type, Properties: ce.NewProperties(langCode()), Activated: true}
	if _, err := d.exec(model.Add{To: to, Index: -1, Robots: []*model.Robot{r}}); err != nil {
		return ""
	}
	d.board.setFocus(to)
	d.board.selectIDs([]string{r.ID})
	if c := d.board.cards[r.ID]; c != nil {
		d.board.reveal(c)
	}
	d.openEditor(r.ID)
	return r.ID
}
