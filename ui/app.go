package ui

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Run shows the main window for a document and runs the app until it quits.
func Run(a fyne.App, doc Document, open Opener) {
	w := a.NewWindow("RoboDesk — " + doc.Name())
	w.SetContent(pipelines(doc))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}

// pipelines lists the project's pipelines and their robot counts.
func pipelines(doc Document) fyne.CanvasObject {
	p := doc.Project()
	var rows []fyne.CanvasObject
	for _, e := range p.Portal.Entities {
		for _, pl := range e.Pipelines {
			n := 0
			for _, st := range pl.Stages {
				n += len(p.Robots(stageRef(e.ID, st.StatusID)))
			}
			rows = append(rows, widget.NewLabel(fmt.Sprintf("%s — %s: %d stages, %d robots", e.Title, pl.Name, len(pl.Stages), n)))
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return false })
	return container.NewVScroll(container.NewVBox(rows...))
}
