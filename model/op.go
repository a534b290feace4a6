package model

import (
	"encoding/json"
	"fmt"
	"sort"
)

// OpKind is a primitive change a command breaks down into.
type OpKind string

// Primitive operations: every edit, its undo and its redo are lists of these, so the store has
// exactly three things to persist.
const (
	// OpPut places a robot (new or existing) at a stage and position with the given content.
	OpPut OpKind = "put"
	// OpDelete removes a robot.
	OpDelete OpKind = "delete"
	// OpStage sets a stage template's meta data (template ID, triggers, external flag).
	OpStage OpKind = "stage"
)

// Op is one primitive change.
type Op struct {
	Kind  OpKind     `json:"op"`
	ID    string     `json:"id,omitempty"`
	Stage StageRef   `json:"stage"`
	Pos   float64    `json:"pos,omitempty"`
	Robot *Robot     `json:"robot,omitempty"`
	Meta  *StageMeta `json:"meta,omitempty"`
	// same marks a decoded undo op whose robot is its forward op's, until DecodeOps sets it.
	same bool
}

// Change is what a command does: the forward ops and the ops that undo them.
type Change struct {
	// Label is the command's verb: add, edit, delete, move, copy, reorder, toggle, import...
	Label string `json:"label"`
	// Subject is the title of the one robot changed, or empty when several were.
	Subject string `json:"subject,omitempty"`
	// Count is how many robots the command was about.
	Count int  `json:"count"`
	Do    []Op `json:"do"`
	Undo  []Op `json:"undo"`
}

// LabelPortal marks the change announced when the portal snapshot is replaced (a pull): it
// carries no ops, and views rebuild what depends on pipelines, stages, fields and users.
const LabelPortal = "portal"

// Empty reports a change that changes nothing.
func (c Change) Empty() bool { return len(c.Do) == 0 }

// Stages lists the stages a change touches, for views that refresh only those.
func (c Change) Stages() []StageRef {
	seen := map[StageRef]bool{}
	var out []StageRef
	for _, ops := range [][]Op{c.Do, c.Undo} {
		for _, op := range ops {
			if !seen[op.Stage] {
				seen[op.Stage] = true
				out = append(out, op.Stage)
			}
		}
	}
	return out
}

// Inverse is the change that undoes c.
func (c Change) Inverse() Change {
	c.Do, c.Undo = c.Undo, c.Do
	return c
}

// Apply performs ops on the in-memory project. Ops come from a Change computed against this
// project, so they always apply; an op that does not fit is a programming error and is reported.
func (p *Project) Apply(ops []Op) error {
	for i, op := range ops {
		if err := p.apply(op); err != nil {
			return fmt.Errorf("op %d (%s %s): %w", i, op.Kind, op.ID, err)
		}
	}
	return nil
}

func (p *Project) apply(op Op) error {
	switch op.Kind {
	case OpPut:
		if op.Robot == nil || op.ID == "" {
			return fmt.Errorf("put without robot")
		}
		p.remove(op.ID)
		r := op.Robot.Clone()
		r.ID, r.Pos = op.ID, op.Pos
		t := p.templates[op.Stage]
		if t == nil {
			t = &Template{Stage: op.Stage}
			p.templates[op.Stage] = t
		}
		i := sort.Search(len(t.Robots), func(i int) bool { return t.Robots[i].Pos > r.Pos })
		t.Robots = append(t.Robots, nil)
		copy(t.Robots[i+1:], t.Robots[i:])
		t.Robots[i] = r
		p.where[r.ID] = op.Stage
	case OpDelete:
		if !p.remove(op.ID) {
			return fmt.Errorf("no robot %s", op.ID)
		}
	case OpStage:
		t := p.templates[op.Stage]
		if t == nil {
			t = &Template{Stage: op.Stage}
			p.templates[op.Stage] = t
		}
		if op.Meta != nil {
			t.Meta = *op.Meta
		} else {
			t.Meta = StageMeta{}
		}
	default:
		return fmt.Errorf("unknown op kind %q", op.Kind)
	}
	return nil
}

func (p *Project) remove(id string) bool {
	ref, ok := p.where[id]
	if !ok {
		return false
	}
	t := p.templates[ref]
	for i, r := range t.Robots {
		if r.ID == id {
			t.Robots = append(t.Robots[:i], t.Robots[i+1:]...)
			break
		}
	}
	delete(p.where, id)
	return true
}

// MarshalJSON encodes an op for the journal; the robot's local ID and position travel in the op.
func (op Op) MarshalJSON() ([]byte, error) {
	w := newWriter()
	op.write(w, nil)
	return w.bytes()
}

func (op Op) write(w *jsonWriter, body []byte) {
	w.open('{')
	w.key("op")
	w.value(string(op.Kind))
	if op.ID != "" {
		w.key("id")
		w.value(op.ID)
	}
	w.key("stage")
	w.open('{')
	w.key("entity")
	w.value(op.Stage.Entity)
	w.key("status")
	w.value(op.Stage.Status)
	w.close('}')
	if op.Pos != 0 {
		w.key("pos")
		w.value(op.Pos)
	}
	if op.Robot != nil || body != nil {
		w.key("robot")
		if body != nil {
			w.raw(body)
		} else {
			op.Robot.write(w)
		}
	}
	if op.Meta != nil {
		w.key("meta")
		w.value(op.Meta)
	}
	w.close('}')
}

// SameRobot, given as an op's encoded robot to EncodeOps, writes a reference to the robot of the
// forward op with the same ID instead of the robot itself: a move's undo record then does not
// store the moved robot twice. DecodeOps resolves it.
var SameRobot = []byte(`"do"`)

// DecodeOps reads a change's forward and undo ops as EncodeOps wrote them.
func DecodeOps(do, undo []byte) ([]Op, []Op, error) {
	var d, u []Op
	if err := json.Unmarshal(do, &d); err != nil {
		return nil, nil, fmt.Errorf("forward ops: %w", err)
	}
	if err := json.Unmarshal(undo, &u); err != nil {
		return nil, nil, fmt.Errorf("undo ops: %w", err)
	}
	byID := map[string]*Robot{}
	for _, op := range d {
		if op.Robot != nil {
			byID[op.ID] = op.Robot
		}
	}
	for i, op := range u {
		if op.same {
			if u[i].Robot = byID[op.ID]; u[i].Robot == nil {
				return nil, nil, fmt.Errorf("undo op %d refers to the forward robot of %s, which has none", i, op.ID)
			}
		}
	}
	return d, u, nil
}

// UnmarshalJSON reads a journal op; a robot given as SameRobot is left for DecodeOps.
func (op *Op) UnmarshalJSON(data []byte) error {
	var raw struct {
		Kind  OpKind          `json:"op"`
		ID    string          `json:"id"`
		Stage StageRef        `json:"stage"`
		Pos   float64         `json:"pos"`
		Robot json.RawMessage `json:"robot"`
		Meta  *StageMeta      `json:"meta"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*op = Op{Kind: raw.Kind, ID: raw.ID, Stage: raw.Stage, Pos: raw.Pos, Meta: raw.Meta}
	switch {
	case len(raw.Robot) == 0 || string(raw.Robot) == "null":
	case string(raw.Robot) == string(SameRobot):
		op.same = true
	default:
		r, err := DecodeRobot(raw.Robot, "robot")
		if err != nil {
			return err
		}
		op.Robot = r
	}
	return nil
}

// EncodeOps encodes ops as the journal stores them. bodies[i], when not nil, is op i's robot
// already encoded (or SameRobot), so a commit encodes each robot once.
func EncodeOps(ops []Op, bodies [][]byte) ([]byte, error) {
	w := newWriter()
	w.open('[')
	for i, op := range ops {
		w.elem()
		var body []byte
		if i < len(bodies) {
			body = bodies[i]
		}
		op.write(w, body)
	}
	w.close(']')
	return w.bytes()
}
