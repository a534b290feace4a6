package fake

import (
	"encoding/json"
	"fmt"

	"robodesk/model"
)

// Data is what the emulated portal holds: the reference data as a model snapshot and, per stage,
// its robot template as Bitrix24's raw ROBOTS JSON with the template's revision.
type Data struct {
	Portal    *model.Portal
	Templates map[model.StageRef]*Template
}

// Template is the robot template of one stage. Robots are kept as the exact JSON array the
// last writer sent; the emulator never interprets them.
type Template struct {
	// Revision counts successful writes; a stage never written has revision 0 and no robots.
	Revision int
	Robots   json.RawMessage
	// ExternalModified marks a template changed in the business-process designer: the robot
	// editor cannot show it, and the connector refuses to overwrite it.
	ExternalModified bool
}

// FromPortal builds the emulator's data from a snapshot, deep-copied so the emulator can be
// changed without touching the caller's portal. It starts with no robots.
func FromPortal(p *model.Portal) *Data {
	cp := &model.Portal{}
	if p != nil {
		b, err := json.Marshal(p)
		if err != nil {
			panic(fmt.Sprintf("fake: copy portal: %v", err)) // model types always marshal
		}
		if err := json.Unmarshal(b, cp); err != nil {
			panic(fmt.Sprintf("fake: copy portal: %v", err))
		}
	}
	return &Data{Portal: cp, Templates: map[model.StageRef]*Template{}}
}

// SetRobots stores robots (a JSON array) as the template of a stage, as a new revision.
func (d *Data) SetRobots(ref model.StageRef, robots json.RawMessage) error {
	if _, _, _, err := d.Portal.Stage(ref); err != nil {
		return fmt.Errorf("set robots of %s: %w", ref, err)
	}
	if !isJSONArray(robots) {
		return fmt.Errorf("set robots of %s: ROBOTS must be a JSON array", ref)
	}
	t := d.Templates[ref]
	if t == nil {
		t = &Template{}
		d.Templates[ref] = t
	}
	t.Revision++
	t.Robots = append(json.RawMessage(nil), robots...)
	return nil
}

// SetExternalModified marks the template of a stage as changed in the business-process
// designer (or clears the mark), without a new revision.
func (d *Data) SetExternalModified(ref model.StageRef, on bool) error {
	if _, _, _, err := d.Portal.Stage(ref); err != nil {
		return fmt.Errorf("mark %s: %w", ref, err)
	}
	t := d.Templates[ref]
	if t == nil {
		t = &Template{Robots: json.RawMessage("[]")}
		d.Templates[ref] = t
	}
	t.ExternalModified = on
	return nil
}

// template returns the template of a stage; an unwritten stage reads as revision 0, no robots.
func (d *Data) template(ref model.StageRef) Template {
	if t := d.Templates[ref]; t != nil {
		return *t
	}
	return Template{Robots: json.RawMessage("[]")}
}

func isJSONArray(b json.RawMessage) bool {
	var list []json.RawMessage
	return json.Unmarshal(b, &list) == nil && list != nil
}
