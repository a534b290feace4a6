package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"robodesk/model"
	"robodesk/model/lint"
	"robodesk/model/sample"
)

// openProblems opens the Problems list from the status bar's count and waits for the linter.
func (td *testDesk) openProblems() *problemsList {
	td.t.Helper()
	test.Tap(td.status.checks)
	pl := td.dialogs.problems
	if pl == nil {
		td.t.Fatal("the status bar's count opened no Problems list")
	}
	pl.jobs.Wait()
	return pl
}

// TestProblemsListsLintFindings checks the list holds what the linter finds in the project,
// grouped errors first, and that a click on a finding shows its robot: on the board, selected,
// in the editor, switching pipelines when it is in another one.
func TestProblemsListsLintFindings(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	pl := td.openProblems()
	samples, err := sample.LoadAll(td.doc, td.doc.Project().Portal)
	if err != nil {
		t.Fatal(err)
	}
	want := lint.Lint(td.doc.Project(), samples, time.Now())
	if len(pl.found) != len(want) || len(pl.rows) != len(want) {
		t.Fatalf("the list has %d rows of %d findings, the linter finds %d", len(pl.rows), len(pl.found), len(want))
	}
	rank := map[model.Severity]int{model.SevError: 0, model.SevWarning: 1, model.SevInfo: 2}
	for i := 1; i < len(pl.rows); i++ {
		if rank[pl.rows[i].f.Severity] < rank[pl.rows[i-1].f.Severity] {
			t.Fatalf("row %d (%s) follows a %s: not grouped by severity", i, pl.rows[i].f.Severity, pl.rows[i-1].f.Severity)
		}
	}

	for _, tc := range []struct {
		name, code, robot, pipeline string
		says                        string
	}{
		{"too long in this pipeline", lint.CodeTooLong, "SMS логисту об отгрузке", "DEAL:0", "over the limit of 200"},
		{"outside hours in the lead pipeline", lint.CodeOutsideHours, "WhatsApp новому лиду", "LEAD", "outside working hours"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var row *problemRow
			for _, r := range pl.rows {
				if r.f.Code == tc.code && r.f.Title == tc.robot {
					row = r
				}
			}
			if row == nil {
				t.Fatalf("no %s finding for «%s»", tc.code, tc.robot)
			}
			if !strings.Contains(row.message, tc.says) || !strings.Contains(row.where, "«"+tc.robot+"»") {
				t.Errorf("row says %q at %q", row.message, row.where)
			}
			test.Tap(row)
			id := td.robot(tc.robot).ID
			if td.key.String() != tc.pipeline {
				t.Errorf("board shows %s, want %s", td.key, tc.pipeline)
			}
			if td.editor.id != id {
				t.Errorf("editor shows %q, want «%s»", td.editor.id, tc.robot)
			}
			if sel := td.board.selected(); len(sel) != 1 || sel[0] != id {
				t.Errorf("selection %v, want only «%s»", sel, tc.robot)
			}
		})
	}
}

// TestProblemsFollowEdits switches a robot's text to a failing calculation, checks the list
// shows the new error on «Check again» and narrows to the pipeline shown when asked.
func TestProblemsFollowEdits(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	r := td.robot("Уведомление о новой сделке").Clone()
	r.Properties["MessageText"] = "Сделка {=Document:TITLE}: {{=foo(1)}}"
	if _, err := td.exec(model.Update{Robots: []*model.Robot{r}}); err != nil {
		t.Fatal(err)
	}
	pl := td.openProblems()
	var errs []*problemRow
	for _, row := range pl.rows {
		if row.f.Severity == model.SevError {
			errs = append(errs, row)
		}
	}
	if len(errs) == 0 || errs[0].f.Code != lint.CodeCalcError || !strings.Contains(errs[0].message, "at character 30 fails (Unknown function \"foo\")") {
		for _, e := range errs {
			t.Logf("%s %s: %s", e.f.Code, e.where, e.message)
		}
		t.Fatal("want the failing calculation first among the errors")
	}
	all := len(pl.rows)
	pl.only.SetChecked(true)
	for _, row := range pl.rows {
		if row.f.Stage.Entity != "DEAL" || strings.HasPrefix(row.f.Stage.Status, "C1:") {
			t.Errorf("«only the pipeline shown» lists %s", row.f.Stage)
		}
	}
	if len(pl.rows) == 0 || len(pl.rows) >= all {
		t.Errorf("the pipeline's rows: %d of %d", len(pl.rows), all)
	}
}

// TestToolShortcuts presses each dialog's shortcut and checks the dialog opens, on the stage
// clicked last where it takes a stage.
func TestToolShortcuts(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	test.Tap(td.board.byStage[td.ref("EXECUTING")])
	for _, tc := range []struct {
		key    fyne.KeyName
		opened func() bool
	}{
		{fyne.KeyT, func() bool { return td.dialogs.timeline != nil && td.dialogs.timeline.ref == td.ref("EXECUTING") }},
		{fyne.KeyM, func() bool { return td.dialogs.gallery != nil && td.dialogs.gallery.ref == td.ref("EXECUTING") }},
		{fyne.KeyP, func() bool {
			if pl := td.dialogs.problems; pl != nil {
				pl.jobs.Wait()
				return true
			}
			return false
		}},
		{fyne.KeyE, func() bool { return td.dialogs.samples != nil && td.dialogs.samples.entity.ID == "DEAL" }},
		{fyne.KeyK, func() bool { return td.dialogs.calendar != nil }},
	} {
		td.shortcut(&desktop.CustomShortcut{KeyName: tc.key, Modifier: fyne.KeyModifierShortcutDefault})
		if !tc.opened() {
			t.Errorf("Ctrl+%s opened nothing", tc.key)
		}
	}
}
