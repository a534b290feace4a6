package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
)

// menu is the window's main menu. Its items carry no keyboard shortcuts for undo, copy and
// paste: a menu shortcut would win over a focused text field's own.
func (d *Desk) menu() *fyne.MainMenu {
	file := fyne.NewMenu(lang.L("File"),
		fyne.NewMenuItem(lang.L("Open project…"), d.openDialog))
	if d.OpenDemo != nil {
		file.Items = append(file.Items, fyne.NewMenuItem(lang.L("Open the demo project"), d.openDemo))
	}
	edit := fyne.NewMenu(lang.L("Edit"),
		fyne.NewMenuItem(lang.L("Undo"), d.undo),
		fyne.NewMenuItem(lang.L("Redo"), d.redo),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Copy"), d.copySelection),
		fyne.NewMenuItem(lang.L("Paste"), d.paste),
		fyne.NewMenuItem(lang.L("Duplicate"), d.duplicateSelection),
		fyne.NewMenuItem(lang.L("Delete"), d.deleteSelection),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Find"), d.focusSearch),
	)
	cur := ""
	if d.prefs != nil {
		cur = d.prefs.String(prefLanguage)
	}
	var langs []*fyne.MenuItem
	for _, l := range languages {
		code, name := l.code, l.name
		if code == "" {
			name = lang.L("System language")
		}
		it := fyne.NewMenuItem(name, func() { d.SetLanguage(code) })
		it.Checked = code == cur
		langs = append(langs, it)
	}
	language := fyne.NewMenuItem(lang.L("Language"), nil)
	language.ChildMenu = fyne.NewMenu("", langs...)
	view := fyne.NewMenu(lang.L("View"),
		d.toolItem(lang.L("Timeline…"), fyne.KeyT, 0, func() { d.showTimeline(model.StageRef{}) }),
		d.toolItem(lang.L("Messages of the stage…"), fyne.KeyM, 0, func() { d.showGallery(model.StageRef{}) }),
		d.toolItem(lang.L("Problems…"), fyne.KeyP, 0, d.showProblems),
		fyne.NewMenuItemSeparator(),
		language)
	tools := fyne.NewMenu(lang.L("Tools"),
		d.toolItem(lang.L("Samples…"), fyne.KeyE, 0, d.showSamples),
		d.toolItem(lang.L("Working calendar…"), fyne.KeyK, 0, d.showCalendar))
	help := fyne.NewMenu(lang.L("Help"),
		fyne.NewMenuItem(lang.L("Keyboard shortcuts"), d.showShortcuts))
	return fyne.NewMainMenu(file, edit, view, tools, help)
}

// toolShortcuts are the keys of the preview, simulation and project dialogs; keys() wires
// them on the canvas and the menu shows them.
func (d *Desk) toolShortcuts() []struct {
	key fyne.KeyName
	run func()
} {
	return []struct {
		key fyne.KeyName
		run func()
	}{
		{fyne.KeyT, func() { d.showTimeline(model.StageRef{}) }},
		{fyne.KeyM, func() { d.showGallery(model.StageRef{}) }},
		{fyne.KeyP, d.showProblems},
		{fyne.KeyE, d.showSamples},
		{fyne.KeyK, d.showCalendar},
	}
}

// toolItem is a menu item with its Ctrl shortcut shown.
func (d *Desk) toolItem(label string, key fyne.KeyName, mods fyne.KeyModifier, run func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, run)
	it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | mods}
	return it
}

// SetLanguage switches the interface language ("en", "ru", or "" for the system's) and
// rebuilds the window in it, keeping the pipeline, selection, search and open robot.
func (d *Desk) SetLanguage(code string) {
	if d.prefs != nil {
		d.prefs.SetString(prefLanguage, code)
	}
	useLanguage(code)
	d.rebuild()
}

// rebuild makes the views again, in the current language, in the same state.
func (d *Desk) rebuild() {
	if d.editor != nil {
		d.editor.flush()
	}
	var (
		query    = d.head.search.Text
		sel      = d.board.sel.list()
		focus    = d.board.focus
		shown    = d.board.focusShown
		editing  = d.editor.id
		onSync   = d.OnSync
		previews = d.Preview
	)
	d.board.stopTicker()
	d.build()
	d.OnSync, d.Preview = onSync, previews
	// The preview section is made again in the new language; the samples picked stay.
	d.pv.dropPanel()
	doc := d.doc
	if doc == nil {
		d.attach(nil)
		return
	}
	d.board.focus, d.board.focusShown = focus, shown
	d.win.SetContent(container.NewBorder(d.head.box, d.status.box, nil, nil, d.split))
	d.board.show(d.key)
	d.head.update(doc, d.key)
	if query != "" {
		d.head.search.SetText(query)
	}
	d.board.selectIDs(sel)
	d.updateCounts()
	d.updateSync()
	if editing != "" {
		d.openEditor(editing)
	}
}

// showShortcuts lists the keyboard shortcuts.
func (d *Desk) showShortcuts() {
	rows := [][2]string{
		{"Ctrl+Z", lang.L("Undo")},
		{"Ctrl+Shift+Z, Ctrl+Y", lang.L("Redo")},
		{"Ctrl+C / Ctrl+V", lang.L("Copy and paste robots")},
		{"Ctrl+X", lang.L("Cut robots")},
		{"Ctrl+D", lang.L("Duplicate robots")},
		{"Delete", lang.L("Delete robots")},
		{"↑ ↓ ← →, Enter", lang.L("Go from robot to robot; open it")},
		{"Ctrl+A", lang.L("Select the stage's robots")},
		{"Ctrl+F", lang.L("Search")},
		{"Ctrl+O", lang.L("Open project…")},
		{"Ctrl+T", lang.L("Timeline…")},
		{"Ctrl+M", lang.L("Messages of the stage…")},
		{"Ctrl+P", lang.L("Problems…")},
		{"F8", lang.L("Go to the next robot with a problem")},
		{"Ctrl+E", lang.L("Samples…")},
		{"Ctrl+K", lang.L("Working calendar…")},
		{lang.L("Ctrl-click, Shift-click"), lang.L("Select several robots")},
		{lang.L("Drag"), lang.L("Move robots; with Ctrl held, copy them")},
		{"Esc", lang.L("Cancel the drag; clear the selection")},
	}
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}), widget.NewLabel(r[1]))
	}
	dialog.ShowCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), container.New(layoutForm(), objs...), d.win)
}
