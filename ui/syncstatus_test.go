package ui

import (
	"strings"
	"testing"

	"robodesk/model"
	"robodesk/sync/creds"
	"robodesk/sync/engine"
)

// The status bar tells the last sync and the local changes not pushed, and follows edits.
func TestStatusBarSyncLine(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	if td.status.sync.Visible() || !td.head.sync.Disabled() {
		t.Fatal("without a sync service the line shows or the button is enabled")
	}
	cs, err := creds.Open(creds.Options{Dir: t.TempDir(), NoKeyring: true})
	if err != nil {
		t.Fatal(err)
	}
	td.SetSync(engine.New(engine.Options{Creds: cs}))
	before := td.status.sync.Text
	if !td.status.sync.Visible() || !strings.Contains(before, "Not synced yet") || td.head.sync.Disabled() {
		t.Fatalf("line %q (visible %v), button disabled %v", before, td.status.sync.Visible(), td.head.sync.Disabled())
	}
	r := td.robot("Уведомление о новой сделке")
	if _, err := td.doc.Do(model.Copy{IDs: []string{r.ID}, To: model.StageRef{Entity: "DEAL", Status: "WON"}, Index: -1}); err != nil {
		t.Fatal(err)
	}
	td.drain()
	if td.status.sync.Text == before {
		t.Fatalf("the sync line did not follow an edit: %q", before)
	}
	td.rebuild()
	if !td.status.sync.Visible() || td.status.sync.Text == "" {
		t.Fatal("the sync line is lost when the views are rebuilt")
	}
}
