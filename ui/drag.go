package ui

import (
	"fyne.io/fyne/v2"

	"robodesk/model"
)

// clickSlop is how far, in either direction, a press may travel and still be a click. The
// driver starts a drag after 2px; a hand that wobbles a little while clicking should still
// open the editor.
const clickSlop = 6

// gesture is what a press on a card amounts to once released.
type gesture int

const (
	gestureNone   gesture = iota // no press in progress (or it was already cancelled)
	gestureClick                 // the pointer stayed within clickSlop
	gestureDrop                  // released over a column: a move or a copy
	gestureCancel                // released outside every column
)

// dragState follows one press on a card from mouse-down to release. It knows nothing of
// widgets: the board feeds it pointer positions in window coordinates.
type dragState struct {
	ids   []string
	from  model.StageRef
	press fyne.Position
	at    fyne.Position
	// ctrl records the copy modifier seen at mouse-down or while dragging.
	ctrl      bool
	active    bool
	moved     bool
	cancelled bool
}

// begin starts following a press on robots ids of a stage.
func (d *dragState) begin(ids []string, from model.StageRef, at fyne.Position, ctrl bool) {
	*d = dragState{ids: ids, from: from, press: at, at: at, ctrl: ctrl, active: true}
}

// moveTo records the pointer; started is true the one time it first leaves the click slop.
func (d *dragState) moveTo(at fyne.Position) (started bool) {
	if !d.active || d.cancelled {
		return false
	}
	d.at = at
	if d.moved {
		return false
	}
	dx, dy := at.X-d.press.X, at.Y-d.press.Y
	if dx > clickSlop || dx < -clickSlop || dy > clickSlop || dy < -clickSlop {
		d.moved = true
		return true
	}
	return false
}

// dragging reports a drag under way: past the slop and not cancelled.
func (d *dragState) dragging() bool { return d.active && d.moved && !d.cancelled }

// cancel abandons a drag under way (Esc); it reports whether there was one to cancel.
func (d *dragState) cancel() bool {
	if !d.dragging() {
		return false
	}
	d.cancelled = true
	return true
}

// copying tells a drop to copy: the modifier was held at mouse-down, or is held now. Reading
// both covers drivers that report modifiers only with mouse events and users who press the
// key only after they started to drag.
func (d *dragState) copying(ctrlNow bool) bool { return d.ctrl || ctrlNow }

// finish ends the press; overColumn tells whether the pointer is over a column now.
func (d *dragState) finish(overColumn bool) gesture {
	defer func() { d.active = false }()
	switch {
	case !d.active || d.cancelled:
		return gestureNone
	case !d.moved:
		return gestureClick
	case overColumn:
		return gestureDrop
	}
	return gestureCancel
}
