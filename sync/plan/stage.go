package plan

import (
	"robodesk/model"
)

// Kind is what happened to a robot on one side since the base.
type Kind string

// Kinds of change, shown as + - ~.
const (
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
)

// Symbol is +, - or ~ (a space for no change).
func (k Kind) Symbol() string {
	switch k {
	case Added:
		return "+"
	case Removed:
		return "-"
	case Changed:
		return "~"
	}
	return " "
}

// Change is what happened to a robot on one side: its kind and, for a robot changed, the fields.
// The zero Change means nothing happened there.
type Change struct {
	Kind   Kind        `json:"kind,omitempty"`
	Fields []FieldDiff `json:"fields,omitempty"`
}

// Action is what applying the plan does about a difference.
type Action string

// Actions.
const (
	// Push sends a change made in the project to the portal.
	Push Action = "push"
	// Take brings a change made on the portal into the project.
	Take Action = "take"
	// Conflict waits for a choice: both sides changed the same thing differently.
	Conflict Action = "conflict"
)

// Choice resolves a conflict.
type Choice string

// Choices; the zero Choice leaves a conflict unresolved.
const (
	// Mine keeps the project's version and pushes it.
	Mine Choice = "mine"
	// Theirs takes the portal's version into the project.
	Theirs Choice = "theirs"
)

// ParseChoice reads "mine" or "theirs".
func ParseChoice(s string) (Choice, bool) {
	switch Choice(s) {
	case Mine, Theirs:
		return Choice(s), true
	}
	return "", false
}

// effective is what a conflict becomes once chosen.
func effective(a Action, c Choice) Action {
	if a != Conflict {
		return a
	}
	switch c {
	case Mine:
		return Push
	case Theirs:
		return Take
	}
	return Conflict
}

// Robot is one robot that differs somewhere, identified by its activity Name.
type Robot struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Type  string `json:"type,omitempty"`
	// Local is the change made in the project since the base, Remote the one made on the
	// portal. For a stage never synced there is no base: a robot on one side only counts as
	// added there, and a robot on both sides that differs is a conflict whose Local fields go
	// from the portal's version to the project's (and Remote the other way).
	Local  Change `json:"local"`
	Remote Change `json:"remote"`
	Action Action `json:"action"`
	// Choice resolves a conflict; empty while unresolved.
	Choice Choice `json:"choice,omitempty"`
}

// Effective is what apply does with the robot: Push, Take, or Conflict while unresolved.
func (r *Robot) Effective() Action { return effective(r.Action, r.Choice) }

// Order is a change of a stage's robot order (additions and removals aside), on one side or
// both. Lists hold robot Names.
type Order struct {
	Local  bool     `json:"local"`
	Remote bool     `json:"remote"`
	Action Action   `json:"action"`
	Choice Choice   `json:"choice,omitempty"`
	Base   []string `json:"base,omitempty"`
	Mine   []string `json:"mine"`
	Theirs []string `json:"theirs"`
}

// Effective is what apply does with the order.
func (o *Order) Effective() Action { return effective(o.Action, o.Choice) }

// Stage is the plan of one stage.
type Stage struct {
	Ref model.StageRef `json:"stage"`
	// Pipeline is the pipeline's key (DEAL:1) and Name the stage's title, for people.
	Pipeline string `json:"pipeline"`
	Name     string `json:"name,omitempty"`
	// Revision is the portal's revision the plan was made against; apply writes only if the
	// portal still holds it.
	Revision string `json:"revision"`
	// Synced says a base exists: the stage was synced before; BaseRevision is its revision.
	Synced       bool   `json:"synced"`
	BaseRevision string `json:"baseRevision,omitempty"`
	// Robots are the robots that differ, in the project's order, then the portal's.
	Robots []*Robot `json:"robots,omitempty"`
	Order  *Order   `json:"order,omitempty"`
	// Blocked says why nothing can be applied to the stage; empty when it can.
	Blocked string `json:"blocked,omitempty"`

	base, local, remote []*model.Robot
	// named says some of the portal's robots came without an activity Name and were given one
	// here; the stage is then pushed, so that both sides know the robots by the same Names.
	named bool
}

// Input is one stage's three sides.
type Input struct {
	Ref       model.StageRef
	Pipeline  string
	StageName string
	// Base is what both sides held after the last sync; HasBase is false for a stage never
	// synced.
	Base         []*model.Robot
	HasBase      bool
	BaseRevision string
	// Local are the project's robots now.
	Local []*model.Robot
	// Remote are the portal's robots now, at Revision.
	Remote   []*model.Robot
	Revision string
	// ExternalModified is the portal's mark of a template changed in the business-process
	// designer; such a stage is never overwritten.
	ExternalModified bool
	// Missing says the portal has no such stage (any more).
	Missing bool
}

// Blocking reasons.
const (
	BlockedExternal = "changed in the portal's business process designer; RoboDesk does not overwrite it"
	BlockedMissing  = "the portal has no such stage"
)

// Diff makes the three-way plan of one stage.
func Diff(in Input) *Stage {
	s := &Stage{Ref: in.Ref, Pipeline: in.Pipeline, Name: in.StageName, Revision: in.Revision,
		Synced: in.HasBase, BaseRevision: in.BaseRevision,
		base: cloneAll(in.Base), local: cloneAll(in.Local), remote: cloneAll(in.Remote)}
	s.named = nameRobots(s.remote, s.local, s.base)
	bk, bm := keyed(s.base)
	lk, lm := keyed(s.local)
	rk, rm := keyed(s.remote)
	for _, k := range union(lk, rk, bk) {
		b, l, r := bm[k], lm[k], rm[k]
		var lc, rc Change
		if in.HasBase {
			lc, rc = change(b, l), change(b, r)
		} else {
			switch {
			case l != nil && r == nil:
				lc = Change{Kind: Added, Fields: Fields(nil, l)}
			case l == nil && r != nil:
				rc = Change{Kind: Added, Fields: Fields(nil, r)}
			case !model.Equal(l, r):
				lc = Change{Kind: Changed, Fields: Fields(r, l)}
				rc = Change{Kind: Changed, Fields: Fields(l, r)}
			}
		}
		var act Action
		switch {
		case lc.Kind == "" && rc.Kind == "":
			continue
		case rc.Kind == "":
			act = Push
		case lc.Kind == "":
			act = Take
		case model.Equal(l, r): // the same change on both sides, deletions included
			continue
		default:
			act = Conflict
		}
		// Name the robot after the version that wins, or for a conflict the one both sides
		// started from.
		prefer := map[Action][]*model.Robot{Push: {l, b}, Take: {r, b}, Conflict: {b, l, r}}[act]
		var shown *model.Robot
		for _, v := range prefer {
			if shown == nil {
				shown = v
			}
		}
		s.Robots = append(s.Robots, &Robot{Name: k, Title: shown.Title(), Type: shown.Type, Local: lc, Remote: rc, Action: act})
	}
	s.Order = order(in.HasBase, bk, bm, lk, lm, rk, rm)
	switch {
	case in.Missing && len(s.local) > 0:
		s.Blocked = BlockedMissing
	case in.ExternalModified && s.Changed():
		s.Blocked = BlockedExternal
	}
	return s
}

// nameRobots gives the portal's robots that have no activity Name (the robot designer always
// names them, other writers may not) a fresh one, unique among every Name of the stage.
func nameRobots(rs []*model.Robot, others ...[]*model.Robot) bool {
	taken := map[string]bool{}
	for _, list := range append([][]*model.Robot{rs}, others...) {
		for _, r := range list {
			taken[r.Name] = true
			if r.DelayName != "" {
				taken[r.DelayName] = true
			}
		}
	}
	named := false
	for _, r := range rs {
		if r.Name == "" {
			r.Name = model.NewName(taken)
			taken[r.Name] = true
			named = true
		}
	}
	return named
}

// change is what happened to a robot between the base and one side.
func change(base, now *model.Robot) Change {
	switch {
	case base == nil && now == nil:
		return Change{}
	case base == nil:
		return Change{Kind: Added, Fields: Fields(nil, now)}
	case now == nil:
		return Change{Kind: Removed}
	case model.Equal(base, now):
		return Change{}
	}
	return Change{Kind: Changed, Fields: Fields(base, now)}
}

// union lists every key once: the project's order first, then the portal's, then the base's.
func union(lists ...[]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lists {
		for _, k := range l {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// order compares the relative order of the robots each side kept: adding or removing a robot is
// not a reordering, moving one is.
func order(hasBase bool, bk []string, bm map[string]*model.Robot, lk []string, lm map[string]*model.Robot,
	rk []string, rm map[string]*model.Robot) *Order {
	o := &Order{Base: bk, Mine: lk, Theirs: rk}
	if !hasBase {
		o.Base = nil
		if sameKeys(restrict(lk, rm), restrict(rk, lm)) {
			return nil
		}
		o.Local, o.Remote, o.Action = true, true, Conflict
		return o
	}
	o.Local = !sameKeys(restrict(bk, lm), restrict(lk, bm))
	o.Remote = !sameKeys(restrict(bk, rm), restrict(rk, bm))
	switch {
	case !o.Local && !o.Remote:
		return nil
	case !o.Remote:
		o.Action = Push
	case !o.Local:
		o.Action = Take
	default:
		common := map[string]*model.Robot{}
		for k, r := range bm {
			if lm[k] != nil && rm[k] != nil {
				common[k] = r
			}
		}
		if sameKeys(restrict(lk, common), restrict(rk, common)) {
			return nil // both moved robots the same way
		}
		o.Action = Conflict
	}
	return o
}

// Changed reports whether the stage differs anywhere: robots, order, or a block.
func (s *Stage) Changed() bool { return len(s.Robots) > 0 || s.Order != nil || s.Blocked != "" }

// Unresolved counts the conflicts still waiting for a choice.
func (s *Stage) Unresolved() int {
	n := 0
	for _, r := range s.Robots {
		if r.Effective() == Conflict {
			n++
		}
	}
	if s.Order != nil && s.Order.Effective() == Conflict {
		n++
	}
	return n
}

// Conflicts counts the stage's conflicts, resolved or not.
func (s *Stage) Conflicts() int {
	n := 0
	for _, r := range s.Robots {
		if r.Action == Conflict {
			n++
		}
	}
	if s.Order != nil && s.Order.Action == Conflict {
		n++
	}
	return n
}

// Local returns the project's robots the plan was made from.
func (s *Stage) Local() []*model.Robot { return cloneAll(s.local) }

// Remote returns the portal's robots the plan was made from.
func (s *Stage) Remote() []*model.Robot { return cloneAll(s.remote) }
