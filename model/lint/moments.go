package lint

import (
	"time"

	"robodesk/model"
	"robodesk/model/calendar"
	"robodesk/model/preview"
)

// moment is a simulated stage entry with the words that describe it.
type moment struct {
	at   time.Time
	name string
}

func (l *linter) calendar() (calendar.Calendar, *time.Location) {
	env := preview.NewEnv(l.p.Portal, "", nil, l.now)
	return env.Calendar(), env.Location()
}

// workDay is the first working day on or after now, at midnight.
func workDay(cal calendar.Calendar, from time.Time) time.Time {
	d := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, from.Location())
	for i := 0; i < 60 && !cal.IsWorkDay(d.Add(12*time.Hour)); i++ {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// entries are the moments an item is simulated to enter the stage: an hour after the start and
// an hour before the end of a working day, and for stages items arrive at by themselves also
// Friday evening, an hour after the end of the last working day before a weekend.
func (l *linter) entries(ref model.StageRef) []moment {
	cal, loc := l.calendar()
	start, end := cal.WorkHours()
	day := workDay(cal, l.now.In(loc))
	out := []moment{
		{day.Add(start + time.Hour), "early in a working day"},
		{day.Add(end - time.Hour), "late in a working day"},
	}
	if ok, _ := l.arrival(ref); ok {
		out = append(out, moment{fridayEvening(cal, l.now.In(loc), end), "on Friday evening"})
	}
	return out
}

// fridayEvening is an hour after the end of the first working Friday from now that a day off
// follows.
func fridayEvening(cal calendar.Calendar, from time.Time, end time.Duration) time.Time {
	d := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, from.Location())
	for i := 0; i < 120; i++ {
		if d.Weekday() == time.Friday && cal.IsWorkDay(d.Add(12*time.Hour)) && !cal.IsWorkDay(d.AddDate(0, 0, 1).Add(12*time.Hour)) {
			break
		}
		d = d.AddDate(0, 0, 1)
	}
	return d.Add(end + time.Hour)
}

// arrival tells whether items reach a stage by themselves, at any hour: the first stage of a
// pipeline (forms, calls, messengers create items there), a stage with triggers, and a stage a
// robot moves items to.
func (l *linter) arrival(ref model.StageRef) (bool, string) {
	e := l.p.Portal.Entity(ref.Entity)
	if e != nil {
		if pl, _, ok := e.Stage(ref.Status); ok && len(pl.Stages) > 0 {
			first := pl.Stages[0]
			for _, s := range pl.Stages {
				if s.Sort < first.Sort {
					first = s
				}
			}
			if first.StatusID == ref.Status {
				return true, "new items arrive at the first stage around the clock"
			}
		}
	}
	if len(l.p.Template(ref).Meta.Triggers) > 0 {
		return true, "the stage's triggers bring items in around the clock"
	}
	for _, other := range l.p.Stages() {
		if other.Entity != ref.Entity {
			continue
		}
		for _, r := range l.p.Robots(other) {
			if t, _ := r.Properties["TargetStatus"].(string); r.Type == changeStatus && r.Activated && t == ref.Status && other != ref {
				return true, "robots move items here at any hour"
			}
		}
	}
	return false, ""
}
