package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/sync/plan"
)

// SyncService is what the Sync dialog needs of the sync engine; *engine.Engine (sync/engine)
// implements it. Every method may be slow and is called off the UI goroutine. Robots change
// only inside Apply, through the document's Do: one undoable edit.
type SyncService interface {
	// Saved tells which portal the project syncs with and how RoboDesk signs in there
	// ("webhook" or "oauth"); ok is false when no credentials are saved. Secrets never come back.
	Saved(doc plan.Doc) (host, kind string, ok bool)
	// ConnectWebhook and ConnectOAuth check credentials against the portal and save them (in
	// the OS keyring, or a private file), returning the portal's host.
	ConnectWebhook(ctx context.Context, webhookURL string) (string, error)
	ConnectOAuth(ctx context.Context, endpoint, clientID, clientSecret, refreshToken string) (string, error)
	// Pull reads the portal, takes its reference data into the project and makes the plan.
	Pull(ctx context.Context, doc plan.Doc) (*plan.Plan, error)
	// Apply carries out a plan whose conflicts are all resolved; progress is told how many
	// stages are done.
	Apply(ctx context.Context, doc plan.Doc, p *plan.Plan, progress func(done, total int)) (*plan.Result, error)
	// Status says when the project last synced and how many local changes are not pushed.
	Status(doc plan.Doc) (plan.Status, error)
}

// ShowSync opens the Sync dialog for a document: the connection (webhook URL or OAuth), Pull,
// the plan as a tree of stages and robots with their field diffs, a choice for each conflict,
// and Apply with a progress bar and Cancel. Network work runs off the UI goroutine.
func ShowSync(w fyne.Window, doc Document, svc SyncService) { showSync(w, doc, svc, nil) }

// showSync opens the dialog; closed, when set, runs once it is closed.
func showSync(w fyne.Window, doc Document, svc SyncService, closed func()) {
	if doc == nil || svc == nil {
		return
	}
	d := newSyncDialog(w, uiThreadDoc{doc}, svc)
	d.closed = closed
	d.show()
}

// Connection modes of the dialog.
const (
	connWebhook = iota
	connOAuth
)

// syncDialog is the Sync dialog's state; one per opening.
type syncDialog struct {
	win fyne.Window
	doc Document
	svc SyncService
	// closed runs after the dialog closes (the desk refreshes its sync status).
	closed func()

	mode     *widget.RadioGroup
	saved    *widget.Label
	webhook  *widget.Entry
	endpoint *widget.Entry
	clientID *widget.Entry
	secret   *widget.Entry
	refresh  *widget.Entry
	hookBox  *fyne.Container
	oauthBox *fyne.Container

	pull     *widget.Button
	apply    *widget.Button
	cancel   *widget.Button
	summary  *widget.Label
	tree     *widget.Tree
	nodes    *syncTree
	choices  *fyne.Container
	radios   map[string]*widget.RadioGroup
	allMine  *widget.Button
	allTheir *widget.Button
	progress *widget.ProgressBar
	dlg      *dialog.CustomDialog

	plan *plan.Plan
	// busy is the cancel function of the pull or apply running, nil when idle.
	busy context.CancelFunc
	// jobs counts work running off the UI goroutine; tests wait on it.
	jobs sync.WaitGroup
}

func newSyncDialog(w fyne.Window, doc Document, svc SyncService) *syncDialog {
	d := &syncDialog{win: w, doc: doc, svc: svc, nodes: &syncTree{}}
	d.saved = widget.NewLabel("")
	d.saved.Wrapping = fyne.TextWrapWord
	d.webhook = widget.NewPasswordEntry()
	d.webhook.SetPlaceHolder("https://example.bitrix24.ru/rest/1/…/")
	d.endpoint = widget.NewEntry()
	d.endpoint.SetPlaceHolder("example.bitrix24.ru")
	d.clientID = widget.NewEntry()
	d.clientID.SetPlaceHolder("local.…")
	d.secret = widget.NewPasswordEntry()
	d.refresh = widget.NewPasswordEntry()
	d.hookBox = container.New(layoutForm(), widget.NewLabel(lang.L("Webhook URL")), d.webhook)
	d.oauthBox = container.New(layoutForm(),
		widget.NewLabel(lang.L("Portal")), d.endpoint,
		widget.NewLabel(lang.L("Client ID")), d.clientID,
		widget.NewLabel(lang.L("Client secret")), d.secret,
		widget.NewLabel(lang.L("Refresh token")), d.refresh)
	webhook, oauth := lang.L("Incoming webhook"), lang.L("OAuth application")
	d.mode = widget.NewRadioGroup([]string{webhook, oauth}, func(s string) {
		if s == oauth {
			d.hookBox.Hide()
			d.oauthBox.Show()
		} else {
			d.oauthBox.Hide()
			d.hookBox.Show()
		}
	})
	d.mode.Horizontal = true
	d.mode.Required = true
	d.mode.SetSelected(webhook)

	d.pull = widget.NewButtonWithIcon(lang.L("Pull"), theme.DownloadIcon(), d.startPull)
	d.pull.Importance = widget.HighImportance
	d.apply = widget.NewButtonWithIcon(lang.L("Apply"), theme.UploadIcon(), d.startApply)
	d.apply.Importance = widget.HighImportance
	d.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), d.stop)
	d.summary = widget.NewLabel(lang.L("Pull to see what differs between the project and the portal."))
	d.summary.Wrapping = fyne.TextWrapWord
	d.progress = widget.NewProgressBar()
	d.tree = d.nodes.widget()
	d.choices = container.NewVBox()
	d.allMine = widget.NewButton(lang.L("Keep all mine"), func() { d.chooseAll(plan.Mine) })
	d.allTheir = widget.NewButton(lang.L("Take all theirs"), func() { d.chooseAll(plan.Theirs) })
	d.showSaved()
	d.refreshState()
	return d
}

// show puts the dialog on the window.
func (d *syncDialog) show() {
	conn := widget.NewCard("", lang.L("Connection"), container.NewVBox(d.mode, d.hookBox, d.oauthBox, d.saved))
	conflicts := container.NewBorder(nil, container.NewHBox(d.allMine, d.allTheir), nil, nil, container.NewVScroll(d.choices))
	body := container.NewVSplit(container.NewScroll(d.tree), conflicts)
	body.Offset = 0.65 // room for a few conflicts below the plan
	top := container.NewVBox(conn, container.NewBorder(nil, nil, d.pull, nil, d.summary))
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(d.cancel, d.apply), d.progress)
	content := container.NewBorder(top, bottom, nil, nil, body)
	d.dlg = dialog.NewCustom(lang.L("Sync with the portal"), lang.L("Close"), content, d.win)
	d.dlg.SetOnClosed(func() {
		d.stop()
		if d.closed != nil {
			d.closed()
		}
	})
	d.dlg.Resize(fyne.NewSize(1040, 760))
	d.dlg.Show()
}

// showSaved says which credentials are saved for the project's portal.
func (d *syncDialog) showSaved() {
	host, kind, ok := d.svc.Saved(d.doc)
	d.setSaved(host, kind, ok)
}

func (d *syncDialog) setSaved(host, kind string, ok bool) {
	switch {
	case ok && kind == "oauth":
		d.saved.SetText(lang.L("Saved: OAuth application for {{.Host}}. Leave the fields empty to use it.", map[string]any{"Host": host}))
		d.endpoint.SetText(host)
	case ok:
		d.saved.SetText(lang.L("Saved: webhook for {{.Host}}. Leave the field empty to use it.", map[string]any{"Host": host}))
	default:
		d.saved.SetText(lang.L("Nothing saved yet: give the portal's incoming webhook URL or an OAuth application. It is kept in the system keyring, never in the project."))
	}
}

// forgetTyped clears the secrets typed into the dialog once they are saved: they need not stay
// in the window, and an OAuth refresh token is spent by the first sign-in anyway.
func (d *syncDialog) forgetTyped(host, kind string, ok bool) {
	d.webhook.SetText("")
	d.secret.SetText("")
	d.refresh.SetText("")
	d.setSaved(host, kind, ok)
}

// refreshState enables the buttons that make sense now.
func (d *syncDialog) refreshState() {
	busy := d.busy != nil
	ready := d.plan != nil && !d.plan.NoConnector && d.plan.Unresolved() == 0 && !busy
	setEnabled(d.pull, !busy)
	setEnabled(d.apply, ready)
	setEnabled(d.cancel, busy)
	conflicts := d.plan != nil && d.plan.Summary().Conflicts > 0
	setEnabled(d.allMine, conflicts && !busy)
	setEnabled(d.allTheir, conflicts && !busy)
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// run starts work off the UI goroutine; done runs back on it.
func (d *syncDialog) run(work func(ctx context.Context) func()) {
	ctx, cancel := context.WithCancel(context.Background())
	d.busy = cancel
	d.refreshState()
	d.jobs.Add(1)
	go func() {
		defer d.jobs.Done()
		after := work(ctx)
		fyne.Do(func() {
			cancel()
			d.busy = nil
			if after != nil {
				after()
			}
			d.refreshState()
		})
	}()
}

// stop cancels the work running, if any.
func (d *syncDialog) stop() {
	if d.busy != nil {
		d.busy()
	}
}

// startPull connects with what the fields hold (or the saved credentials) and pulls.
func (d *syncDialog) startPull() {
	hook := strings.TrimSpace(d.webhook.Text)
	oauth := d.mode.Selected == d.mode.Options[connOAuth]
	o := [4]string{d.endpoint.Text, d.clientID.Text, d.secret.Text, d.refresh.Text}
	fresh := oauth && o[1] != "" && o[2] != "" && o[3] != ""
	d.summary.SetText(lang.L("Reading the portal…"))
	d.progress.SetValue(0)
	d.run(func(ctx context.Context) func() {
		var err error
		switch {
		case !oauth && hook != "":
			_, err = d.svc.ConnectWebhook(ctx, hook)
		case fresh:
			_, err = d.svc.ConnectOAuth(ctx, o[0], o[1], o[2], o[3])
		}
		if err != nil {
			return d.failed(ctx, lang.L("Could not connect to the portal"), err)
		}
		if !oauth && hook != "" || fresh {
			host, kind, ok := d.svc.Saved(d.doc)
			fyne.Do(func() { d.forgetTyped(host, kind, ok) })
		}
		p, err := d.svc.Pull(ctx, d.doc)
		if err != nil {
			return d.failed(ctx, lang.L("Could not pull from the portal"), err)
		}
		return func() { d.setPlan(p) }
	})
}

// failed returns the UI update that reports an error; a cancellation is reported quietly.
func (d *syncDialog) failed(ctx context.Context, what string, err error) func() {
	cancelled := ctx.Err() != nil || errors.Is(err, context.Canceled)
	return func() {
		if cancelled {
			d.summary.SetText(lang.L("Cancelled."))
			return
		}
		d.summary.SetText(what)
		d.showError(what, err)
	}
}

// showError shows what failed and why; the dialog stays usable.
func (d *syncDialog) showError(what string, err error) {
	head := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	detail := widget.NewLabel(capitalize(err.Error()))
	detail.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.NewColoredResource(theme.ErrorIcon(), theme.ColorNameError))
	body := container.NewBorder(nil, nil, container.NewVBox(icon), nil, container.NewVBox(head, detail))
	dlg := dialog.NewCustom(lang.L("Error"), lang.L("Close"), body, d.win)
	dlg.Resize(fyne.NewSize(560, 240))
	dlg.Show()
}

// setPlan shows a plan: the tree, the summary and the conflicts to choose.
func (d *syncDialog) setPlan(p *plan.Plan) {
	d.plan = p
	d.nodes.build(p)
	d.tree.Refresh()
	d.tree.OpenAllBranches()
	d.buildChoices()
	d.showSummary()
}

// showSummary says what the plan would do.
func (d *syncDialog) showSummary() {
	p := d.plan
	switch {
	case p == nil:
	case p.NoConnector:
		d.summary.SetText(lang.L("{{.Host}} has no RoboDesk connector: its pipelines, stages, fields and users were pulled into the project, but robots cannot be read or written there. Export them to files instead.", map[string]any{"Host": p.Host}))
	case len(p.Changed()) == 0:
		d.summary.SetText(lang.L("No changes: the project and {{.Host}} hold the same robots.", map[string]any{"Host": p.Host}))
	default:
		s := p.Summary()
		text := lang.L("{{.Host}}: {{.Push}} to push (+{{.Added}} ~{{.Changed}} -{{.Removed}}), {{.Take}} to take from the portal",
			map[string]any{"Host": p.Host, "Push": s.Push, "Added": s.Added, "Changed": s.Changed, "Removed": s.Removed, "Take": s.Take})
		if s.Conflicts > 0 {
			text += "; " + lang.N("{{.Count}} conflict", s.Conflicts, map[string]any{"Count": s.Conflicts})
			if s.Unresolved > 0 {
				text += " — " + lang.L("choose mine or theirs for each below")
			}
		}
		if s.Blocked > 0 {
			text += "; " + lang.N("{{.Count}} stage blocked", s.Blocked, map[string]any{"Count": s.Blocked})
		}
		d.summary.SetText(text)
	}
}

// buildChoices lists every conflict with a mine/theirs choice.
func (d *syncDialog) buildChoices() {
	d.choices.Objects = nil
	d.radios = map[string]*widget.RadioGroup{}
	if d.plan == nil {
		d.choices.Refresh()
		return
	}
	mine, theirs := lang.L("Mine"), lang.L("Theirs")
	for _, s := range d.plan.Stages {
		stage := s.Pipeline + " / " + s.Ref.Status
		for _, r := range s.Robots {
			if r.Action != plan.Conflict {
				continue
			}
			d.choices.Add(d.choiceRow(stage+": "+r.Label()+" — "+conflictLabel(s, r), s.Ref.String()+"|"+r.Name, r.Choice, mine, theirs,
				func(c plan.Choice) error { return d.plan.Choose(s.Ref, r.Name, c) }))
		}
		if s.Order != nil && s.Order.Action == plan.Conflict {
			d.choices.Add(d.choiceRow(stage+": "+lang.L("the order of robots changed here and on the portal"), s.Ref.String()+"|", s.Order.Choice, mine, theirs,
				func(c plan.Choice) error { return d.plan.Choose(s.Ref, "", c) }))
		}
	}
	if len(d.choices.Objects) == 0 {
		d.choices.Add(widget.NewLabel(lang.L("No conflicts.")))
	}
	d.choices.Refresh()
}

// choiceRow is one conflict: what it is, and a mine/theirs radio; key is "<stage>|<robot Name>",
// with an empty Name for the stage's order.
func (d *syncDialog) choiceRow(text, key string, current plan.Choice, mine, theirs string, choose func(plan.Choice) error) fyne.CanvasObject {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	radio := widget.NewRadioGroup([]string{mine, theirs}, nil)
	radio.Horizontal = true
	switch current {
	case plan.Mine:
		radio.Selected = mine
	case plan.Theirs:
		radio.Selected = theirs
	}
	radio.OnChanged = func(s string) {
		c := plan.Choice("")
		switch s {
		case mine:
			c = plan.Mine
		case theirs:
			c = plan.Theirs
		}
		if c == "" {
			return
		}
		if err := choose(c); err != nil {
			d.showError(lang.L("Could not record the choice"), err)
			return
		}
		d.nodes.build(d.plan)
		d.tree.Refresh()
		d.showSummary()
		d.refreshState()
	}
	d.radios[key] = radio
	return container.NewBorder(nil, nil, nil, radio, label)
}

// chooseAll resolves every conflict one way.
func (d *syncDialog) chooseAll(c plan.Choice) {
	if d.plan == nil {
		return
	}
	d.plan.ChooseAll(c)
	d.buildChoices()
	d.nodes.build(d.plan)
	d.tree.Refresh()
	d.showSummary()
	d.refreshState()
}

// startApply applies the plan with a progress bar; Cancel stops between stages.
func (d *syncDialog) startApply() {
	p := d.plan
	if p == nil {
		return
	}
	d.summary.SetText(lang.L("Applying…"))
	d.progress.SetValue(0)
	d.run(func(ctx context.Context) func() {
		res, err := d.svc.Apply(ctx, d.doc, p, func(done, total int) {
			fyne.Do(func() {
				if total > 0 {
					d.progress.SetValue(float64(done) / float64(total))
				}
			})
		})
		if err != nil {
			return d.failed(ctx, lang.L("The plan was not applied"), err)
		}
		return func() {
			// A plan is used once: what is left shows on the next pull.
			d.plan = nil
			d.nodes.build(nil)
			d.tree.Refresh()
			d.buildChoices()
			d.progress.SetValue(1)
			d.showResult(res)
		}
	})
}

// showResult says what applying did; stages not applied are listed in a dialog.
func (d *syncDialog) showResult(res *plan.Result) {
	text := lang.N("Applied {{.Count}} stage to {{.Host}}.", len(res.Applied), map[string]any{"Count": len(res.Applied), "Host": res.Host})
	if res.Complete() {
		d.summary.SetText(text)
		return
	}
	text += " " + lang.N("{{.Count}} stage not applied: nothing was lost, pull and apply again to finish.", len(res.NotApplied),
		map[string]any{"Count": len(res.NotApplied)})
	if res.Cancelled {
		text = lang.L("Cancelled.") + " " + text
	}
	d.summary.SetText(text)
	var lines []string
	for _, o := range res.NotApplied {
		lines = append(lines, fmt.Sprintf("%s: %s", o.Stage, o.Reason))
	}
	d.showError(text, errors.New(strings.Join(lines, "\n")))
}

// conflictLabel says what each side did to a robot in conflict.
func conflictLabel(s *plan.Stage, r *plan.Robot) string {
	if !s.Synced {
		return lang.L("differs from the portal's (never synced)")
	}
	verb := func(k plan.Kind, here bool) string {
		switch {
		case k == plan.Removed && here:
			return lang.L("removed here")
		case k == plan.Removed:
			return lang.L("removed on the portal")
		case k == plan.Added && here:
			return lang.L("added here")
		case k == plan.Added:
			return lang.L("added on the portal")
		case here:
			return lang.L("changed here")
		}
		return lang.L("changed on the portal")
	}
	return verb(r.Local.Kind, true) + ", " + verb(r.Remote.Kind, false)
}
