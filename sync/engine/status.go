package engine

import (
	"robodesk/model"
	"robodesk/sync/plan"
)

// Status says where the project stands with its portal: the portal, the last pull and sync, and
// how many local changes have not been pushed yet (robots added, changed or removed since the
// last sync, plus reordered stages). It reads the project only, never the network.
func (e *Engine) Status(doc plan.Doc) (plan.Status, error) {
	st, err := readState(doc)
	if err != nil {
		return plan.Status{}, err
	}
	out := plan.Status{Host: st.Host, LastPull: st.LastPull, LastSync: st.LastSync}
	proj := doc.Project()
	if st.Host == "" {
		out.Pending = proj.RobotCount()
		return out, nil
	}
	seen := map[model.StageRef]bool{}
	count := func(ref model.StageRef) {
		if seen[ref] {
			return
		}
		seen[ref] = true
		_, base, ok := readBase(doc, st.Host, ref)
		if !ok && len(proj.Robots(ref)) == 0 {
			return
		}
		out.Pending += plan.Pending(base, ok, proj.Robots(ref))
	}
	for _, ref := range proj.Stages() {
		count(ref)
	}
	// A stage whose robots were all removed may no longer be listed by the project.
	if p := proj.Portal; p != nil {
		for _, e := range p.Entities {
			for _, pl := range e.Pipelines {
				for _, s := range pl.Stages {
					count(model.StageRef{Entity: e.ID, Status: s.StatusID})
				}
			}
		}
	}
	return out, nil
}
