package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/preview"
	"robodesk/model/sample"
)

// previewWait is how long the preview waits after the last keystroke before it renders the
// draft again: long enough to skip most keystrokes of a burst, short enough to feel live.
const previewWait = 150 * time.Millisecond

// previewState is what the previews render for: the sample record chosen for each entity and
// the moment. There is one per desk, so a sample picked in the editor's preview is the one
// the stage gallery and the timeline open with.
type previewState struct {
	d *Desk
	// picked is the chosen sample's name by entity; absent means the entity's first sample.
	picked map[string]string
	// sets caches the samples read from the project, by entity, until they are saved again.
	sets map[string]sample.Set
	// at is the moment texts are rendered at; zero follows the current time.
	at time.Time
	// entry is the stage entry the timeline simulated last; zero until one was picked.
	entry time.Time
	// now tells the time; tests fix it.
	now func() time.Time
	// wait is the debounce of re-rendering while typing; zero renders at once (tests).
	wait time.Duration
	// after runs f on the UI goroutine once d has passed, unless stopped; tests step it.
	after func(d time.Duration, f func()) (stop func())
	panel *previewPanel
}

func newPreviewState(d *Desk) *previewState {
	return &previewState{d: d, picked: map[string]string{}, sets: map[string]sample.Set{}, now: time.Now, wait: previewWait, after: afterOnUI}
}

// afterOnUI runs f on the UI goroutine after d, unless stopped first.
func afterOnUI(d time.Duration, f func()) (stop func()) {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}

// reset forgets everything read from the document, for when another one is opened.
func (s *previewState) reset() {
	s.picked = map[string]string{}
	s.sets = map[string]sample.Set{}
	s.at, s.entry = time.Time{}, time.Time{}
	if s.panel != nil {
		s.panel.stop()
	}
	s.panel = nil
}

// dropPanel forgets the preview section, so the next one is made in the current language.
func (s *previewState) dropPanel() {
	if s.panel != nil {
		s.panel.stop()
	}
	s.panel = nil
}

// samples are the entity's samples from the project. A project whose samples cannot be read
// previews with an empty record, and err says why.
func (s *previewState) samples(entity string) (sample.Set, error) {
	if set, ok := s.sets[entity]; ok {
		return set, nil
	}
	if s.d.doc == nil {
		return nil, nil
	}
	set, err := sample.Load(s.d.doc, entity)
	if err != nil {
		return nil, err
	}
	s.sets[entity] = set
	return set, nil
}

// record is the chosen sample of an entity, or its first; a name no longer in the set falls
// back to the first.
func (s *previewState) record(entity string) sample.Named {
	set, _ := s.samples(entity)
	if n, err := set.Pick(s.picked[entity]); err == nil {
		return n
	}
	return set.Default()
}

// pick chooses a sample for an entity.
func (s *previewState) pick(entity, name string) { s.picked[entity] = name }

// saved takes an entity's samples as just saved, so every preview renders with them.
func (s *previewState) saved(entity string, set sample.Set) {
	s.sets[entity] = set
	if _, ok := set.Get(s.picked[entity]); !ok {
		delete(s.picked, entity)
	}
	s.rerender()
	s.d.lintSoon()
}

// rerender renders the editor's preview again, for a change of samples or of the calendar.
func (s *previewState) rerender() {
	if s.panel != nil && s.panel.draft != nil {
		s.panel.sync()
		s.panel.render()
	}
}

// location is the portal's time zone, in which previews and timelines show times.
func (s *previewState) location() *time.Location {
	if s.d.doc == nil {
		return time.UTC
	}
	return portalLocation(s.d.doc.Project().Portal)
}

// moment is the moment texts render at: the one picked, or now.
func (s *previewState) moment() time.Time {
	if s.at.IsZero() {
		return s.now().In(s.location())
	}
	return s.at.In(s.location())
}

// portalLocation is a portal's time zone; an unknown zone falls back to UTC, as the preview
// engine does.
func portalLocation(p *model.Portal) *time.Location {
	if p == nil {
		return time.UTC
	}
	loc, err := p.Calendar.Location()
	if err != nil {
		return time.UTC
	}
	return loc
}

// show is Desk.Preview: it returns the editor's preview section for the draft being edited.
// A new robot renders at once; further changes to the same robot render after a short pause,
// so a burst of typing renders once.
func (s *previewState) show(stage model.StageRef, r *model.Robot) fyne.CanvasObject {
	if s.d.doc == nil || r == nil {
		return nil
	}
	if s.panel == nil {
		s.panel = newPreviewPanel(s)
	}
	p := s.panel
	same := p.draft != nil && p.draft.ID == r.ID && p.ref == stage
	p.ref, p.draft = stage, r
	if !same || s.wait <= 0 {
		p.stop()
		p.sync()
		p.render()
	} else {
		p.schedule()
	}
	return p.box
}

// previewPanel is the editor's Preview section: the sample and moment pickers and every text
// of the draft rendered for them. It is made once and re-rendered in place, so typing in the
// editor repaints only the texts.
type previewPanel struct {
	st    *previewState
	ref   model.StageRef
	draft *model.Robot

	sample  *widget.Select
	entity  string
	names   []string
	moment  *momentPicker
	note    *widget.Label
	texts   *fyne.Container
	views   []*textPreview
	box     *fyne.Container
	stopper func()
	gen     int
	renders int
}

func newPreviewPanel(s *previewState) *previewPanel {
	p := &previewPanel{st: s}
	p.sample = widget.NewSelect(nil, func(name string) {
		if p.entity == "" || name == "" {
			return
		}
		s.pick(p.entity, name)
		p.render()
	})
	p.sample.PlaceHolder = lang.L("No samples")
	p.moment = newMomentPicker(s.location, s.now, true)
	p.moment.onChanged = func(at time.Time, live bool) {
		if live {
			s.at = time.Time{}
		} else {
			s.at = at
		}
		p.render()
	}
	p.note = widget.NewLabel("")
	p.note.Wrapping = fyne.TextWrapWord
	setNote(p.note, widget.LowImportance)
	p.note.Hide()
	p.texts = container.NewVBox()
	gallery := widget.NewButtonWithIcon(lang.L("Stage messages"), theme.ListIcon(), func() {
		s.d.showGallery(p.ref)
	})
	gallery.Importance = widget.LowImportance
	timeline := widget.NewButtonWithIcon(lang.L("Timeline"), theme.HistoryIcon(), func() {
		s.d.showTimeline(p.ref)
	})
	timeline.Importance = widget.LowImportance
	form := container.New(layoutForm(),
		widget.NewLabel(lang.L("Sample")), p.sample,
		widget.NewLabel(lang.L("Rendered at")), p.moment)
	p.box = container.NewVBox(form, p.texts, p.note, container.NewHBox(gallery, timeline))
	return p
}

// sync brings the sample list in step with the draft's entity and the project's samples.
func (p *previewPanel) sync() {
	entity := p.ref.Entity
	set, err := p.st.samples(entity)
	names := set.Names()
	cur := p.st.record(entity).Name
	if err != nil {
		p.st.d.note(lang.L("The samples could not be read: {{.Err}}", map[string]any{"Err": err.Error()}))
	}
	if entity == p.entity && equalStrings(names, p.names) && p.sample.Selected == cur {
		return
	}
	p.entity, p.names = entity, names
	p.sample.Options = names
	p.sample.Selected = cur
	p.sample.Refresh()
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// render renders every text of the draft for the chosen sample and moment.
func (p *previewPanel) render() {
	if p.draft == nil || p.st.d.doc == nil {
		return
	}
	p.renders++
	rec := p.st.record(p.ref.Entity)
	at := p.st.moment()
	p.moment.show(at, p.st.at.IsZero())
	texts := preview.Draft(p.st.d.doc.Project(), p.ref, -1, p.draft, rec.Record, at)
	p.showTexts(texts)
	switch {
	case len(texts) == 0:
		p.note.SetText(lang.L("This robot sends no text to preview."))
		p.note.Show()
	case rec.Name == "":
		p.note.SetText(lang.L("The project has no sample for this entity: fields render empty. Add one under Tools → Samples."))
		p.note.Show()
	default:
		p.note.Hide()
	}
}

// showTexts reuses the text views it has, adding or dropping only the difference.
func (p *previewPanel) showTexts(texts []preview.Text) {
	changed := len(texts) != len(p.views)
	for len(p.views) < len(texts) {
		p.views = append(p.views, newTextPreview())
	}
	p.views = p.views[:len(texts)]
	for i, t := range texts {
		p.views[i].set(t, textLabel(p.draft.Type, p.draft.Properties, t))
	}
	if changed {
		objs := make([]fyne.CanvasObject, len(p.views))
		for i, v := range p.views {
			objs[i] = v
		}
		p.texts.Objects = objs
		p.texts.Refresh()
	}
}

// schedule renders after a pause in typing; a keystroke within the pause starts it again.
func (p *previewPanel) schedule() {
	p.stop()
	gen := p.gen
	p.stopper = p.st.after(p.st.wait, func() {
		// A render scheduled before the last stop may still arrive: only the latest counts.
		if p.gen == gen {
			p.stopper = nil
			p.render()
		}
	})
}

// stop cancels a pending render.
func (p *previewPanel) stop() {
	if p.stopper != nil {
		p.stopper()
		p.stopper = nil
	}
	p.gen++
}
