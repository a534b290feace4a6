package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/lint"
	"robodesk/model/sample"
)

// problemsShown caps the findings listed per severity: a list of thousands helps no one, and
// the count says how many there are.
const problemsShown = 300

// lintWait is how long the status bar's count waits after the last change before the whole
// project is linted again.
const lintWait = 800 * time.Millisecond

// lintSoon lints the whole project in the background a moment after the last change, so the
// status bar counts what the Problems list it opens will show.
func (d *Desk) lintSoon() {
	if d.lintWait <= 0 || d.doc == nil {
		return
	}
	if d.lintTimer != nil {
		d.lintTimer.Stop()
	}
	d.lintGen++
	gen := d.lintGen
	d.lintTimer = time.AfterFunc(d.lintWait, func() {
		fyne.Do(func() {
			if gen == d.lintGen && d.doc != nil {
				d.lintNow(gen)
			}
		})
	})
}

// lintNow lints a copy of the project off the UI goroutine and counts the findings in the
// status bar, unless something changed meanwhile.
func (d *Desk) lintNow(gen int) {
	doc := d.doc
	p := doc.Project().Snapshot()
	samples, err := sample.LoadAll(doc, p.Portal)
	if err != nil {
		return // the Problems list says why when it is opened
	}
	opts, _ := lint.LoadOptions(doc)
	now := time.Now()
	go func() {
		found := lint.LintWith(p, samples, now, opts)
		fyne.Do(func() {
			if gen == d.lintGen && d.doc == doc {
				d.status.setLint(found, true)
			}
		})
	}()
}

// severityTitle names a group of findings.
func severityTitle(s model.Severity, n int) string {
	data := map[string]any{"Count": n}
	switch s {
	case model.SevError:
		return lang.N("{{.Count}} error", n, data)
	case model.SevWarning:
		return lang.N("{{.Count}} warning", n, data)
	}
	return lang.N("{{.Count}} note", n, data)
}

// severityIcon is a finding's icon in its severity's color.
func severityIcon(s model.Severity) fyne.Resource {
	switch s {
	case model.SevError:
		return theme.NewColoredResource(theme.ErrorIcon(), theme.ColorNameError)
	case model.SevWarning:
		return theme.NewColoredResource(theme.WarningIcon(), theme.ColorNameWarning)
	}
	return theme.NewColoredResource(theme.InfoIcon(), theme.ColorNamePlaceHolder)
}

// problemsList is the Problems dialog: what the linter finds in the whole project, errors
// first, then warnings and notes. A click on a finding shows its robot on the board and in
// the editor. The linter runs off the UI goroutine on a copy of the project.
type problemsList struct {
	d      *Desk
	only   *widget.Check
	status *widget.Label
	groups *fyne.Container
	scroll *container.Scroll
	dlg    *dialog.CustomDialog

	found []model.Finding
	// rows are the findings listed, in order, for tests.
	rows []*problemRow
	// jobs counts linter runs under way; tests wait on it.
	jobs sync.WaitGroup
	gen  int
}

// showProblems opens the Problems dialog and runs the linter.
func (d *Desk) showProblems() {
	if d.doc == nil {
		return
	}
	d.editor.flush()
	pl := newProblemsList(d)
	pl.dlg = dialog.NewCustom(lang.L("Problems"), lang.L("Close"), pl.content(), d.win)
	pl.dlg.Resize(fyne.NewSize(980, 720))
	pl.dlg.Show()
	d.dialogs.problems = pl
	pl.run()
}

func newProblemsList(d *Desk) *problemsList {
	pl := &problemsList{d: d}
	pl.only = widget.NewCheck(lang.L("Only the pipeline shown"), func(bool) { pl.show() })
	pl.status = widget.NewLabel("")
	pl.status.Wrapping = fyne.TextWrapWord
	pl.groups = container.NewVBox()
	pl.scroll = container.NewVScroll(pl.groups)
	return pl
}

func (pl *problemsList) content() fyne.CanvasObject {
	again := widget.NewButtonWithIcon(lang.L("Check again"), theme.ViewRefreshIcon(), pl.run)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(pl.only, again), pl.status)
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, pl.scroll)
}

// run lints a copy of the project in the background and shows the findings when done.
func (pl *problemsList) run() {
	d := pl.d
	if d.doc == nil {
		return
	}
	p := d.doc.Project().Snapshot()
	samples, err := sample.LoadAll(d.doc, p.Portal)
	if err != nil {
		d.showError(lang.L("The samples could not be read"), err)
		samples = sample.Samples{}
	}
	opts, err := lint.LoadOptions(d.doc)
	if err != nil {
		d.showError(lang.L("The linter settings could not be read"), err)
	}
	pl.gen++
	gen := pl.gen
	pl.status.SetText(lang.L("Checking the project…"))
	pl.jobs.Add(1)
	now := time.Now()
	go func() {
		defer pl.jobs.Done()
		found := lint.LintWith(p, samples, now, opts)
		fyne.Do(func() {
			if gen != pl.gen {
				return
			}
			pl.found = found
			pl.show()
			if d.doc != nil {
				d.status.setLint(found, true)
			}
		})
	}()
}

// show lists the findings, grouped by severity.
func (pl *problemsList) show() {
	d := pl.d
	if d.doc == nil {
		return
	}
	bySev := map[model.Severity][]model.Finding{}
	total := 0
	for _, f := range pl.found {
		if pl.only.Checked && !pl.inPipeline(f) {
			continue
		}
		bySev[f.Severity] = append(bySev[f.Severity], f)
		total++
	}
	pl.rows = nil
	var objs []fyne.CanvasObject
	for _, sev := range []model.Severity{model.SevError, model.SevWarning, model.SevInfo} {
		fs := bySev[sev]
		if len(fs) == 0 {
			continue
		}
		head := widget.NewLabelWithStyle(severityTitle(sev, len(fs)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		objs = append(objs, container.NewBorder(nil, nil, widget.NewIcon(severityIcon(sev)), nil, head))
		for i, f := range fs {
			if i == problemsShown {
				objs = append(objs, noteLabel(lang.L("…and {{.Count}} more", map[string]any{"Count": len(fs) - i}), widget.LowImportance))
				break
			}
			f := f
			row := newProblemRow(f, pl.where(f), pl.message(f), func() { pl.open(f) })
			pl.rows = append(pl.rows, row)
			objs = append(objs, row)
		}
		objs = append(objs, widget.NewSeparator())
	}
	if total == 0 {
		objs = append(objs, widget.NewLabel(lang.L("No problems found")))
	}
	pl.groups.Objects = objs
	pl.groups.Refresh()
	pl.status.SetText(lang.L("Robots checked with the project's samples: {{.Robots}}. Found {{.Errors}}, {{.Warnings}}, {{.Notes}}.", map[string]any{
		"Robots":   d.doc.Project().RobotCount(),
		"Errors":   severityTitle(model.SevError, len(bySev[model.SevError])),
		"Warnings": severityTitle(model.SevWarning, len(bySev[model.SevWarning])),
		"Notes":    severityTitle(model.SevInfo, len(bySev[model.SevInfo])),
	}))
}

// inPipeline tells whether a finding is about a stage of the pipeline on the board.
func (pl *problemsList) inPipeline(f model.Finding) bool {
	return pl.d.board.byStage[f.Stage] != nil
}

// where names a finding's place: pipeline, stage and robot.
func (pl *problemsList) where(f model.Finding) string {
	p := pl.d.doc.Project().Portal
	out := f.Stage.String()
	if e, pipe, st, err := p.Stage(f.Stage); err == nil {
		out = e.Title + ": " + pipe.Name + " › " + st.Name
	}
	if f.Title != "" {
		out += " › «" + f.Title + "»"
	}
	return out
}

// message is a finding in the interface language.
func (pl *problemsList) message(f model.Finding) string {
	var r *model.Robot
	if f.RobotID != "" {
		r, _, _, _ = pl.d.doc.Project().Robot(f.RobotID)
	}
	return lintText(f, r, portalLocation(pl.d.doc.Project().Portal))
}

// open shows a finding's robot, or its stage when it names no robot, and closes the dialog so
// the board is in view.
func (pl *problemsList) open(f model.Finding) {
	d := pl.d
	if _, _, _, ok := d.doc.Project().Robot(f.RobotID); ok {
		d.revealRobot(f.RobotID)
	} else if e := d.doc.Project().Portal.Entity(f.Stage.Entity); e != nil {
		if pipe, _, ok := e.Stage(f.Stage.Status); ok {
			d.showPipeline(e.Key(pipe))
			d.board.setFocus(f.Stage)
		}
	}
	if pl.dlg != nil {
		pl.dlg.Hide()
	}
}

// lintText translates a finding of the linter by its code; the model's own findings go
// through findingText, and codes unknown here keep the model's English text.
func lintText(f model.Finding, r *model.Robot, loc *time.Location) string {
	data := map[string]any{}
	for k, v := range f.Args {
		data[k] = v
	}
	moment := func(k string) string {
		t, err := time.Parse(time.RFC3339, f.Args[k])
		if err != nil {
			return f.Args[k]
		}
		return stamp(t.In(loc))
	}
	switch f.Code {
	case lint.CodeRefNotRun:
		return lang.L("{{.ref}} refers to a robot that has not run yet for the sample «{{.sample}}», so it renders empty", data)
	case lint.CodeStageLoop:
		return lang.L("Change-stage robots move items around in a loop: {{.path}}", data)
	case lint.CodeStageSelf:
		return lang.L("The robot moves the item to the stage it is already in, which does nothing")
	case lint.CodeDelayShort:
		return lang.L("A delay of {{.minutes}} minutes is under the portal's minimum of {{.min}} minutes", data)
	case lint.CodeDelayTimeIgnored:
		return lang.L("The portal ignores the time of day of a plain wait: turn on «working hours» or count from a date field")
	case lint.CodeConditionNever:
		return lang.L("The condition can never hold, so the robot never runs: {{.why}}", data)
	case lint.CodeEmptyPlaceholder:
		return lang.L("{{.fields}}: empty for the sample «{{.sample}}»", data)
	case lint.CodeTooLong:
		return lang.L("The text is {{.length}} characters for the sample «{{.sample}}», over the limit of {{.max}}", data)
	case lint.CodeCalcError:
		return lang.L("The calculation at character {{.at}} fails ({{.message}}), and the portal sends it as written", data)
	case lint.CodeOutsideHours:
		data["At"], data["Entry"] = moment("at"), moment("entry")
		return lang.L("Writes to the client at {{.At}}, outside working hours, for an item that enters the stage on {{.Entry}} (sample «{{.sample}}»); turn on «working hours»", data)
	case lint.CodeFirstMessages:
		return lang.L("At {{.perDay}} new items a day this stage writes first to up to {{.max}} clients a day; messengers advise at most {{.limit}}, or the account may be blocked for spam", data)
	case lint.CodeFirstMessagesSum:
		return lang.L("Together the stages {{.stages}} write first to up to {{.max}} clients a day; messengers advise at most {{.limit}} per account", data)
	}
	return findingText(f, r)
}
