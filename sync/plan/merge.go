package plan

import (
	"fmt"

	"robodesk/model"
)

// ErrUnresolved is wrapped by errors about conflicts that have no choice yet.
var ErrUnresolved = fmt.Errorf("unresolved conflicts")

// Merged is the stage as it will be on both sides once the plan is applied: every change of
// the project, every change of the portal, and the chosen side of each conflict. Robots keep
// the order of the side whose order wins (the project's unless only the portal reordered, or
// the portal's order was chosen); a robot only the other side has goes right after the robot it
// follows there (or before the one it precedes).
func (s *Stage) Merged() ([]*model.Robot, error) {
	if n := s.Unresolved(); n > 0 {
		return nil, fmt.Errorf("%s: %d %w", s.Ref, n, ErrUnresolved)
	}
	lk, lm := keyed(s.local)
	rk, rm := keyed(s.remote)
	decided := map[string]*Robot{}
	for _, r := range s.Robots {
		decided[r.Name] = r
	}
	// Pick each robot's version: the side whose change wins, else the project's (which equals
	// the portal's for a robot that did not change, or changed the same way on both sides).
	pick := map[string]*model.Robot{}
	for _, k := range union(lk, rk) {
		v := lm[k]
		if d := decided[k]; d != nil && d.Effective() == Take {
			v = rm[k]
		}
		if v != nil {
			pick[k] = v
		}
	}
	primary, other := lk, rk
	if s.Order != nil && s.Order.Effective() == Take {
		primary, other = rk, lk
	}
	keys := restrict(primary, pick)
	in := map[string]bool{}
	for _, k := range keys {
		in[k] = true
	}
	for i, k := range other {
		if pick[k] == nil || in[k] {
			continue
		}
		at := -1
		for j := i - 1; j >= 0 && at < 0; j-- {
			if p := index(keys, other[j]); p >= 0 {
				at = p + 1
			}
		}
		for j := i + 1; j < len(other) && at < 0; j++ {
			if p := index(keys, other[j]); p >= 0 {
				at = p
			}
		}
		if at < 0 {
			at = len(keys)
		}
		keys = append(keys[:at], append([]string{k}, keys[at:]...)...)
		in[k] = true
	}
	out := make([]*model.Robot, len(keys))
	for i, k := range keys {
		out[i] = pick[k].Clone()
	}
	return out, nil
}

func index(keys []string, k string) int {
	for i, x := range keys {
		if x == k {
			return i
		}
	}
	return -1
}

// NeedsPush reports whether applying the stage writes to the portal.
func (s *Stage) NeedsPush() bool {
	m, err := s.Merged()
	return err == nil && s.Blocked == "" && (s.named || !SameRobots(m, s.remote))
}

// NeedsTake reports whether applying the stage changes the project.
func (s *Stage) NeedsTake() bool {
	m, err := s.Merged()
	return err == nil && s.Blocked == "" && !SameRobots(m, s.local)
}
