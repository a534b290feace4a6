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

// saveState is what the status bar says about saving.
type saveState int

const (
	stateSaved   saveState = iota // every change is in the project file
	stateEditing                  // the editor holds typing not committed yet
	stateFailed                   // the last change could not be saved
)

// statusBar is the bottom bar: saved state, validation count, last action.
type statusBar struct {
	d      *Desk
	icon   *widget.Icon
	saved  *widget.Label
	checks *widget.Button
	sel    *widget.Label
	sync   *widget.Label
	action *widget.Label
	box    fyne.CanvasObject
	state  saveState
	errs   int
	warns  int
	// linted is set once the linter has checked the whole project; its counts then stand in
	// for the pipeline's, as the count opens the linter's Problems list.
	linted              bool
	lintErrs, lintWarns int
}

func newStatusBar(d *Desk) *statusBar {
	s := &statusBar{d: d}
	s.icon = widget.NewIcon(theme.ConfirmIcon())
	s.saved = widget.NewLabel("")
	// The count leads to the Problems list: the linter's findings over the whole project.
	s.checks = widget.NewButton("", d.showProblems)
	s.checks.Importance = widget.LowImportance
	s.sel = widget.NewLabel("")
	s.sel.Hide()
	s.sync = widget.NewLabel("")
	s.sync.Hide()
	s.action = widget.NewLabel("")
	s.action.Truncation = fyne.TextTruncateEllipsis
	s.action.Alignment = fyne.TextAlignTrailing
	left := container.NewHBox(s.icon, s.saved, widget.NewSeparator(), s.checks, s.sel, s.sync)
	line := canvas.NewRectangle(boardColor(colorCardEdge))
	line.SetMinSize(fyne.NewSize(1, 1))
	bg := canvas.NewRectangle(themeColor(theme.ColorNameBackground))
	s.box = container.NewBorder(line, nil, nil, nil, container.NewStack(bg, container.NewBorder(nil, nil, left, nil, s.action)))
	s.setState(stateSaved, "")
	return s
}

// setState shows the saved state; detail explains a failure.
func (s *statusBar) setState(st saveState, detail string) {
	s.state = st
	switch st {
	case stateSaved:
		s.icon.SetResource(theme.NewColoredResource(theme.ConfirmIcon(), theme.ColorNameSuccess))
		s.saved.SetText(lang.L("All changes saved"))
	case stateEditing:
		s.icon.SetResource(theme.NewColoredResource(theme.DocumentSaveIcon(), theme.ColorNamePlaceHolder))
		s.saved.SetText(lang.L("Editing: saved when you pause"))
	case stateFailed:
		s.icon.SetResource(theme.NewColoredResource(theme.ErrorIcon(), theme.ColorNameError))
		s.saved.SetText(lang.L("Not saved: {{.Err}}", map[string]any{"Err": detail}))
	}
}

// setCounts takes the pipeline's validation findings; they show until the linter has checked
// the project.
func (s *statusBar) setCounts(errs, warns int) {
	s.errs, s.warns = errs, warns
	s.paintCounts()
}

// setLint takes the linter's findings over the whole project; forget drops them, for another
// project.
func (s *statusBar) setLint(found []model.Finding, known bool) {
	s.linted, s.lintErrs, s.lintWarns = known, 0, 0
	for _, f := range found {
		switch f.Severity {
		case model.SevError:
			s.lintErrs++
		case model.SevWarning:
			s.lintWarns++
		}
	}
	s.paintCounts()
}

// paintCounts shows the findings counted last.
func (s *statusBar) paintCounts() {
	errs, warns := s.errs, s.warns
	if s.linted {
		// The project's errors include the pipeline's; a change the linter has not seen yet
		// still shows its own.
		errs, warns = max(errs, s.lintErrs), max(warns, s.lintWarns)
	}
	switch {
	case errs == 0 && warns == 0:
		s.checks.SetIcon(theme.NewColoredResource(theme.ConfirmIcon(), theme.ColorNameSuccess))
		s.checks.SetText(lang.L("No problems"))
	case errs > 0:
		s.checks.SetIcon(theme.NewColoredResource(theme.ErrorIcon(), theme.ColorNameError))
		s.checks.SetText(lang.N("{{.Count}} error", errs, map[string]any{"Count": errs}) + ", " +
			lang.N("{{.Count}} warning", warns, map[string]any{"Count": warns}))
	default:
		s.checks.SetIcon(theme.NewColoredResource(theme.WarningIcon(), theme.ColorNameWarning))
		s.checks.SetText(lang.N("{{.Count}} warning", warns, map[string]any{"Count": warns}))
	}
}

// setAction shows the last thing that happened.
func (s *statusBar) setAction(text string) { s.action.SetText(text) }

// setSync shows the sync line: the last sync and the changes not pushed; empty hides it.
func (s *statusBar) setSync(text string) {
	if text == "" {
		s.sync.Hide()
		return
	}
	s.sync.SetText("· " + text)
	s.sync.Show()
}

// setSelected shows how many robots are selected, when more than one.
func (s *statusBar) setSelected(n int) {
	if n < 2 {
		s.sel.Hide()
		return
	}
	s.sel.SetText("· " + lang.N("{{.Count}} selected", n, map[string]any{"Count": n}))
	s.sel.Show()
}
