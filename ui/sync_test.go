package ui

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/store"
	"robodesk/sync/bitrix24"
	"robodesk/sync/creds"
	"robodesk/sync/engine"
	"robodesk/sync/fake"
	"robodesk/sync/plan"
)

var _ SyncService = (*engine.Engine)(nil)

// syncBench is the Sync dialog over a temp project and an emulated portal.
type syncBench struct {
	t    *testing.T
	w    fyne.Window
	srv  *fake.Server
	base string
	hook string
	doc  *store.Store
	eng  *engine.Engine
	d    *syncDialog
}

func newSyncBench(t *testing.T, opts fake.Options) *syncBench {
	t.Helper()
	test.NewTempApp(t)
	setLang(t, "en")
	data := fake.Demo()
	opts.Limit = bitrix24.Limit{Rate: 200, Burst: 100}
	b := &syncBench{t: t, srv: fake.New(data, opts)}
	ts := httptest.NewServer(b.srv)
	t.Cleanup(ts.Close)
	b.base, b.hook = ts.URL, b.srv.WebhookURL(ts.URL)
	doc, err := store.Create(filepath.Join(t.TempDir(), "p.sqlite"), "ui sync", fake.FromPortal(data.Portal).Portal)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { doc.Close() })
	b.doc = doc
	cs, err := creds.Open(creds.Options{Dir: t.TempDir(), NoKeyring: true})
	if err != nil {
		t.Fatal(err)
	}
	b.eng = engine.New(engine.Options{Creds: cs, Client: bitrix24.Options{Limit: opts.Limit,
		Retry: bitrix24.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond}}})
	b.w = test.NewTempWindow(t, widget.NewLabel(""))
	b.w.Resize(fyne.NewSize(1200, 900))
	b.open()
	return b
}

// open shows a fresh dialog, as pressing Sync in the header does.
func (b *syncBench) open() {
	b.d = newSyncDialog(b.w, b.doc, b.eng)
	b.d.show()
}

// tap presses a button and waits for the work it started.
func (b *syncBench) tap(btn *widget.Button) {
	b.t.Helper()
	if btn.Disabled() {
		b.t.Fatalf("%q is disabled", btn.Text)
	}
	test.Tap(btn)
	b.d.jobs.Wait()
}

// treeText is every line of the plan tree.
func (b *syncBench) treeText() string {
	var lines []string
	var walk func(id string)
	walk = func(id string) {
		for _, c := range b.d.nodes.children[id] {
			lines = append(lines, b.d.nodes.text[c])
			walk(c)
		}
	}
	walk("")
	return strings.Join(lines, "\n")
}

// errorShown returns the text of the dialog on top (the Sync dialog itself when no error is
// shown over it).
func (b *syncBench) errorShown() string {
	top := b.w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			if r := test.TempWidgetRenderer(b.t, w); r != nil {
				for _, c := range r.Objects() {
					walk(c)
				}
			}
		}
	}
	walk(top)
	return strings.Join(texts, "\n")
}

func TestSyncDialogPullAndApply(t *testing.T) {
	b := newSyncBench(t, fake.Options{})
	d := b.d
	if !strings.Contains(d.saved.Text, "Nothing saved yet") || !d.apply.Disabled() || !d.cancel.Disabled() {
		t.Fatalf("start: %q, apply enabled %v", d.saved.Text, !d.apply.Disabled())
	}
	test.Type(d.webhook, b.hook)
	b.tap(d.pull)
	if d.webhook.Text != "" {
		t.Error("the webhook URL stays in the window after it was saved")
	}
	host := strings.TrimPrefix(b.base, "http://")
	if !strings.Contains(d.saved.Text, "Saved: webhook for "+host) {
		t.Errorf("saved: %q", d.saved.Text)
	}
	if !strings.Contains(d.summary.Text, "0 to push (+0 ~0 -0), 4 to take from the portal") {
		t.Fatalf("summary %q", d.summary.Text)
	}
	tree := b.treeText()
	for _, want := range []string{"DEAL:0 / NEW «Новая»", "+ «Письмо клиенту» (A41275_10561_61920_84519)  ← portal", "LEAD / NEW"} {
		if !strings.Contains(tree, want) {
			t.Errorf("tree lacks %q:\n%s", want, tree)
		}
	}
	if d.apply.Disabled() {
		t.Fatal("apply disabled on a plan without conflicts")
	}
	b.tap(d.apply)
	if n := b.doc.Project().RobotCount(); n != 4 {
		t.Fatalf("%d robots after apply", n)
	}
	if d.progress.Value != 1 || !strings.Contains(d.summary.Text, "Applied 3 stages to "+host) {
		t.Fatalf("progress %v, summary %q", d.progress.Value, d.summary.Text)
	}
	if got := SyncStatusText(b.doc, b.eng); !strings.Contains(got, "Last sync") || !strings.Contains(got, host) || !strings.Contains(got, "0 local changes not pushed") {
		t.Fatalf("status %q", got)
	}
	// A local edit shows in the status bar and travels on the next apply; the saved webhook is
	// used without typing it again.
	r := b.doc.Project().Robots(model.StageRef{Entity: "DEAL", Status: "WON"})[0].Clone()
	r.Properties["Title"] = "SMS после оплаты"
	if _, err := b.doc.Do(model.Update{Robots: []*model.Robot{r}}); err != nil {
		t.Fatal(err)
	}
	if got := SyncStatusText(b.doc, b.eng); !strings.Contains(got, "1 local change not pushed") {
		t.Fatalf("status %q", got)
	}
	b.open()
	b.tap(b.d.pull)
	if tree := b.treeText(); !strings.Contains(tree, `~ «SMS после оплаты» (A10293_48576_11235_81321)  → portal`) ||
		!strings.Contains(tree, `Properties.Title: "SMS клиенту" → "SMS после оплаты"`) {
		t.Fatalf("tree:\n%s", tree)
	}
	b.tap(b.d.apply)
	remote, _ := plan.DecodeRobots(b.srv.Template("DEAL", "WON").Robots)
	if remote[0].Title() != "SMS после оплаты" {
		t.Fatalf("portal holds %q", remote[0].Title())
	}
}

// A robot changed on both sides waits for a choice; Apply stays off until every conflict has
// one, and taking theirs is an undoable edit.
func TestSyncDialogConflictChoice(t *testing.T) {
	b := newSyncBench(t, fake.Options{})
	test.Type(b.d.webhook, b.hook)
	b.tap(b.d.pull)
	b.tap(b.d.apply)

	ref := model.StageRef{Entity: "DEAL", Status: "NEW"}
	mine := b.doc.Project().Robots(ref)[0].Clone()
	mine.Properties["Title"] = "мой"
	if _, err := b.doc.Do(model.Update{Robots: []*model.Robot{mine}}); err != nil {
		t.Fatal(err)
	}
	remote, _ := plan.DecodeRobots(b.srv.Template("DEAL", "NEW").Robots)
	remote[0].Properties["Title"] = "их"
	raw, _ := plan.EncodeRobots(remote)
	if err := b.srv.Edit(func(d *fake.Data) error { return d.SetRobots(ref, raw) }); err != nil {
		t.Fatal(err)
	}
	b.open()
	b.tap(b.d.pull)
	d := b.d
	if !strings.Contains(d.summary.Text, "1 conflict") || !d.apply.Disabled() {
		t.Fatalf("summary %q, apply enabled %v", d.summary.Text, !d.apply.Disabled())
	}
	if tree := b.treeText(); !strings.Contains(tree, "conflict: changed here, changed on the portal") ||
		!strings.Contains(tree, `here: Properties.Title: "Письмо клиенту" → "мой"`) || !strings.Contains(tree, `portal: Properties.Title: "Письмо клиенту" → "их"`) {
		t.Fatalf("tree:\n%s", tree)
	}
	radio := d.radios["DEAL/NEW|"+mine.Name]
	if radio == nil {
		t.Fatalf("no choice for the robot: %v", d.radios)
	}
	radio.SetSelected("Theirs")
	if d.apply.Disabled() || !strings.Contains(b.treeText(), "(take theirs)") {
		t.Fatal("the choice did not enable Apply")
	}
	b.tap(d.apply)
	if got := b.doc.Project().Robots(ref)[0].Title(); got != "их" {
		t.Fatalf("project holds %q", got)
	}
	if _, err := b.doc.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := b.doc.Project().Robots(ref)[0].Title(); got != "мой" {
		t.Fatalf("undo gives %q", got)
	}
}

// A portal without the connector: the reference data is pulled and the dialog says clearly that
// robots can only be exported there.
func TestSyncDialogWithoutConnector(t *testing.T) {
	b := newSyncBench(t, fake.Options{NoConnector: true})
	test.Type(b.d.webhook, b.hook)
	b.tap(b.d.pull)
	if !strings.Contains(b.d.summary.Text, "has no RoboDesk connector") || !strings.Contains(b.d.summary.Text, "Export them to files") {
		t.Fatalf("summary %q", b.d.summary.Text)
	}
	if !b.d.apply.Disabled() {
		t.Fatal("apply enabled without a connector")
	}
	if b.doc.Project().Portal.PulledAt.IsZero() {
		t.Fatal("the reference data was not pulled")
	}
}

// A wrong webhook shows an error dialog without the secret; nothing is saved.
func TestSyncDialogErrors(t *testing.T) {
	b := newSyncBench(t, fake.Options{WebhookCode: "rightc0de"})
	test.Type(b.d.webhook, strings.Replace(b.hook, "rightc0de", "wrongc0de", 1))
	b.tap(b.d.pull)
	shown := b.errorShown()
	if !strings.Contains(shown, "Could not connect to the portal") || !strings.Contains(shown, "NO_AUTH_FOUND") {
		t.Fatalf("error dialog: %q", shown)
	}
	if strings.Contains(shown, "wrongc0de") {
		t.Fatal("the error shows the webhook code")
	}
	if _, _, ok := b.eng.Saved(b.doc); ok {
		t.Fatal("wrong credentials were saved")
	}
}

// Cancel stops a pull that hangs on a slow portal.
func TestSyncDialogCancel(t *testing.T) {
	b := newSyncBench(t, fake.Options{})
	test.Type(b.d.webhook, b.hook)
	b.tap(b.d.pull) // connect and save first, quickly
	slow := fake.New(fake.Demo(), fake.Options{Latency: time.Minute, WebhookCode: "slowc0de"})
	ts := httptest.NewServer(slow)
	defer ts.Close()
	test.Type(b.d.webhook, slow.WebhookURL(ts.URL))
	test.Tap(b.d.pull)
	if b.d.cancel.Disabled() || !b.d.pull.Disabled() {
		t.Fatal("cancel is not offered while pulling")
	}
	test.Tap(b.d.cancel)
	b.d.jobs.Wait()
	if b.d.summary.Text != "Cancelled." || b.d.pull.Disabled() {
		t.Fatalf("after cancel: %q", b.d.summary.Text)
	}
}

// An OAuth application signs in through the dialog; its secrets leave the window once saved.
func TestSyncDialogOAuth(t *testing.T) {
	b := newSyncBench(t, fake.Options{OAuth: &fake.OAuthOptions{ClientID: "local.app", ClientSecret: "app-secret"}})
	_, refresh := b.srv.IssueTokens(-time.Minute)
	d := b.d
	d.mode.SetSelected("OAuth application")
	if d.oauthBox.Hidden || !d.hookBox.Hidden {
		t.Fatal("the OAuth fields are not shown")
	}
	test.Type(d.endpoint, b.base)
	test.Type(d.clientID, "local.app")
	test.Type(d.secret, "app-secret")
	test.Type(d.refresh, refresh)
	b.tap(d.pull)
	host := strings.TrimPrefix(b.base, "http://")
	if !strings.Contains(d.summary.Text, "4 to take from the portal") || d.secret.Text != "" || d.refresh.Text != "" {
		t.Fatalf("summary %q, secret left %v", d.summary.Text, d.secret.Text != "")
	}
	if !strings.Contains(d.saved.Text, "Saved: OAuth application for "+host) {
		t.Fatalf("saved %q", d.saved.Text)
	}
	// Pulling again uses the saved, refreshed tokens; the spent refresh token is not needed.
	b.tap(d.pull)
	if shown := b.errorShown(); d.plan == nil || strings.Contains(shown, "Could not") {
		t.Fatalf("second pull: %q", shown)
	}
}
