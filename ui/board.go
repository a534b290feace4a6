package ui

import (
	"fmt"
	"image"
	"image/color"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/catalog"
	"robodesk/model/tmpl"
)

// copyMods are the modifiers that turn a drag into a copy at mouse-down: Ctrl, and Cmd, which
// the macOS driver reports as Control in mouse events.
const copyMods = fyne.KeyModifierControl | fyne.KeyModifierShortcutDefault

// boardMeters measure the board's texts in their sizes and styles.
type boardMeters struct {
	title, line, head, badge *meter
}

// boardIcons are the small icons cards share.
type boardIcons struct {
	clock, filter, search, err, warn, info fyne.Resource
}

// board shows one pipeline: its stages as columns of robot cards, side by side in a horizontal
// scroll. It owns the selection and turns drags into Move and Copy commands.
type board struct {
	widget.BaseWidget
	d       *Desk
	key     model.PipelineKey
	entity  *model.Entity
	cols    []*column
	byStage map[model.StageRef]*column
	cards   map[string]*card
	icons   boardIcons
	meters  boardMeters
	typeIco map[string]fyne.Resource
	// bitmaps are icons rendered once per picture, color and size: an SVG image object
	// decodes its file again whenever it is sized, which a board of many cards can't afford.
	bitmaps map[string]image.Image

	row     *fyne.Container
	scroll  *container.Scroll
	overlay *fyne.Container
	line    *canvas.Rectangle
	ghost   *ghost

	sel   selection
	focus model.StageRef
	// focusShown is set once the user picked the paste target; until then it is not marked.
	focusShown bool
	match      *matcher
	cat        *tmpl.Catalog
	// findings per stage, one slice per robot in stage order.
	findings map[model.StageRef][][]model.Finding

	drag      dragState
	pressMods fyne.KeyModifier
	grab      fyne.Position
	origin    fyne.Position
	geo       []colGeom
	moving    map[string]bool
	target    int
	slot      slot
	copying   bool
	faded     map[string]bool
	// mods reports the modifier keys held now; tests replace it.
	mods func() fyne.KeyModifier
	// tick is the auto-scroll interval during a drag; zero turns the timer off (tests step it).
	tick     time.Duration
	stopTick chan struct{}
}

func newBoard(d *Desk) *board {
	b := &board{d: d, byStage: map[model.StageRef]*column{}, cards: map[string]*card{}, target: -1,
		typeIco: map[string]fyne.Resource{}, bitmaps: map[string]image.Image{}, findings: map[model.StageRef][][]model.Finding{}, tick: 30 * time.Millisecond}
	b.ExtendBaseWidget(b)
	b.mods = currentModifiers
	ts := theme.TextSize()
	b.meters = boardMeters{
		title: newMeter(ts, fyne.TextStyle{Bold: true}),
		line:  newMeter(ts-2, fyne.TextStyle{}),
		head:  newMeter(ts, fyne.TextStyle{Bold: true}),
		badge: newMeter(ts-4, fyne.TextStyle{Bold: true}),
	}
	b.icons = boardIcons{clock: svgIcon("clock"), filter: svgIcon("filter"), search: theme.SearchIcon(),
		err: theme.ErrorIcon(), warn: theme.WarningIcon(), info: theme.InfoIcon()}
	b.row = container.New(&rowLayout{b: b})
	b.scroll = container.NewHScroll(b.row)
	b.line = canvas.NewRectangle(color.Transparent)
	b.line.CornerRadius = 1.5
	b.line.Hide()
	b.ghost = newGhost(&b.meters)
	b.overlay = container.NewWithoutLayout(b.line, b.ghost.box)
	return b
}

// currentModifiers asks a desktop driver which modifier keys are held; others know none.
func currentModifiers() fyne.KeyModifier {
	if app := fyne.CurrentApp(); app != nil {
		if drv, ok := app.Driver().(desktop.Driver); ok {
			return drv.CurrentKeyModifiers()
		}
	}
	return 0
}

// bitmap renders an icon, in a theme color (none: as the resource colors itself), at size
// units, once; at twice the pixels, so it stays sharp on HiDPI screens.
func (b *board) bitmap(res fyne.Resource, col fyne.ThemeColorName, size float32) image.Image {
	if res == nil {
		return nil
	}
	key := fmt.Sprintf("%s/%s/%g", res.Name(), col, size)
	if pic, ok := b.bitmaps[key]; ok {
		return pic
	}
	if col != "" {
		res = theme.NewColoredResource(res, col)
	}
	img := canvas.NewImageFromResource(res)
	img.Resize(fyne.NewSize(size, size))
	b.bitmaps[key] = img.Image
	return img.Image
}

// cardWidth is the width of every card.
func (b *board) cardWidth() float32 { return colWidth - 2*colPad }

// show builds the columns of a pipeline.
func (b *board) show(key model.PipelineKey) {
	b.key = key
	b.cols, b.byStage, b.cards = nil, map[model.StageRef]*column{}, map[string]*card{}
	b.findings = map[model.StageRef][][]model.Finding{}
	b.entity, b.cat = nil, nil
	p := b.d.doc.Project()
	e, pl, err := p.Portal.Pipeline(key)
	if err != nil {
		b.row.Objects = nil
		b.row.Refresh()
		return
	}
	b.entity = e
	b.cat = fieldCatalog(e)
	if b.match != nil {
		b.match.cat = b.cat
	}
	objs := make([]fyne.CanvasObject, 0, len(pl.Stages))
	for _, st := range pipelineStages(pl) {
		ref := model.StageRef{Entity: e.ID, Status: st.StatusID}
		col := newColumn(b, ref, st)
		b.cols = append(b.cols, col)
		b.byStage[ref] = col
		objs = append(objs, col)
		b.fill(col)
	}
	// The paste target starts at the first stage, unmarked until the user picks one.
	if _, ok := b.byStage[b.focus]; !ok && len(b.cols) > 0 {
		b.focus, b.focusShown = b.cols[0].ref, false
	} else if col := b.byStage[b.focus]; col != nil {
		col.focused = b.focusShown
	}
	b.row.Objects = objs
	b.scroll.Offset = fyne.Position{}
	b.row.Refresh()
	b.scroll.Refresh()
}

// refresh brings the columns of changed stages up to date; cards are reused by robot ID.
func (b *board) refresh(stages []model.StageRef) {
	touched := false
	for _, ref := range stages {
		if col := b.byStage[ref]; col != nil {
			b.validate(ref)
			b.fill(col)
			col.Refresh()
			touched = true
		}
	}
	if !touched {
		return
	}
	p := b.d.doc.Project()
	for id, c := range b.cards {
		if _, ref, _, ok := p.Robot(id); !ok || b.byStage[ref] == nil {
			delete(b.cards, id)
		} else {
			c.ref = ref
		}
	}
	b.sel.keep(func(id string) bool { return b.cards[id] != nil })
}

// validate checks a stage's robots; the cards and the status bar show the findings.
func (b *board) validate(ref model.StageRef) {
	p := b.d.doc.Project()
	robots := p.Robots(ref)
	fs := make([][]model.Finding, len(robots))
	for i := range robots {
		fs[i] = model.ValidateRobot(p, ref, i)
	}
	b.findings[ref] = fs
}

// fill sets a column's cards from the project, with the stage's last findings.
func (b *board) fill(col *column) {
	p := b.d.doc.Project()
	t := p.Template(col.ref)
	robots := t.Robots
	fs := b.findings[col.ref]
	if len(fs) != len(robots) {
		b.validate(col.ref)
		fs = b.findings[col.ref]
	}
	col.triggers = col.triggers[:0]
	for _, tr := range t.Meta.Triggers {
		name := tr.Name
		if name == "" {
			name = tr.Code
		}
		col.triggers = append(col.triggers, name)
	}
	shown := make([]*card, 0, len(robots))
	for i, r := range robots {
		ok, snippet := b.match.match(r)
		if !ok {
			continue
		}
		v := b.viewFor(r, fs[i], snippet)
		c := b.cards[r.ID]
		switch {
		case c == nil:
			c = newCard(b, r.ID, col.ref, v, b.cardWidth())
			b.cards[r.ID] = c
		case c.view != v:
			c.ref = col.ref
			c.set(v)
			c.Refresh()
		default:
			c.ref = col.ref
		}
		shown = append(shown, c)
	}
	col.setCards(shown, len(robots))
}

// viewFor computes what a robot's card shows.
func (b *board) viewFor(r *model.Robot, fs []model.Finding, snippet string) cardView {
	e := catalog.Lookup(r.Type, r.Properties)
	v := cardView{
		title:    r.Title(),
		icon:     b.iconFor(r.Type, e),
		category: colorOther,
		delay:    delayText(r, b.entity),
		cond:     condText(r.Condition, b.entity, b.d.doc.Project().Portal),
		chain:    r.ExecuteAfterPrevious,
		active:   r.Activated,
		snippet:  snippet,
		selected: b.sel.has(r.ID),
		match:    b.match != nil,
		faded:    b.faded[r.ID],
	}
	if e != nil {
		v.category = categoryColor(e.Category)
		if v.title == "" {
			v.title = e.Title.In(langCode())
		}
	}
	if v.title == "" {
		v.title = r.Type
	}
	if f, ok := worst(fs); ok {
		v.finding, v.severity = findingText(f, r), f.Severity
	}
	return v
}

// iconFor caches the colored icon of a robot type, so equal views compare equal.
func (b *board) iconFor(typ string, e *catalog.Robot) fyne.Resource {
	key := typ
	if e != nil {
		key += "/" + string(e.Category) + "/" + e.Title.EN
	}
	if r, ok := b.typeIco[key]; ok {
		return r
	}
	r := coloredIcon(typ, e)
	b.typeIco[key] = r
	return r
}

// setQuery filters the cards by a search query and highlights the matches.
func (b *board) setQuery(q string) {
	b.match = newMatcher(q, b.cat)
	for _, col := range b.cols {
		b.fill(col)
		col.Refresh()
	}
	b.sel.keep(func(id string) bool {
		c := b.cards[id]
		return c != nil && b.shown(c)
	})
}

// shown reports whether a card is in its column now (not filtered out).
func (b *board) shown(c *card) bool {
	col := b.byStage[c.ref]
	if col == nil {
		return false
	}
	for _, x := range col.cards {
		if x == c {
			return true
		}
	}
	return false
}

// counts tallies the findings of the pipeline by severity.
func (b *board) counts() (errs, warns int) {
	for _, fs := range b.findings {
		for _, rf := range fs {
			for _, f := range rf {
				switch f.Severity {
				case model.SevError:
					errs++
				case model.SevWarning:
					warns++
				}
			}
		}
	}
	return errs, warns
}

// ordered sorts robot IDs in board order: by column, then by place in the column.
func (b *board) ordered(ids []string) []string {
	p := b.d.doc.Project()
	colIndex := map[model.StageRef]int{}
	for i, c := range b.cols {
		colIndex[c.ref] = i
	}
	type key struct{ col, pos int }
	keys := map[string]key{}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if _, ref, i, ok := p.Robot(id); ok {
			keys[id] = key{colIndex[ref], i}
			out = append(out, id)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, c := keys[out[i]], keys[out[j]]
		if a.col != c.col {
			return a.col < c.col
		}
		return a.pos < c.pos
	})
	return out
}

// selected returns the selected robots in board order.
func (b *board) selected() []string { return b.ordered(b.sel.list()) }

// syncSelection repaints the cards whose selected state changed.
func (b *board) syncSelection() {
	for id, c := range b.cards {
		if s := b.sel.has(id); c.view.selected != s {
			v := c.view
			v.selected = s
			c.set(v)
			c.Refresh()
		}
	}
	b.d.selectionChanged()
}

// setFocus makes a column the paste target.
func (b *board) setFocus(ref model.StageRef) {
	b.focus, b.focusShown = ref, true
	for _, col := range b.cols {
		col.setMarks(col.target, col.ref == ref)
	}
}

// selectIDs replaces the selection and shows it.
func (b *board) selectIDs(ids []string) {
	b.sel.set(ids)
	b.syncSelection()
}

// visibleOrder lists the shown cards of a column, for Shift-click ranges.
func (b *board) visibleOrder(ref model.StageRef) []string {
	col := b.byStage[ref]
	if col == nil {
		return nil
	}
	out := make([]string, len(col.cards))
	for i, c := range col.cards {
		out[i] = c.id
	}
	return out
}

// press records a mouse-down on a card: where, with which modifiers, on which robots.
func (b *board) press(c *card, e *desktop.MouseEvent) {
	if e.Button != desktop.MouseButtonPrimary {
		return
	}
	b.pressMods = e.Modifier
	b.drag.begin(b.dragIDs(c), c.ref, e.AbsolutePosition, e.Modifier&copyMods != 0)
	b.grab = e.Position
}

// dragIDs are the robots a drag from c takes: the selection when c is part of it.
func (b *board) dragIDs(c *card) []string {
	if b.sel.has(c.id) && b.sel.len() > 1 {
		return b.selected()
	}
	return []string{c.id}
}

// tapped handles a click that the driver did not turn into a drag.
func (b *board) tapped(c *card) {
	mods := b.pressMods
	b.drag.finish(false)
	b.pressMods = 0
	b.click(c, mods)
}

// click selects: plain click selects one robot and opens its editor, Ctrl toggles, Shift
// extends the run from the anchor.
func (b *board) click(c *card, mods fyne.KeyModifier) {
	switch {
	case mods&fyne.KeyModifierShift != 0:
		b.sel.extend(c.id, b.visibleOrder(c.ref))
	case mods&copyMods != 0:
		b.sel.toggle(c.id)
	default:
		b.sel.only(c.id)
	}
	b.setFocus(c.ref)
	b.syncSelection()
	if mods&(fyne.KeyModifierShift|copyMods) == 0 {
		b.d.openEditor(c.id)
	}
}

// tappedColumn makes a column the paste target and clears the selection.
func (b *board) tappedColumn(col *column) {
	b.setFocus(col.ref)
	if b.sel.len() > 0 {
		b.sel.clear()
		b.syncSelection()
	}
}

// dragged follows the pointer during a drag.
func (b *board) dragged(c *card, e *fyne.DragEvent) {
	at := e.AbsolutePosition
	if !b.drag.active {
		// No mouse-down reached the card (a touch driver, or test.Drag): start from here.
		press := at.Subtract(e.Dragged)
		if at.IsZero() {
			press = b.absOf(c).Add(e.Position)
			at = press.Add(e.Dragged)
		}
		b.drag.begin(b.dragIDs(c), c.ref, press, false)
		b.grab = press.Subtract(b.absOf(c))
	} else if at.IsZero() {
		at = b.drag.at.Add(e.Dragged)
	}
	if b.drag.moveTo(at) {
		b.startDrag()
	}
	if b.drag.dragging() {
		b.track(at)
	}
}

func (b *board) absOf(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

// ctrlNow reports the copy modifier held right now.
func (b *board) ctrlNow() bool { return b.mods()&fyne.KeyModifierShortcutDefault != 0 }

// startDrag captures the board's geometry once, so each move is a lookup, and shows the ghost.
func (b *board) startDrag() {
	if cnv := fyne.CurrentApp().Driver().CanvasForObject(b); cnv != nil {
		// Esc must reach the window's key handler, not a text field.
		cnv.Unfocus()
	}
	b.origin = b.absOf(b)
	b.geo = b.geometry()
	b.moving = map[string]bool{}
	for _, id := range b.drag.ids {
		b.moving[id] = true
	}
	b.target = -1
	b.copying = b.drag.copying(b.ctrlNow())
	b.setFaded(!b.copying)
	title := ""
	if c := b.cards[b.drag.ids[0]]; c != nil {
		title = c.view.title
	}
	b.ghost.show(title, len(b.drag.ids), b.copying, b.cardWidth())
	b.startTicker()
}

// geometry records where columns and cards are, in row and list coordinates.
func (b *board) geometry() []colGeom {
	geo := make([]colGeom, len(b.cols))
	for i, col := range b.cols {
		g := colGeom{stage: col.ref, x0: col.Position().X, x1: col.Position().X + col.Size().Width}
		g.cards = make([]cardGeom, len(col.cards))
		for j, c := range col.cards {
			y := c.Position().Y
			g.cards[j] = cardGeom{id: c.id, top: y, bottom: y + c.Size().Height}
		}
		geo[i] = g
	}
	return geo
}

// track moves the ghost and the insertion line to the pointer at (window coordinates). It
// repaints only those two and, when the target column changes, the two column frames.
func (b *board) track(at fyne.Position) {
	local := at.Subtract(b.origin)
	b.ghost.moveTo(local.Subtract(b.grab))
	if cp := b.drag.copying(b.ctrlNow()); cp != b.copying {
		b.copying = cp
		b.setFaded(!cp)
		b.ghost.setCopy(cp)
	}
	i := -1
	size := b.Size()
	if local.X >= 0 && local.Y >= 0 && local.X <= size.Width && local.Y <= size.Height {
		i = columnAt(b.geo, local.X+b.scroll.Offset.X, colGap)
	}
	if i != b.target {
		if b.target >= 0 {
			b.cols[b.target].setMarks(false, b.focusShown && b.cols[b.target].ref == b.focus)
		}
		if i >= 0 {
			b.cols[i].setMarks(true, b.focusShown && b.cols[i].ref == b.focus)
		}
		b.target = i
	}
	if i < 0 {
		if b.line.Visible() {
			b.line.Hide()
		}
		return
	}
	col := b.cols[i]
	top := col.Position().Y + col.listTop()
	var skip map[string]bool
	if !b.copying {
		skip = b.moving
	}
	b.slot = slotAt(b.geo[i].cards, local.Y-top+col.scroll.Offset.Y, skip, cardSpacing)
	y := top + b.slot.y - col.scroll.Offset.Y - 1.5
	y = fyne.Max(top-3, fyne.Min(y, top+col.scroll.Size().Height))
	b.line.FillColor = themeColor(theme.ColorNamePrimary)
	b.line.Move(fyne.NewPos(col.Position().X-b.scroll.Offset.X+colPad, y))
	b.line.Resize(fyne.NewSize(col.scroll.Size().Width, 3))
	if !b.line.Visible() {
		b.line.Show()
	}
}

// setFaded dims the cards being moved (not those being copied: they stay where they are).
func (b *board) setFaded(on bool) {
	want := map[string]bool{}
	if on {
		want = b.moving
	}
	for id, c := range b.cards {
		if f := want[id]; c.view.faded != f {
			v := c.view
			v.faded = f
			c.set(v)
			c.Refresh()
		}
	}
	b.faded = want
}

// dragEnd finishes a press: a click, a drop, or a cancel.
func (b *board) dragEnd(c *card) {
	if b.drag.dragging() {
		b.track(b.drag.at)
	}
	copying := b.drag.copying(b.ctrlNow())
	ids := b.drag.ids
	var to model.StageRef
	if b.target >= 0 {
		to = b.cols[b.target].ref
	}
	s := b.slot
	g := b.drag.finish(b.target >= 0)
	b.endVisuals()
	switch g {
	case gestureClick:
		b.click(c, b.pressMods)
	case gestureDrop:
		b.drop(ids, to, s, copying)
	case gestureCancel:
		b.d.note(lang.L("Drag cancelled: released outside the stages"))
	}
	b.pressMods = 0
}

// cancelDrag abandons a drag under way (Esc); it reports whether there was one.
func (b *board) cancelDrag() bool {
	if !b.drag.cancel() {
		return false
	}
	b.endVisuals()
	b.d.note(lang.L("Drag cancelled"))
	return true
}

// endVisuals removes the ghost, the line and the marks of a drag.
func (b *board) endVisuals() {
	b.stopTicker()
	b.ghost.hide()
	b.line.Hide()
	if b.target >= 0 && b.target < len(b.cols) {
		b.cols[b.target].setMarks(false, b.focusShown && b.cols[b.target].ref == b.focus)
	}
	b.target = -1
	b.setFaded(false)
	b.geo, b.moving = nil, nil
}

// drop moves or copies the dragged robots into a stage at a slot: one edit, one undo step.
func (b *board) drop(ids []string, to model.StageRef, s slot, copying bool) {
	robots := b.d.doc.Project().Robots(to)
	before := map[string]bool{}
	for _, r := range robots {
		before[r.ID] = true
	}
	var cmd model.Command
	if copying {
		cmd = model.Copy{IDs: ids, To: to, Index: dropIndex(robots, s, nil)}
	} else {
		skip := map[string]bool{}
		for _, id := range ids {
			skip[id] = true
		}
		cmd = model.Move{IDs: ids, To: to, Index: dropIndex(robots, s, skip)}
	}
	if _, err := b.d.exec(cmd); err != nil {
		return
	}
	sel := ids
	if copying {
		sel = nil
		for _, r := range b.d.doc.Project().Robots(to) {
			if !before[r.ID] {
				sel = append(sel, r.ID)
			}
		}
	}
	b.setFocus(to)
	b.selectIDs(sel)
}

// startTicker scrolls the board and the target column while the pointer rests near an edge.
func (b *board) startTicker() {
	if b.tick <= 0 || b.stopTick != nil {
		return
	}
	stop, every := make(chan struct{}), b.tick
	b.stopTick = stop
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() { b.autoScroll() })
			}
		}
	}()
}

func (b *board) stopTicker() {
	if b.stopTick != nil {
		close(b.stopTick)
		b.stopTick = nil
	}
}

// autoScroll takes one auto-scroll step; it reports whether anything scrolled.
func (b *board) autoScroll() bool {
	if !b.drag.dragging() {
		return false
	}
	local := b.drag.at.Subtract(b.origin)
	moved := false
	if v := edgeSpeed(local.X, 0, b.Size().Width, 56, 28); v != 0 {
		old := b.scroll.Offset
		b.scroll.ScrollToOffset(fyne.NewPos(old.X+v, old.Y))
		moved = b.scroll.Offset != old
	}
	if b.target >= 0 {
		col := b.cols[b.target]
		top := col.Position().Y + col.listTop()
		if v := edgeSpeed(local.Y, top, top+col.scroll.Size().Height, 40, 20); v != 0 {
			old := col.scroll.Offset
			col.scroll.ScrollToOffset(fyne.NewPos(old.X, old.Y+v))
			moved = moved || col.scroll.Offset != old
		}
	}
	if moved {
		b.track(b.drag.at)
	}
	return moved
}

// contextMenu offers a card's actions at the pointer.
func (b *board) contextMenu(c *card, at fyne.Position) {
	if !b.sel.has(c.id) {
		b.sel.only(c.id)
		b.syncSelection()
	}
	b.setFocus(c.ref)
	r, _, _, ok := b.d.doc.Project().Robot(c.id)
	if !ok {
		return
	}
	toggle := fyne.NewMenuItem(lang.L("Turn off"), func() { b.d.toggleSelection(false) })
	if !r.Activated {
		toggle = fyne.NewMenuItem(lang.L("Turn on"), func() { b.d.toggleSelection(true) })
	}
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("Open"), func() { b.d.openEditor(c.id) }),
		fyne.NewMenuItem(lang.L("Copy"), b.d.copySelection),
		fyne.NewMenuItem(lang.L("Paste"), b.d.paste),
		fyne.NewMenuItem(lang.L("Duplicate"), b.d.duplicateSelection),
		toggle,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Delete"), b.d.deleteSelection),
	)
	if cnv := fyne.CurrentApp().Driver().CanvasForObject(b); cnv != nil {
		widget.ShowPopUpMenuAtPosition(menu, cnv, at)
	}
}

// CreateRenderer implements fyne.Widget.
func (b *board) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(boardColor(colorBoard))
	return &boardRenderer{b: b, bg: bg, objects: []fyne.CanvasObject{bg, b.scroll, b.overlay}}
}

type boardRenderer struct {
	b       *board
	bg      *canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *boardRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.b.scroll.Resize(size)
	r.b.overlay.Resize(size)
}

func (r *boardRenderer) MinSize() fyne.Size { return fyne.NewSize(colWidth+2*colGap, 300) }

func (r *boardRenderer) Refresh() {
	r.bg.FillColor = boardColor(colorBoard)
	r.bg.Refresh()
}

func (r *boardRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *boardRenderer) Destroy() {}

// rowLayout places the columns side by side at a fixed width, as tall as the board.
type rowLayout struct{ b *board }

func (l *rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(colGap)
	for _, o := range objs {
		o.Move(fyne.NewPos(x, colGap))
		o.Resize(fyne.NewSize(colWidth, size.Height-2*colGap))
		x += colWidth + colGap
	}
}

func (l *rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(len(objs))*(colWidth+colGap)+colGap, headHeight+trigHeight+addHeight+100)
}

// reveal scrolls the board and the card's column so the card is in view.
func (b *board) reveal(c *card) {
	col := b.byStage[c.ref]
	if col == nil {
		return
	}
	x0, x1 := col.Position().X, col.Position().X+col.Size().Width
	off := b.scroll.Offset
	if w := b.scroll.Size().Width; x0 < off.X || x1 > off.X+w {
		b.scroll.ScrollToOffset(fyne.NewPos(fyne.Max(0, x0-colGap), off.Y))
	}
	y0, y1 := c.Position().Y, c.Position().Y+c.Size().Height
	voff := col.scroll.Offset
	if h := col.scroll.Size().Height; y0 < voff.Y || y1 > voff.Y+h {
		col.scroll.ScrollToOffset(fyne.NewPos(0, fyne.Max(0, y0-cardSpacing)))
	}
}

// moveSelection moves the selection one card with an arrow key: up and down within the
// column, left and right to the nearest card of the next column that has any.
func (b *board) moveSelection(key fyne.KeyName) {
	ids := b.sel.list()
	ci, row := -1, 0
	if len(ids) > 0 {
		cur := ids[len(ids)-1]
		for i, col := range b.cols {
			for j, c := range col.cards {
				if c.id == cur {
					ci, row = i, j
				}
			}
		}
	}
	if ci < 0 {
		// Nothing selected: start at the top of the paste target, or the first stage with cards.
		for i, col := range b.cols {
			if len(col.cards) > 0 && (ci < 0 || col.ref == b.focus) {
				ci = i
			}
		}
		if ci < 0 {
			return
		}
		b.selectCard(b.cols[ci].cards[0])
		return
	}
	switch key {
	case fyne.KeyUp:
		row--
	case fyne.KeyDown:
		row++
	case fyne.KeyLeft, fyne.KeyRight:
		dir := 1
		if key == fyne.KeyLeft {
			dir = -1
		}
		for i := ci + dir; i >= 0 && i < len(b.cols); i += dir {
			if len(b.cols[i].cards) > 0 {
				ci = i
				break
			}
		}
	}
	cards := b.cols[ci].cards
	row = max(0, min(row, len(cards)-1))
	b.selectCard(cards[row])
}

// selectCard selects one card, makes its column the paste target and scrolls it into view.
func (b *board) selectCard(c *card) {
	b.sel.only(c.id)
	b.setFocus(c.ref)
	b.syncSelection()
	b.reveal(c)
}
