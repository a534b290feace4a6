package lint

import (
	"fmt"

	"robodesk/model"
	"robodesk/model/sim"
)

// hours flags client-facing robots that would write to the client outside working hours,
// simulating entries early and late in a working day and, for stages items arrive at by
// themselves, on Friday evening. Each robot is reported once, with its first such case.
func (l *linter) hours(ref model.StageRef) {
	robots := l.p.Robots(ref)
	if len(robots) == 0 {
		return
	}
	reported := map[int]bool{}
	for _, m := range l.entries(ref) {
		for _, n := range l.records(ref.Entity) {
			tl := sim.Run(l.p, ref, n.Record, m.at, sim.Options{NoTexts: true})
			for _, s := range tl.Steps {
				if s.Status != sim.Runs || !s.ClientFacing || s.WorkTime || reported[s.Index] {
					continue
				}
				reported[s.Index] = true
				r := robots[s.Index]
				advice := "turn on «only in working time» for its delay"
				if r.Delay != nil && r.Delay.WorkTime {
					advice = "its time of day falls outside working hours"
				}
				forSample := ""
				if n.Name != "" {
					forSample = " (sample " + quote(n.Name) + ")"
				}
				l.add(model.SevWarning, ref, r, "Delay", CodeOutsideHours,
					fmt.Sprintf("writes to the client at %s, outside working hours, when an item enters the stage %s, %s%s; %s",
						sim.Stamp(s.At), m.name, sim.Stamp(m.at), forSample, advice),
					"at", s.At.Format("2006-01-02T15:04:05Z07:00"), "entry", m.at.Format("2006-01-02T15:04:05Z07:00"), "sample", n.Name)
			}
		}
	}
}
