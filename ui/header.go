package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
)

// header is the top bar: the project and portal, the pipeline selector, search, undo, redo and
// Sync.
type header struct {
	d       *Desk
	project *canvas.Text
	portal  *canvas.Text
	pipe    *widget.Select
	items   []pipelineItem
	search  *widget.Entry
	undo    *widget.Button
	redo    *widget.Button
	sync    *widget.Button
	box     fyne.CanvasObject
}

func newHeader(d *Desk) *header {
	h := &header{d: d}
	h.project = canvas.NewText("", themeColor(theme.ColorNameForeground))
	h.project.TextStyle = fyne.TextStyle{Bold: true}
	h.project.TextSize = theme.TextSize() + 1
	h.portal = canvas.NewText("", mutedText())
	h.portal.TextSize = theme.CaptionTextSize()
	h.pipe = widget.NewSelect(nil, func(label string) {
		for _, it := range h.items {
			if it.Label == label && it.Key != d.key {
				d.showPipeline(it.Key)
				return
			}
		}
	})
	h.pipe.PlaceHolder = lang.L("Pipeline")
	h.search = widget.NewEntry()
	h.search.SetPlaceHolder(lang.L("Search robots (Ctrl+F)"))
	h.search.ActionItem = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { h.search.SetText("") })
	h.search.OnChanged = func(q string) { d.search(q) }
	h.undo = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), d.undo)
	h.redo = widget.NewButtonWithIcon("", theme.ContentRedoIcon(), d.redo)
	h.sync = widget.NewButtonWithIcon(lang.L("Sync"), theme.ViewRefreshIcon(), func() {
		if d.OnSync != nil {
			d.OnSync()
		}
	})
	h.sync.Importance = widget.HighImportance

	titles := container.New(&stackedText{gap: 1}, h.project, h.portal)
	pipeBox := container.NewGridWrap(fyne.NewSize(280, h.pipe.MinSize().Height), h.pipe)
	searchBox := container.NewGridWrap(fyne.NewSize(300, h.search.MinSize().Height), h.search)
	left := container.NewHBox(titles, widget.NewSeparator(), pipeBox, searchBox)
	right := container.NewHBox(h.undo, h.redo, widget.NewSeparator(), h.sync)
	bar := container.NewBorder(nil, nil, left, right)
	bg := canvas.NewRectangle(themeColor(theme.ColorNameBackground))
	line := canvas.NewRectangle(boardColor(colorCardEdge))
	line.SetMinSize(fyne.NewSize(1, 1))
	h.box = container.NewBorder(nil, line, nil, nil, container.NewStack(bg, container.NewPadded(bar)))
	return h
}

// update shows the document's names and pipelines and the undo/redo/sync state.
func (h *header) update(doc Document, key model.PipelineKey) {
	if doc == nil {
		return
	}
	h.project.Text = doc.Name()
	h.portal.Text = doc.Project().Portal.Name
	h.project.Refresh()
	h.portal.Refresh()
	h.items = pipelineItems(doc.Project().Portal)
	labels := make([]string, len(h.items))
	sel := ""
	for i, it := range h.items {
		labels[i] = it.Label
		if it.Key == key {
			sel = it.Label
		}
	}
	h.pipe.Options = labels
	if h.pipe.Selected != sel {
		h.pipe.Selected = sel
	}
	h.pipe.Refresh()
	h.buttons(doc)
}

// buttons enables undo, redo and Sync as the document allows.
func (h *header) buttons(doc Document) {
	enable(h.undo, doc != nil && doc.CanUndo())
	enable(h.redo, doc != nil && doc.CanRedo())
	enable(h.sync, doc != nil && h.d.OnSync != nil)
}

func enable(w fyne.Disableable, on bool) {
	if on && w.Disabled() {
		w.Enable()
	} else if !on && !w.Disabled() {
		w.Disable()
	}
}

// stackedText lays texts out one under another, at their natural size, centred vertically.
type stackedText struct{ gap float32 }

func (l *stackedText) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	total := l.MinSize(objs)
	y := (size.Height - total.Height) / 2
	for _, o := range objs {
		m := o.MinSize()
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, m.Height))
		y += m.Height + l.gap
	}
}

func (l *stackedText) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = fyne.Max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height += l.gap
		}
	}
	return s
}
