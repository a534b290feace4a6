package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"robodesk/model"
	"robodesk/model/sim"
)

// weekdayShort is a weekday's short name in the interface language.
func weekdayShort(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.X("weekday.mon", "Mon")
	case time.Tuesday:
		return lang.X("weekday.tue", "Tue")
	case time.Wednesday:
		return lang.X("weekday.wed", "Wed")
	case time.Thursday:
		return lang.X("weekday.thu", "Thu")
	case time.Friday:
		return lang.X("weekday.fri", "Fri")
	case time.Saturday:
		return lang.X("weekday.sat", "Sat")
	}
	return lang.X("weekday.sun", "Sun")
}

// stamp prints a moment as timelines show it, with its weekday: «Пт 01.03.2024 19:00». The
// moment is shown in its own zone, which the timeline sets to the portal's.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return weekdayShort(t.Weekday()) + " " + t.Format("02.01.2006 15:04")
}

// statusText names a step's status.
func statusText(status string) string {
	switch status {
	case sim.Runs:
		return lang.L("runs")
	case sim.Skipped:
		return lang.L("skipped")
	case sim.Disabled:
		return lang.L("switched off")
	case sim.Left:
		return lang.L("not reached")
	case sim.Blocked:
		return lang.L("blocked")
	}
	return status
}

// stepWhen says when a robot runs and why then: its delay as the card says it, what it waits
// for, and what the calendar did to the moment.
func stepWhen(s sim.Step, r *model.Robot, e *model.Entity, tl sim.Timeline) string {
	if s.Status == sim.Disabled || s.Status == sim.Blocked {
		return ""
	}
	parts := []string{delayText(r, e)}
	if s.After >= 0 && s.After < len(tl.Steps) {
		parts = append(parts, lang.L("starts when «{{.Robot}}» is done, {{.At}}", map[string]any{
			"Robot": tl.Steps[s.After].Title, "At": stamp(s.Delay.Start)}))
	}
	t := s.Delay
	switch {
	case t.BasisEmpty:
		parts = append(parts, lang.L("the date is empty in the sample, so the portal runs the robot at once"))
	case t.Past:
		parts = append(parts, lang.L("{{.Due}} had already passed when the wait began, so the portal runs the robot at once", map[string]any{"Due": stamp(t.Due)}))
	case !t.Due.IsZero() && !t.Due.Equal(t.Fire):
		parts = append(parts, lang.L("due {{.Due}}", map[string]any{"Due": stamp(t.Due)}))
	}
	if t.WaitedWorkDay {
		parts = append(parts, lang.L("then waits for the responsible's working day: {{.At}}", map[string]any{"At": stamp(t.Fire)}))
	}
	if t.TimeIgnored {
		parts = append(parts, lang.L("the portal ignores the time of day of a plain wait outside working time"))
	}
	return strings.Join(parts, "; ")
}

// stepReason says why a robot does not run, in the interface language.
func stepReason(s sim.Step, r *model.Robot, e *model.Entity, p *model.Portal, tl sim.Timeline) string {
	switch s.Status {
	case sim.Skipped:
		var why []string
		if s.Condition != nil && r != nil && r.Condition != nil {
			for _, it := range s.Condition.Items {
				if it.Holds || it.Index >= len(r.Condition.Items) {
					continue
				}
				actual := it.Actual
				if strings.TrimSpace(actual) == "" {
					actual = lang.L("nothing")
				}
				why = append(why, lang.L("{{.Item}} does not hold: the sample has {{.Actual}}", map[string]any{
					"Item": itemText(r.Condition.Items[it.Index], e, p), "Actual": actual}))
			}
		}
		if len(why) == 0 {
			return lang.L("Skipped: its condition does not hold")
		}
		return lang.L("Skipped: {{.Why}}", map[string]any{"Why": strings.Join(why, "; ")})
	case sim.Disabled:
		return lang.L("The robot is switched off.")
	case sim.Blocked:
		prev := ""
		if s.After >= 0 && s.After < len(tl.Steps) {
			prev = tl.Steps[s.After].Title
		}
		return lang.L("Waits for «{{.Robot}}», which never finishes here.", map[string]any{"Robot": prev})
	case sim.Left:
		if tl.Leaves == nil {
			return s.Reason
		}
		data := map[string]any{"Left": stamp(tl.Leaves.At), "Robot": tl.Leaves.Title, "Stage": tl.Leaves.TargetName, "At": stamp(s.At)}
		if s.At.IsZero() {
			return lang.L("The item left the stage at {{.Left}}: «{{.Robot}}» moved it to «{{.Stage}}».", data)
		}
		return lang.L("Would run at {{.At}}, but the item left the stage at {{.Left}}: «{{.Robot}}» moved it to «{{.Stage}}».", data)
	}
	return ""
}

// stepNote adds what a robot that runs holds up: a wait, or a task its chain waits on.
func stepNote(s sim.Step, r *model.Robot) string {
	if s.Status != sim.Runs {
		return ""
	}
	switch {
	case s.Finish.IsZero():
		return lang.L("The robots after it wait until the task is completed.")
	case s.Finish.After(s.At):
		return lang.L("The robots after it wait until {{.At}}, unless someone acts on the item earlier.", map[string]any{"At": stamp(s.Finish)})
	case r != nil && r.Type == "CrmWaitActivity":
		return lang.L("The wait ends at once: its date is empty or already past in the sample.")
	}
	return ""
}
