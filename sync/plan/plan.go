package plan

import (
	"encoding/json"
	"fmt"
	"time"

	"robodesk/model"
)

// Plan is the three-way plan of a whole portal: every stage of every pipeline the portal has,
// plus the project's stages the portal lacks.
type Plan struct {
	// Host is the portal, e.g. example.bitrix24.ru; never a webhook URL or a token.
	Host string
	// MadeAt is when the portal was read.
	MadeAt time.Time
	// Connector is the version of the portal's RoboDesk connector; NoConnector says there is
	// none, so the plan holds no stages: robots can only be exported to files for this portal.
	Connector   string
	NoConnector bool
	// Stages are in the portal's order: entity, pipeline, stage.
	Stages []*Stage
}

// Changed lists the stages that differ anywhere.
func (p *Plan) Changed() []*Stage {
	var out []*Stage
	for _, s := range p.Stages {
		if s.Changed() {
			out = append(out, s)
		}
	}
	return out
}

// Stage finds a stage of the plan.
func (p *Plan) Stage(ref model.StageRef) *Stage {
	for _, s := range p.Stages {
		if s.Ref == ref {
			return s
		}
	}
	return nil
}

// Choose resolves one conflict: the robot with the given Name, or the stage's order when name
// is empty.
func (p *Plan) Choose(ref model.StageRef, name string, c Choice) error {
	if _, ok := ParseChoice(string(c)); !ok {
		return fmt.Errorf("choice %q: want mine or theirs", c)
	}
	s := p.Stage(ref)
	if s == nil {
		return fmt.Errorf("stage %s is not in the plan", ref)
	}
	if name == "" {
		if s.Order == nil || s.Order.Action != Conflict {
			return fmt.Errorf("stage %s: the order is not in conflict", ref)
		}
		s.Order.Choice = c
		return nil
	}
	for _, r := range s.Robots {
		if r.Name == name {
			if r.Action != Conflict {
				return fmt.Errorf("stage %s: robot %s is not in conflict", ref, name)
			}
			r.Choice = c
			return nil
		}
	}
	return fmt.Errorf("stage %s: robot %s is not in the plan", ref, name)
}

// ChooseAll resolves every conflict the same way (the CLI's --take).
func (p *Plan) ChooseAll(c Choice) {
	for _, s := range p.Stages {
		for _, r := range s.Robots {
			if r.Action == Conflict {
				r.Choice = c
			}
		}
		if s.Order != nil && s.Order.Action == Conflict {
			s.Order.Choice = c
		}
	}
}

// Summary counts what a plan would do.
type Summary struct {
	// Stages differ anywhere; Blocked of them cannot be applied.
	Stages  int `json:"stages"`
	Blocked int `json:"blocked"`
	// Push counts robots going to the portal, of them Added, Changed and Removed in the project.
	Push    int `json:"push"`
	Added   int `json:"added"`
	Changed int `json:"changed"`
	Removed int `json:"removed"`
	// Take counts robots coming from the portal into the project.
	Take int `json:"take"`
	// Reorders counts stages whose order changes on either side.
	Reorders int `json:"reorders"`
	// Conflicts counts robots and orders changed on both sides, Unresolved those without a choice.
	Conflicts  int `json:"conflicts"`
	Unresolved int `json:"unresolved"`
}

// Summary counts the plan.
func (p *Plan) Summary() Summary {
	var sum Summary
	for _, s := range p.Changed() {
		sum.Stages++
		if s.Blocked != "" {
			sum.Blocked++
		}
		for _, r := range s.Robots {
			if r.Action == Conflict {
				sum.Conflicts++
			}
			switch r.Effective() {
			case Push:
				sum.Push++
				switch r.Local.Kind {
				case Added:
					sum.Added++
				case Removed:
					sum.Removed++
				default:
					sum.Changed++
				}
			case Take:
				sum.Take++
			case Conflict:
				sum.Unresolved++
			}
		}
		if s.Order != nil {
			sum.Reorders++
			if s.Order.Action == Conflict {
				sum.Conflicts++
				if s.Order.Choice == "" {
					sum.Unresolved++
				}
			}
		}
	}
	return sum
}

// Unresolved counts the conflicts still waiting for a choice.
func (p *Plan) Unresolved() int { return p.Summary().Unresolved }

// MarshalJSON writes the plan for machines: the portal, the summary and the stages that differ.
func (p *Plan) MarshalJSON() ([]byte, error) {
	stages := p.Changed()
	if stages == nil {
		stages = []*Stage{}
	}
	return json.Marshal(struct {
		Portal      string    `json:"portal"`
		MadeAt      time.Time `json:"madeAt"`
		Connector   string    `json:"connector,omitempty"`
		NoConnector bool      `json:"noConnector,omitempty"`
		Summary     Summary   `json:"summary"`
		Stages      []*Stage  `json:"stages"`
	}{p.Host, p.MadeAt, p.Connector, p.NoConnector, p.Summary(), stages})
}

// Status is where a project stands with its portal, for the status bar.
type Status struct {
	// Host is the portal the project syncs with; empty when it never did.
	Host string
	// LastSync is when a plan was last applied, LastPull when the portal was last read.
	LastSync time.Time
	LastPull time.Time
	// Pending counts local changes not yet pushed: robots added, changed or removed in the
	// project since the last sync, and stages reordered.
	Pending int
}

// Pending counts the project's changes to one stage since its base: one per robot added,
// changed or removed, one for a reordering. A stage never synced counts every robot.
func Pending(base []*model.Robot, hasBase bool, local []*model.Robot) int {
	if !hasBase {
		return len(local)
	}
	bk, bm := keyed(base)
	lk, lm := keyed(local)
	n := 0
	for _, k := range union(lk, bk) {
		if change(bm[k], lm[k]).Kind != "" {
			n++
		}
	}
	if !sameKeys(restrict(bk, lm), restrict(lk, bm)) {
		n++
	}
	return n
}
