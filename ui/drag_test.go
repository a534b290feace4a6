package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"

	"robodesk/model"
)

// TestDragGestures drives cards of the demo's sales pipeline through the board as the driver
// would, and checks the project in memory, the project file, and that one undo restores both.
func TestDragGestures(t *testing.T) {
	const (
		call     = "Позвонить клиенту"
		notify   = "Уведомление о новой сделке"
		whatsapp = "Приветствие клиенту в WhatsApp"
		proposal = "Подготовить коммерческое предложение"
	)
	cases := []struct {
		name string
		// robot to drag, and where to drop it.
		robot string
		to    func(td *testDesk) fyne.Position
		press press
		// want checks the outcome; changed says whether an edit is expected.
		changed bool
		want    func(t *testing.T, td *testDesk, dragged *model.Robot)
	}{
		{
			name: "move to another stage", robot: call,
			to:      func(td *testDesk) fyne.Position { return td.above(td.robot(proposal).ID) },
			changed: true,
			want: func(t *testing.T, td *testDesk, r *model.Robot) {
				if got := td.order("PREPARATION"); got[0] != call || len(got) != 3 {
					t.Errorf("PREPARATION = %v, want %q first of 3", got, call)
				}
				if contains(td.order("NEW"), call) {
					t.Errorf("NEW still has %q: %v", call, td.order("NEW"))
				}
				moved, ref, _, _ := td.doc.Project().Robot(r.ID)
				if ref.Status != "PREPARATION" || moved.Name != r.Name {
					t.Errorf("moved robot is %s in %v, want same ID and name in PREPARATION", moved.Name, ref)
				}
			},
		},
		{
			name: "move to the end of another stage", robot: notify,
			to:      func(td *testDesk) fyne.Position { return td.below("PREPAYMENT_INVOICE") },
			changed: true,
			want: func(t *testing.T, td *testDesk, r *model.Robot) {
				got := td.order("PREPAYMENT_INVOICE")
				if got[len(got)-1] != notify {
					t.Errorf("PREPAYMENT_INVOICE = %v, want %q last", got, notify)
				}
			},
		},
		{
			name: "ctrl-drag copies", robot: call, press: press{ctrlDown: true, ctrlUp: true},
			to:      func(td *testDesk) fyne.Position { return td.above(td.robot(proposal).ID) },
			changed: true,
			want: func(t *testing.T, td *testDesk, r *model.Robot) {
				checkCopy(t, td, r, "PREPARATION", 0)
			},
		},
		{
			name: "ctrl pressed only at release copies", robot: call, press: press{ctrlUp: true},
			to:      func(td *testDesk) fyne.Position { return td.below("PREPARATION") },
			changed: true,
			want: func(t *testing.T, td *testDesk, r *model.Robot) {
				checkCopy(t, td, r, "PREPARATION", 2)
			},
		},
		{
			name: "ctrl held at mouse-down copies", robot: whatsapp, press: press{ctrlDown: true},
			to:      func(td *testDesk) fyne.Position { return td.below("NEW") },
			changed: true,
			want: func(t *testing.T, td *testDesk, r *model.Robot) {
				checkCopy(t, td, r, "NEW", 4)
			},
		},
		{
			name: "reorder within a stage", robot: notify,
			to:      func(td *testDesk) fyne.Position { return td.above(td.robot(call).ID) },
			changed: true,
			want: func(t *testing.T, td *testDesk, r *model.Robot) {
				want := []string{"Письмо ответственному о новой сделке", whatsapp, notify, call}
				if got := td.order("NEW"); !reflect.DeepEqual(got, want) {
					t.Errorf("NEW = %v, want %v", got, want)
				}
			},
		},
		{
			name: "reorder to the top", robot: call,
			to:      func(td *testDesk) fyne.Position { return td.above(td.robot(notify).ID) },
			changed: true,
			want: func(t *testing.T, td *testDesk, r *model.Robot) {
				if got := td.order("NEW"); got[0] != call {
					t.Errorf("NEW = %v, want %q first", got, call)
				}
			},
		},
		{
			name: "drop back in place changes nothing", robot: whatsapp,
			to: func(td *testDesk) fyne.Position { return td.above(td.robot(call).ID) },
		},
		{
			name: "Esc cancels", robot: call,
			to: func(td *testDesk) fyne.Position { return td.above(td.robot(proposal).ID) },
		},
		{
			name: "release outside the stages cancels", robot: call,
			to: func(td *testDesk) fyne.Position {
				// Above the board, over the header.
				return td.abs(td.head.search).Add(fyne.NewPos(10, 10))
			},
		},
		{
			name: "release past the last stage cancels", robot: call,
			to: func(td *testDesk) fyne.Position {
				last := td.board.cols[len(td.board.cols)-1]
				return td.abs(last).Add(fyne.NewPos(last.Size().Width+colGap+30, 200))
			},
		},
		{
			name: "a tiny drag is a click that opens the editor", robot: whatsapp, press: press{steps: 2},
			to: func(td *testDesk) fyne.Position {
				return td.abs(td.card(td.robot(whatsapp).ID)).Add(fyne.NewPos(43, 14))
			},
			want: func(t *testing.T, td *testDesk, r *model.Robot) {
				if td.editor.id != r.ID || !td.editor.box.Visible() {
					t.Errorf("editor shows %q (visible %v), want the clicked robot", td.editor.id, td.editor.box.Visible())
				}
				if got := td.board.selected(); len(got) != 1 || got[0] != r.ID {
					t.Errorf("selection = %v, want the clicked robot", got)
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			td := newTestDesk(t, "DEAL:0")
			before := td.inMemory()
			r := td.robot(tc.robot).Clone()
			g := tc.press
			if tc.name == "Esc cancels" {
				g.during = func() {
					if !td.board.drag.dragging() || !td.board.ghost.box.Visible() || !td.board.line.Visible() {
						t.Error("no drag under way before Esc: ghost or insertion line missing")
					}
					td.press(fyne.KeyEscape)
				}
			}
			td.drag(r.ID, tc.to(td), g)
			if td.board.ghost.box.Visible() || td.board.line.Visible() {
				t.Error("ghost or insertion line still shown after the release")
			}
			after := td.inMemory()
			if changed := diffSnap(before, after) != ""; changed != tc.changed {
				t.Fatalf("changed = %v, want %v:\n%s", changed, tc.changed, diffSnap(before, after))
			}
			if tc.want != nil {
				tc.want(t, td, r)
			}
			td.checkDisk()
			if !tc.changed {
				if td.doc.CanUndo() {
					t.Error("a gesture that changed nothing left an undo step")
				}
				return
			}
			td.undo()
			if diff := diffSnap(before, td.inMemory()); diff != "" {
				t.Fatalf("undo did not restore the pipeline:\n%s", diff)
			}
			td.checkDisk()
			if td.doc.CanUndo() {
				t.Error("the gesture took more than one undo step")
			}
		})
	}
}

// checkCopy checks that a stage got a copy of r at index: a new ID and Name, the same settings,
// and that r itself stayed where it was.
func checkCopy(t *testing.T, td *testDesk, r *model.Robot, status string, index int) {
	t.Helper()
	if _, _, _, ok := td.doc.Project().Robot(r.ID); !ok {
		t.Fatal("the original is gone")
	}
	robots := td.doc.Project().Robots(td.ref(status))
	if index >= len(robots) {
		t.Fatalf("%s has %d robots, want a copy at %d", status, len(robots), index)
	}
	cp := robots[index]
	if cp.ID == r.ID || cp.Name == r.Name {
		t.Fatalf("copy at %d has ID %s and name %s: want new ones (original %s, %s)", index, cp.ID, cp.Name, r.ID, r.Name)
	}
	if cp.DelayName != "" && cp.DelayName == r.DelayName {
		t.Errorf("copy kept the delay name %s", cp.DelayName)
	}
	same := cp.Clone()
	same.Name, same.DelayName = r.Name, r.DelayName
	if !model.Equal(same, r) {
		a, _ := same.MarshalJSON()
		b, _ := r.MarshalJSON()
		t.Errorf("copy's settings differ:\n%s\n%s", a, b)
	}
	if sel := td.board.selected(); len(sel) != 1 || sel[0] != cp.ID {
		t.Errorf("selection = %v, want the copy", sel)
	}
}
