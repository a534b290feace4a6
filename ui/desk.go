package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
)

// Desk is the main window's content: the header, the board of the chosen pipeline, the robot
// editor beside it and the status bar. Every change it makes to robots is an edit command run
// through the Document, one undo step per gesture.
type Desk struct {
	// OnSync runs when the user presses Sync; while it is nil the button is disabled.
	OnSync func()
	// Sync is the portal synchronisation set with SetSync.
	Sync SyncService
	// Preview, when set, builds the editor's preview of the robot being edited; it is called
	// again whenever the robot changes in the editor.
	Preview func(stage model.StageRef, r *model.Robot) fyne.CanvasObject
	// OpenDemo, when set, opens the bundled demo project (File menu and the empty window).
	OpenDemo func() (Document, error)

	win   fyne.Window
	doc   Document
	open  Opener
	queue *changeQueue
	key   model.PipelineKey

	head   *header
	board  *board
	editor *editor
	status *statusBar
	split  *fyne.Container

	// clip holds the robots last copied, for when the system clipboard was overwritten.
	clip []*model.Robot
	// idle is how long the editor waits after typing stops before it saves the burst; zero
	// saves only when the field loses focus (tests).
	idle time.Duration
	// prefs keeps the chosen pipeline and language.
	prefs fyne.Preferences
	// pv is the sample and moment the previews, the gallery and the timeline render for.
	pv *previewState
	// dialogs are the last opened of the preview, simulation and project dialogs.
	dialogs openDialogs
	// lintWait is how long after the last change the whole project is linted in the
	// background for the status bar's count; zero leaves that to the Problems list (tests).
	lintWait  time.Duration
	lintTimer *time.Timer
	lintGen   int
}

// openDialogs holds the last opened of each of the desk's dialogs, so a change made in one
// (the samples, the calendar) reaches the others, and tests can reach them.
type openDialogs struct {
	gallery  *gallery
	timeline *timeline
	samples  *samplesEditor
	calendar *calendarEditor
	problems *problemsList
}

// prefPipeline is the preference key of the last pipeline shown.
const prefPipeline = "pipeline"

// NewDesk builds the main window's content for a document and puts it in the window. doc may be
// nil: the window then offers to open a project. open opens project files for File → Open.
func NewDesk(w fyne.Window, doc Document, open Opener) *Desk {
	d := &Desk{win: w, open: open, idle: 900 * time.Millisecond}
	if app := fyne.CurrentApp(); app != nil {
		d.prefs = app.Preferences()
	}
	d.pv = newPreviewState(d)
	d.Preview = d.pv.show
	d.build()
	d.attach(doc)
	return d
}

// build creates the views and wires the keyboard; rebuilding after a language switch calls it
// again.
func (d *Desk) build() {
	d.head = newHeader(d)
	d.board = newBoard(d)
	d.editor = newEditor(d)
	d.status = newStatusBar(d)
	d.split = container.NewBorder(nil, nil, nil, d.editor.box, d.board)
	d.editor.box.Hide()
	d.win.SetMainMenu(d.menu())
	d.keys()
}

// attach shows a document (or the empty window when it is nil).
func (d *Desk) attach(doc Document) {
	if e := d.dialogs.samples; e != nil {
		e.flush() // into the project it was typed for, before that one closes
	}
	d.dialogs = openDialogs{}
	d.doc = doc
	d.queue = &changeQueue{}
	d.pv.reset()
	d.lintGen++
	d.status.setLint(nil, false)
	if doc == nil {
		d.win.SetContent(d.emptyView())
		d.win.SetTitle("RoboDesk")
		return
	}
	q := d.queue
	doc.Subscribe(func(ch model.Change) {
		if q.push(ch) {
			// A change made away from the UI thread (a sync); the UI catches up on it.
			fyne.Do(func() {
				if d.queue == q {
					d.drain()
				}
			})
		}
	})
	d.win.SetTitle(doc.Name() + " — RoboDesk")
	d.key = d.startPipeline()
	d.board.sel.clear()
	d.board.show(d.key)
	d.head.update(doc, d.key)
	d.updateCounts()
	d.updateSync()
	d.status.setState(stateSaved, "")
	d.status.setAction(lang.L("Opened {{.Path}}", map[string]any{"Path": doc.Path()}))
	d.win.SetContent(container.NewBorder(d.head.box, d.status.box, nil, nil, d.split))
}

// Window is the window the desk fills; actions such as OnSync open their dialogs on it.
func (d *Desk) Window() fyne.Window { return d.win }

// Document is the project shown now (nil when none is open); it changes with File → Open.
func (d *Desk) Document() Document { return d.doc }

func hasPipeline(p *model.Portal, k model.PipelineKey) bool {
	_, _, err := p.Pipeline(k)
	return err == nil
}

// startPipeline picks the pipeline to show: the last one used, else the first.
func (d *Desk) startPipeline() model.PipelineKey {
	items := pipelineItems(d.doc.Project().Portal)
	if d.prefs != nil {
		if k, err := model.ParsePipelineKey(d.prefs.String(prefPipeline)); err == nil {
			for _, it := range items {
				if it.Key == k {
					return k
				}
			}
		}
	}
	if len(items) > 0 {
		return items[0].Key
	}
	return model.PipelineKey{}
}

// ShowPipeline switches the board to a pipeline ("LEAD", "DEAL:1", "DYNAMIC_128:5").
func (d *Desk) ShowPipeline(key string) error {
	k, err := model.ParsePipelineKey(key)
	if err != nil {
		return err
	}
	if d.doc == nil {
		return errors.New("no project is open")
	}
	if _, _, err := d.doc.Project().Portal.Pipeline(k); err != nil {
		return err
	}
	d.showPipeline(k)
	return nil
}

func (d *Desk) showPipeline(k model.PipelineKey) {
	d.editor.flush()
	d.key = k
	if d.prefs != nil {
		d.prefs.SetString(prefPipeline, k.String())
	}
	d.board.sel.clear()
	d.board.show(k)
	if id := d.editor.id; id != "" {
		if _, ref, _, ok := d.doc.Project().Robot(id); !ok || d.board.byStage[ref] == nil {
			d.closeEditor()
		}
	}
	d.head.update(d.doc, k)
	d.updateCounts()
	d.selectionChanged()
}

// exec runs an edit command and brings the views up to date; a failure is shown and returned.
func (d *Desk) exec(cmd model.Command) (model.Change, error) {
	d.queue.enter()
	ch, err := d.doc.Do(cmd)
	d.queue.leave()
	d.drain()
	if err != nil {
		d.saveFailed(err)
		return ch, err
	}
	if !ch.Empty() {
		d.status.setAction(describe(ch))
	}
	return ch, nil
}

// undo reverts the last edit; the editor's pending typing is saved first, so it is what gets
// undone rather than lost.
func (d *Desk) undo() { d.step(true) }

// redo re-applies the last undone edit.
func (d *Desk) redo() { d.step(false) }

func (d *Desk) step(undo bool) {
	if d.doc == nil {
		return
	}
	d.editor.flush()
	if undo && !d.doc.CanUndo() {
		d.note(lang.L("Nothing to undo"))
		return
	}
	if !undo && !d.doc.CanRedo() {
		d.note(lang.L("Nothing to redo"))
		return
	}
	d.queue.enter()
	var ch model.Change
	var err error
	if undo {
		ch, err = d.doc.Undo()
	} else {
		ch, err = d.doc.Redo()
	}
	d.queue.leave()
	d.drain()
	if err != nil {
		d.saveFailed(err)
		return
	}
	if undo {
		d.status.setAction(lang.L("Undone: {{.What}}", map[string]any{"What": describe(ch)}))
	} else {
		d.status.setAction(lang.L("Redone: {{.What}}", map[string]any{"What": describe(ch)}))
	}
}

// drain applies the document's announced changes to the views.
func (d *Desk) drain() {
	changes := d.queue.take()
	if len(changes) == 0 || d.doc == nil {
		return
	}
	seen := map[model.StageRef]bool{}
	var stages []model.StageRef
	for _, ch := range changes {
		if ch.Label == model.LabelPortal {
			// New reference data: pipelines, stages and fields may have come or gone.
			if !hasPipeline(d.doc.Project().Portal, d.key) {
				d.key = d.startPipeline()
			}
			d.board.show(d.key)
			d.head.update(d.doc, d.key)
		}
		for _, ref := range ch.Stages() {
			if !seen[ref] {
				seen[ref] = true
				stages = append(stages, ref)
			}
		}
	}
	d.board.refresh(stages)
	d.editor.changed(seen)
	d.head.buttons(d.doc)
	d.updateCounts()
	d.updateSync()
	if d.status.state == stateFailed {
		d.status.setState(stateSaved, "")
	}
	d.selectionChanged()
}

// SetSync wires the portal synchronisation: the Sync button opens its dialog and the status
// bar shows the last sync and the local changes not pushed yet.
func (d *Desk) SetSync(svc SyncService) {
	d.Sync = svc
	d.OnSync = d.SyncWith
	if d.doc != nil {
		d.head.buttons(d.doc)
	}
	d.updateSync()
}

// SyncWith opens the Sync dialog on the desk's Sync service; the status bar catches up when the
// dialog closes, since a sync records its bases without announcing a change.
func (d *Desk) SyncWith() {
	if d.doc == nil || d.Sync == nil {
		return
	}
	showSync(d.win, d.doc, d.Sync, d.updateSync)
}

// updateSync refreshes the status bar's sync line; it only reads the project.
func (d *Desk) updateSync() {
	if d.doc == nil || d.Sync == nil {
		d.status.setSync("")
		return
	}
	d.status.setSync(SyncStatusText(d.doc, d.Sync))
}

func (d *Desk) updateCounts() {
	errs, warns := d.board.counts()
	d.status.setCounts(errs, warns)
	d.lintSoon()
}

// saveFailed tells the user an edit did not reach the project file, and why.
func (d *Desk) saveFailed(err error) {
	d.status.setState(stateFailed, err.Error())
	d.showError(lang.L("The change was not saved"), err)
}

// showError shows a dialog that says what failed and why; the window stays usable.
func (d *Desk) showError(what string, err error) {
	icon := widget.NewIcon(theme.NewColoredResource(theme.ErrorIcon(), theme.ColorNameError))
	head := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	detail := widget.NewLabel(capitalize(err.Error()))
	detail.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(nil, nil, container.NewVBox(icon), nil, container.NewVBox(head, detail))
	dlg := dialog.NewCustom(lang.L("Error"), lang.L("Close"), body, d.win)
	dlg.Resize(fyne.NewSize(560, 240))
	dlg.Show()
}

// capitalize starts a message with a capital letter, as a sentence in a dialog should.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// note shows a passing message in the status bar.
func (d *Desk) note(msg string) { d.status.setAction(msg) }

// search filters the board.
func (d *Desk) search(q string) {
	if d.doc == nil {
		return
	}
	d.board.setQuery(q)
	d.selectionChanged()
}

// selectionChanged keeps the status bar in step with the selection.
func (d *Desk) selectionChanged() { d.status.setSelected(d.board.sel.len()) }

// openEditor shows a robot in the editor panel.
func (d *Desk) openEditor(id string) {
	if d.editor.open(id) {
		d.editor.box.Show()
		d.split.Refresh()
	}
}

// closeEditor hides the editor panel, saving what it holds.
func (d *Desk) closeEditor() {
	d.editor.close()
	d.editor.box.Hide()
	d.split.Refresh()
}

// keys wires the window's keyboard: shortcuts for the board, and Esc and Delete when no text
// field has the focus. Undo and copy shortcuts are the canvas's, not the menu's, so that a
// focused text field still gets its own.
func (d *Desk) keys() {
	c := d.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	c.SetOnTypedKey(d.typedKey)
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { d.undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { d.redo() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: mod | fyne.KeyModifierShift}, func(fyne.Shortcut) { d.redo() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: mod}, func(fyne.Shortcut) { d.redo() })
	c.AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { d.copySelection() })
	c.AddShortcut(&fyne.ShortcutCut{}, func(fyne.Shortcut) { d.cutSelection() })
	c.AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) { d.paste() })
	c.AddShortcut(&fyne.ShortcutSelectAll{}, func(fyne.Shortcut) { d.selectAllInColumn() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) { d.focusSearch() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: mod}, func(fyne.Shortcut) { d.duplicateSelection() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: mod}, func(fyne.Shortcut) { d.openDialog() })
	for _, t := range d.toolShortcuts() {
		run := t.run
		c.AddShortcut(&desktop.CustomShortcut{KeyName: t.key, Modifier: mod}, func(fyne.Shortcut) { run() })
	}
}

// typedKey handles keys that reach the window with no text field focused.
func (d *Desk) typedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyEscape:
		switch {
		case d.board.cancelDrag():
		case d.board.sel.len() > 0:
			d.board.sel.clear()
			d.board.syncSelection()
		case d.editor.id != "":
			d.closeEditor()
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		d.deleteSelection()
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		if d.doc != nil {
			d.board.moveSelection(e.Name)
		}
	case fyne.KeyF8:
		d.nextFinding()
	case fyne.KeyReturn, fyne.KeyEnter:
		if ids := d.board.selected(); len(ids) == 1 {
			d.openEditor(ids[0])
		}
	}
}

func (d *Desk) focusSearch() {
	if d.doc != nil {
		d.win.Canvas().Focus(d.head.search)
	}
}

// copySelection puts the selected robots on the clipboard as Bitrix24 JSON.
func (d *Desk) copySelection() {
	if d.doc == nil {
		return
	}
	ids := d.board.selected()
	if len(ids) == 0 {
		d.note(lang.L("Select robots to copy"))
		return
	}
	var rs []*model.Robot
	for _, id := range ids {
		if r, _, _, ok := d.doc.Project().Robot(id); ok {
			rs = append(rs, r.Clone())
		}
	}
	d.clip = rs
	if text, err := robotsText(rs); err == nil {
		if app := fyne.CurrentApp(); app != nil {
			app.Clipboard().SetContent(text)
		}
	}
	d.note(lang.N("Copied {{.Count}} robot", len(rs), map[string]any{"Count": len(rs)}))
}

// cutSelection copies and deletes: the delete is one undo step.
func (d *Desk) cutSelection() {
	d.copySelection()
	d.deleteSelection()
}

// paste adds copies of the clipboard's robots to the focused column, after the selected robot
// there or at the end, as one undo step; the copies become the selection.
func (d *Desk) paste() {
	if d.doc == nil {
		return
	}
	var rs []*model.Robot
	if app := fyne.CurrentApp(); app != nil {
		rs, _ = parseRobots(app.Clipboard().Content())
	}
	if len(rs) == 0 {
		rs = d.clip
	}
	if len(rs) == 0 {
		d.note(lang.L("Nothing to paste: copy robots first"))
		return
	}
	to := d.board.focus
	if d.board.byStage[to] == nil {
		d.note(lang.L("Click a stage to paste into"))
		return
	}
	robots := d.doc.Project().Robots(to)
	index := -1
	for i, r := range robots {
		if d.board.sel.has(r.ID) {
			index = i + 1
		}
	}
	taken := map[string]bool{}
	for _, r := range robots {
		taken[r.Name] = true
		if r.DelayName != "" {
			taken[r.DelayName] = true
		}
	}
	copies := model.Duplicate(rs, taken)
	if _, err := d.exec(model.Add{To: to, Index: index, Robots: copies}); err != nil {
		return
	}
	ids := make([]string, len(copies))
	for i, c := range copies {
		ids[i] = c.ID
	}
	d.board.selectIDs(ids)
	d.note(lang.N("Pasted {{.Count}} robot", len(ids), map[string]any{"Count": len(ids)}))
}

// deleteSelection removes the selected robots: one undo step.
func (d *Desk) deleteSelection() {
	if d.doc == nil {
		return
	}
	ids := d.board.selected()
	if len(ids) == 0 {
		return
	}
	if d.editor.id != "" {
		for _, id := range ids {
			if id == d.editor.id {
				d.editor.dirty = false
				d.closeEditor()
			}
		}
	}
	if _, err := d.exec(model.Delete{IDs: ids}); err != nil {
		return
	}
	d.board.sel.clear()
	d.board.syncSelection()
	d.note(lang.N("Deleted {{.Count}} robot: Ctrl+Z brings it back", len(ids), map[string]any{"Count": len(ids)}))
}

// duplicateSelection copies each selected robot right after the last selected one of its
// stage: one undo step.
func (d *Desk) duplicateSelection() {
	if d.doc == nil {
		return
	}
	ids := d.board.selected()
	if len(ids) == 0 {
		return
	}
	p := d.doc.Project()
	byStage := map[model.StageRef][]string{}
	var order []model.StageRef
	last := map[model.StageRef]int{}
	for _, id := range ids {
		_, ref, i, ok := p.Robot(id)
		if !ok {
			continue
		}
		if _, seen := byStage[ref]; !seen {
			order = append(order, ref)
		}
		byStage[ref] = append(byStage[ref], id)
		if i+1 > last[ref] {
			last[ref] = i + 1
		}
	}
	batch := model.Batch{Label: "copy"}
	for _, ref := range order {
		batch.Commands = append(batch.Commands, model.Copy{IDs: byStage[ref], To: ref, Index: last[ref]})
	}
	before := map[string]bool{}
	for _, ref := range order {
		for _, r := range p.Robots(ref) {
			before[r.ID] = true
		}
	}
	if _, err := d.exec(batch); err != nil {
		return
	}
	var sel []string
	for _, ref := range order {
		for _, r := range d.doc.Project().Robots(ref) {
			if !before[r.ID] {
				sel = append(sel, r.ID)
			}
		}
	}
	d.board.selectIDs(sel)
}

// toggleSelection switches the selected robots on or off: one undo step.
func (d *Desk) toggleSelection(on bool) {
	if ids := d.board.selected(); len(ids) > 0 {
		d.editor.flush()
		d.exec(model.Toggle{IDs: ids, Activated: on})
	}
}

// selectAllInColumn selects every shown robot of the focused column.
func (d *Desk) selectAllInColumn() {
	if d.doc != nil {
		d.board.selectIDs(d.board.visibleOrder(d.board.focus))
	}
}

// nextFinding selects the next robot with a finding, so the count in the status bar leads
// somewhere.
func (d *Desk) nextFinding() {
	if d.doc == nil {
		return
	}
	var ids []string
	p := d.doc.Project()
	for _, col := range d.board.cols {
		for i, fs := range d.board.findings[col.ref] {
			if _, ok := worst(fs); ok && i < len(p.Robots(col.ref)) {
				if f, _ := worst(fs); f.Severity != model.SevInfo {
					ids = append(ids, p.Robots(col.ref)[i].ID)
				}
			}
		}
	}
	if len(ids) == 0 {
		return
	}
	next := ids[0]
	if cur := d.board.sel.list(); len(cur) == 1 {
		for i, id := range ids {
			if id == cur[0] && i+1 < len(ids) {
				next = ids[i+1]
			}
		}
	}
	if c := d.board.cards[next]; c != nil {
		d.board.setFocus(c.ref)
		d.board.selectIDs([]string{next})
		d.board.reveal(c)
	}
	d.openEditor(next)
}

// Close saves the editor's pending typing and closes the document.
func (d *Desk) Close() {
	if d.editor != nil {
		d.editor.flush()
	}
	if e := d.dialogs.samples; e != nil {
		// The samples editor writes after a pause in typing; the last of it must not be lost.
		e.flush()
	}
	d.board.stopTicker()
	if d.doc != nil {
		d.doc.Close()
		d.doc = nil
	}
}

// openDialog asks for a project file and opens it.
func (d *Desk) openDialog() {
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			d.showError(lang.L("Could not open the project"), err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		d.OpenPath(path)
	}, d.win)
	fd.Show()
}

// OpenPath opens a project file in the window, replacing the one shown. A file that is
// missing, corrupt or not a project gets an error dialog, and the window keeps what it had.
func (d *Desk) OpenPath(path string) {
	if d.open == nil {
		d.showError(lang.L("Could not open the project"), errors.New("opening files is not available"))
		return
	}
	doc, err := d.open(path)
	if err != nil {
		d.showError(lang.L("Could not open the project {{.Path}}", map[string]any{"Path": path}), err)
		return
	}
	d.replace(doc)
}

// openDemo opens the bundled demo project.
func (d *Desk) openDemo() {
	if d.OpenDemo == nil {
		return
	}
	doc, err := d.OpenDemo()
	if err != nil {
		d.showError(lang.L("Could not open the demo project"), err)
		return
	}
	d.replace(doc)
}

// replace shows another document, closing the current one.
func (d *Desk) replace(doc Document) {
	d.editor.flush()
	d.closeEditor()
	old := d.doc
	d.attach(doc)
	if old != nil && old != doc {
		old.Close()
	}
}

// emptyView is the window without a project.
func (d *Desk) emptyView() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("No project is open"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	open := widget.NewButtonWithIcon(lang.L("Open project…"), theme.FolderOpenIcon(), d.openDialog)
	open.Importance = widget.HighImportance
	items := []fyne.CanvasObject{title, open}
	if d.OpenDemo != nil {
		items = append(items, widget.NewButton(lang.L("Open the demo project"), d.openDemo))
	}
	return container.NewCenter(container.NewVBox(items...))
}

// describe says in words what a change did, for the status bar.
func describe(ch model.Change) string {
	data := map[string]any{"Count": ch.Count, "Title": ch.Subject}
	one := ch.Count == 1 && ch.Subject != ""
	switch ch.Label {
	case "move", "reorder":
		if one {
			return lang.L("Moved «{{.Title}}»", data)
		}
		return lang.N("Moved {{.Count}} robot", ch.Count, data)
	case "copy":
		if one {
			return lang.L("Copied «{{.Title}}»", data)
		}
		return lang.N("Copied {{.Count}} robot", ch.Count, data)
	case "add":
		if one {
			return lang.L("Added «{{.Title}}»", data)
		}
		return lang.N("Added {{.Count}} robot", ch.Count, data)
	case "edit":
		if one {
			return lang.L("Changed «{{.Title}}»", data)
		}
		return lang.N("Changed {{.Count}} robot", ch.Count, data)
	case "delete":
		if one {
			return lang.L("Deleted «{{.Title}}»", data)
		}
		return lang.N("Deleted {{.Count}} robot", ch.Count, data)
	case "toggle":
		return lang.N("Switched {{.Count}} robot on or off", ch.Count, data)
	}
	return lang.N("Changed {{.Count}} robot", ch.Count, data)
}
