package sim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/catalog"
	"robodesk/model/preview"
	"robodesk/model/sample"
)

// Statuses of a step of a timeline.
const (
	Runs     = "runs"
	Skipped  = "skipped"  // its condition does not hold
	Disabled = "disabled" // switched off in the editor
	Left     = "left"     // the item left the stage before the robot's time
	Blocked  = "blocked"  // waits for something no simulation can time, such as a task's completion
)

// Step is one robot on the timeline.
type Step struct {
	Index        int    `json:"index"`
	RobotID      string `json:"robotId,omitempty"`
	Robot        string `json:"robot"`
	Title        string `json:"title"`
	Type         string `json:"type"`
	ClientFacing bool   `json:"clientFacing,omitempty"`
	FirstMessage bool   `json:"firstMessage,omitempty"`
	// After is the index of the robot this one waits for («after the previous robot»); -1 when
	// it starts in parallel at the stage entry.
	After  int    `json:"after"`
	Status string `json:"status"`
	// At is when the robot runs, is skipped, or would have run before the item left the stage;
	// zero for a robot that is disabled or never reached.
	At time.Time `json:"at,omitzero"`
	// Finish is when the next robot of its chain may start (later than At for a wait).
	Finish time.Time `json:"finish,omitzero"`
	// WorkTime tells whether At is inside the portal's working time.
	WorkTime  bool     `json:"workTime"`
	Delay     Timing   `json:"delay"`
	Condition *Verdict `json:"condition,omitempty"`
	// Reason says why the robot does not run; Note adds what the simulation assumed.
	Reason string `json:"reason,omitempty"`
	Note   string `json:"note,omitempty"`
	// Texts are the robot's texts rendered at At, for robots that run.
	Texts []preview.Text `json:"texts,omitempty"`
}

// Move is a change of stage by a robot, which ends the robots of this stage still waiting.
type Move struct {
	At         time.Time `json:"at"`
	Index      int       `json:"index"`
	Robot      string    `json:"robot"`
	Title      string    `json:"title"`
	Target     string    `json:"target"`
	TargetName string    `json:"targetName"`
}

// Timeline is a stage's robots simulated for one sample record and one entry time.
type Timeline struct {
	Stage     model.StageRef `json:"stage"`
	StageName string         `json:"stageName"`
	Entry     time.Time      `json:"entry"`
	// Sample names the record when it came from the project's samples.
	Sample string `json:"sample,omitempty"`
	Steps  []Step `json:"steps"`
	Leaves *Move  `json:"leaves,omitempty"`
}

// Simulate runs a stage's robots for a sample record that enters the stage at entry.
func Simulate(p *model.Project, stage model.StageRef, rec sample.Record, entry time.Time) Timeline {
	return Run(p, stage, rec, entry, Options{})
}

// Options change what Run computes.
type Options struct {
	// NoTexts leaves the rendered texts out, for estimates that simulate many entries and need
	// only the times.
	NoTexts bool
}

// Run is Simulate with options.
func Run(p *model.Project, stage model.StageRef, rec sample.Record, entry time.Time, opts Options) Timeline {
	env := preview.NewEnv(p.Portal, stage.Entity, rec, entry)
	entry = entry.In(env.Location())
	tl := Timeline{Stage: stage, StageName: stage.Status, Entry: entry}
	if env.Entity != nil {
		if _, st, ok := env.Entity.Stage(stage.Status); ok {
			tl.StageName = st.Name
		}
	}
	robots := p.Robots(stage)
	cal := env.Calendar()
	for i, r := range robots {
		s := Step{Index: i, RobotID: r.ID, Robot: r.Name, Title: r.Title(), Type: r.Type, After: -1}
		if e := catalog.Lookup(r.Type, r.Properties); e != nil {
			s.ClientFacing, s.FirstMessage = e.ClientFacing, e.FirstMessage
		}
		start, since := entry, EntrySince
		if r.ExecuteAfterPrevious && i > 0 {
			prev := tl.Steps[i-1]
			s.After = i - 1
			if prev.Finish.IsZero() {
				s.Status = Blocked
				s.Reason = fmt.Sprintf("waits for «%s», which never finishes here: %s", prev.Title, strings.TrimSpace(prev.Reason+" "+prev.Note))
				tl.Steps = append(tl.Steps, s)
				continue
			}
			start, since = prev.Finish, "«"+prev.Title+"» finished"
		}
		if !r.Activated {
			// A switched-off robot is left out of the workflow with its delay, so a chain goes
			// straight on to the next robot.
			s.Status, s.Reason, s.Finish = Disabled, "switched off", start
			tl.Steps = append(tl.Steps, s)
			continue
		}
		earlier := earlierAt(robots, tl.Steps, i, start)
		s.Delay = Schedule(env, r.Delay, start, earlier, since)
		s.At = s.Delay.Fire
		s.WorkTime = cal.IsWorkTime(s.At)
		earlier = earlierAt(robots, tl.Steps, i, s.At)
		// The condition wraps the robot after its delay: it is checked when the delay is over.
		if r.Condition != nil && len(r.Condition.Items) > 0 {
			v := Check(env, r.Condition, earlier, s.At)
			s.Condition = &v
			if !v.Holds {
				s.Status, s.Reason, s.Finish = Skipped, "condition: "+v.Why, s.At
				tl.Steps = append(tl.Steps, s)
				continue
			}
		}
		s.Status = Runs
		s.Finish, s.Note = finish(env, r, s.At)
		if !opts.NoTexts {
			s.Texts = env.Texts(r, earlier, s.At)
		}
		tl.Steps = append(tl.Steps, s)
	}
	tl.Leaves = leaves(env, robots, tl.Steps, stage)
	if tl.Leaves != nil {
		for i := range tl.Steps {
			s := &tl.Steps[i]
			if (s.Status == Runs || s.Status == Skipped || s.Status == Blocked) && i != tl.Leaves.Index &&
				(s.At.IsZero() || s.At.After(tl.Leaves.At)) {
				if !s.At.IsZero() {
					s.Reason = "would run at " + Stamp(s.At) + ", but "
				} else {
					s.Reason = ""
				}
				s.Reason += fmt.Sprintf("the item left the stage at %s: «%s» moved it to «%s»", Stamp(tl.Leaves.At), tl.Leaves.Title, tl.Leaves.TargetName)
				s.Status, s.Texts = Left, nil
			}
		}
	}
	return tl
}

// earlierAt tells which robots before index i have run by the moment at; the others are in the
// template but have not run, so references to them render empty.
func earlierAt(robots []*model.Robot, steps []Step, i int, at time.Time) preview.Earlier {
	var e preview.Earlier
	for k := 0; k < i; k++ {
		if steps[k].Status == Runs && !steps[k].At.After(at) {
			e.Ran = append(e.Ran, robots[k])
		} else {
			e.Idle = append(e.Idle, robots[k])
		}
	}
	return e
}

// finish is when the next robot of a chain may start after r ran at: at once for most robots,
// after the wait for a wait robot, never (zero) for a task the chain holds until completed.
func finish(env *preview.Env, r *model.Robot, at time.Time) (time.Time, string) {
	prop := func(k string) string { s, _ := r.Properties[k].(string); return s }
	switch r.Type {
	case "CrmWaitActivity":
		days, _ := strconv.Atoi(strings.TrimSpace(prop("WaitDuration")))
		if prop("WaitType") == "before" {
			target := prop("WaitTarget")
			v, ok := env.Value(target)
			if t, isTime := v.Time(); ok && isTime {
				end := t.AddDate(0, 0, -days)
				if end.Before(at) {
					return at, fmt.Sprintf("waits until %d days before «%s», already past", days, fieldTitle(env, target))
				}
				return end, fmt.Sprintf("waits until %d days before «%s»: %s; someone acting on the item ends it earlier", days, fieldTitle(env, target), Stamp(end))
			}
			return at, fmt.Sprintf("waits for a date, but «%s» is empty in the sample", fieldTitle(env, target))
		}
		end := at.AddDate(0, 0, days)
		return end, fmt.Sprintf("waits %d days, until %s; someone acting on the item ends it earlier", days, Stamp(end))
	case "Task2Activity":
		if prop("HoldToClose") == "Y" {
			return time.Time{}, "the chain waits until the task is completed"
		}
	}
	return at, ""
}

func fieldTitle(env *preview.Env, id string) string {
	if f, ok := env.Field(id); ok && f.Title != "" {
		return f.Title
	}
	return id
}

// leaves finds the first change of stage among the robots that run; robots due after it never
// run, because the portal ends a stage's workflow when the item leaves the stage. Robots due at
// the very same moment are taken to run: the portal starts them in the same pass. A move to the
// stage the item is in changes nothing and is no move.
func leaves(env *preview.Env, robots []*model.Robot, steps []Step, stage model.StageRef) *Move {
	var m *Move
	for i, s := range steps {
		r := robots[i]
		if s.Status != Runs || r.Type != "CrmChangeStatusActivity" {
			continue
		}
		target, _ := r.Properties["TargetStatus"].(string)
		if target == "" || target == stage.Status {
			continue
		}
		if m != nil && !s.At.Before(m.At) {
			continue
		}
		m = &Move{At: s.At, Index: i, Robot: r.Name, Title: r.Title(), Target: target, TargetName: target}
		if env.Entity != nil {
			if _, st, ok := env.Entity.Stage(target); ok {
				m.TargetName = st.Name
			}
		}
	}
	return m
}

// Ordered returns the steps in the order they happen: by time, then by position; steps that
// never happen come last.
func (t Timeline) Ordered() []Step {
	out := append([]Step(nil), t.Steps...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.At.IsZero() != b.At.IsZero() {
			return !a.At.IsZero()
		}
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		return a.Index < b.Index
	})
	return out
}
