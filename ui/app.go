package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
)

// Run shows the main window for a document and runs the app until it quits. doc may be nil
// (the window then offers to open a project); setup functions run before the window shows, to
// wire actions such as Desk.OnSync. Run owns doc and closes whichever project is open at exit.
func Run(a fyne.App, doc Document, open Opener, setup ...func(*Desk)) {
	code := a.Preferences().String(prefLanguage)
	useLanguage(code)
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow("RoboDesk")
	d := NewDesk(w, doc, open)
	d.lintWait = lintWait
	d.lintSoon()
	for _, f := range setup {
		f(d)
	}
	d.rebuildChrome()
	w.SetCloseIntercept(func() {
		d.Close()
		w.Close()
	})
	w.Resize(fyne.NewSize(1440, 860))
	w.ShowAndRun()
}

// rebuildChrome brings the menu and header in step with actions set after NewDesk.
func (d *Desk) rebuildChrome() {
	d.win.SetMainMenu(d.menu())
	d.head.buttons(d.doc)
	if d.doc == nil {
		d.win.SetContent(d.emptyView())
	}
}

// layoutForm is a two-column label/value layout.
func layoutForm() fyne.Layout { return layout.NewFormLayout() }
