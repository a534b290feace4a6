package plan

import (
	"robodesk/model"
)

// Outcome is what applying the plan did to one stage.
type Outcome struct {
	Stage model.StageRef `json:"stage"`
	// Pushed says the portal now holds the merged robots, at Revision.
	Pushed   bool   `json:"pushed,omitempty"`
	Revision string `json:"revision,omitempty"`
	// Taken says the project took the portal's changes (one undoable edit for the whole apply).
	Taken bool `json:"taken,omitempty"`
	// Reason says why the stage was not applied; Err is the error behind it, if any.
	Reason string `json:"reason,omitempty"`
	Err    error  `json:"-"`
}

// Result is what applying a plan did. A stage is either applied (the portal and the project
// agree on it and its new base is recorded) or not applied (nothing recorded; running the sync
// again finishes it).
type Result struct {
	Host       string    `json:"portal"`
	Applied    []Outcome `json:"applied"`
	NotApplied []Outcome `json:"notApplied"`
	// Recorded counts stages already in agreement whose base was recorded, so that the next
	// plan can tell which side changed them.
	Recorded int `json:"recorded"`
	// Cancelled says apply stopped early on request.
	Cancelled bool `json:"cancelled,omitempty"`
}

// Complete reports whether every stage with something to do was applied.
func (r *Result) Complete() bool { return len(r.NotApplied) == 0 }
