package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/calc"
	"robodesk/model/preview"
	"robodesk/model/tmpl"
)

// Responsible is the user expression the portal hands workdateadd and WaitWorkDayUser
// (Helper::getResponsibleUserExpression): working time is the responsible's.
const Responsible = "{=Document:ASSIGNED_BY_ID}"

// Delay kinds, by the DelayActivity property the portal generates.
const (
	KindNow      = "now"      // no DelayActivity at all
	KindDuration = "duration" // TimeoutDuration: a plain wait after the start
	KindTime     = "time"     // TimeoutTime: a moment computed from the basis
)

// EntrySince is how an explanation names the stage entry.
const EntrySince = "the stage entry"

// Timing is when a robot runs, as its delay decides.
type Timing struct {
	Kind string `json:"kind"`
	// Stored is the DelayActivity property the portal generates for the delay, e.g.
	// "TimeoutDuration=2h" or `TimeoutTime==workdateadd({=System:Now},"2h",{=Document:ASSIGNED_BY_ID})`.
	Stored string `json:"stored,omitempty"`
	// Start is when the robot's sequence reached it: the delay begins there.
	Start time.Time `json:"start"`
	// Due is the moment the delay computes; Fire when the robot runs.
	Due  time.Time `json:"due,omitzero"`
	Fire time.Time `json:"fire"`
	// Past: Due had passed when the delay started, so the portal ran the robot at once.
	Past bool `json:"past,omitempty"`
	// BasisEmpty: the basis date field is empty in the sample; the portal runs the robot at once.
	BasisEmpty bool `json:"basisEmpty,omitempty"`
	// WaitedWorkDay: Fire was moved to the start of the responsible's working time.
	WaitedWorkDay bool `json:"waitedWorkDay,omitempty"`
	// TimeIgnored: the delay names a time of day the portal does not use (a plain wait after
	// the start without working time).
	TimeIgnored bool `json:"timeIgnored,omitempty"`
	// Explain says all of it in words.
	Explain string `json:"explain"`
}

// Schedule computes when a robot with delay d runs when its sequence reaches it at start.
// since names the start in the explanation ("the stage entry", "«Письмо» finished").
func Schedule(env *preview.Env, d *model.Delay, start time.Time, earlier preview.Earlier, since string) Timing {
	loc := env.Location()
	start = start.In(loc)
	t := Timing{Kind: KindNow, Start: start, Fire: start}
	if d.IsNow() {
		t.Explain = "immediately"
		if since != EntrySince {
			t.Explain = "as soon as " + since
		}
		return t
	}
	field := d.BasisField()
	fieldTitle := field
	if f, ok := env.Field(field); ok && f.Title != "" {
		fieldTitle = f.Title
	}
	switch {
	case d.Basis == model.BasisNow && d.Type == model.DelayAfter && !d.WorkTime:
		t.Kind = KindDuration
		unit := map[string]string{"i": "m", "h": "h", "d": "d"}[d.ValueType]
		t.Stored = "TimeoutDuration=" + strconv.Itoa(d.Value) + unit
		t.Due = start.Add(time.Duration(d.Value) * unitOf(d.ValueType))
		t.TimeIgnored = d.InTime != nil
	default:
		t.Kind = KindTime
		expr := TimeoutTime(d)
		t.Stored = "TimeoutTime=" + expr
		if field != "" && env.Record.IsEmpty(field) {
			t.BasisEmpty = true
			break
		}
		due, ok := evalTime(env, expr, earlier, start)
		if !ok {
			t.BasisEmpty = true
			break
		}
		t.Due = due
	}
	if t.Due.After(start) {
		t.Fire = t.Due
	}
	t.Past = !t.Due.IsZero() && t.Due.Before(start)
	if d.WaitWorkDay {
		cal := env.Calendar()
		if !cal.IsWorkTime(t.Fire) {
			t.Fire = cal.NextWorkStart(t.Fire).In(loc)
			t.WaitedWorkDay = true
		}
	}
	t.Explain = explain(env, d, t, fieldTitle, since)
	return t
}

// TimeoutTime is the TimeoutTime expression the portal stores for a delay
// (Helper::getDateTimeIntervalString): the basis itself for a plain «in», otherwise dateadd
// or, for working time, workdateadd with the responsible, wrapped in settime for a time of day.
func TimeoutTime(d *model.Delay) string {
	basis := strings.TrimSpace(d.Basis)
	if basis == "" || !strings.HasPrefix(basis, "{=") {
		basis = model.BasisDate
	}
	if d.Type == model.DelayIn && !d.WorkTime && d.InTime == nil {
		return basis
	}
	add := ""
	if d.Value > 0 && d.Type != model.DelayIn {
		add = strconv.Itoa(d.Value) + d.ValueType
		if d.Type == model.DelayBefore {
			add = "-" + add
		}
	}
	fn := "dateadd"
	if d.WorkTime {
		fn = "workdateadd"
		if add == "" {
			add = "0d"
		}
	}
	result, isFn := basis, false
	if add != "" {
		result = fn + "(" + basis + `,"` + add + `"`
		if fn == "workdateadd" {
			result += "," + Responsible
		}
		result += ")"
		isFn = true
	}
	if d.InTime != nil {
		h, m := 0, 0
		if len(d.InTime) > 0 {
			h = d.InTime[0]
		}
		if len(d.InTime) > 1 {
			m = d.InTime[1]
		}
		offset := ""
		if len(d.InTime) > 2 {
			offset = ", " + strconv.Itoa(d.InTime[2])
		}
		result = fmt.Sprintf("settime(%s, %d, %d%s)", result, h, m, offset)
		isFn = true
	}
	if isFn {
		return "=" + result
	}
	return result
}

func unitOf(vt string) time.Duration {
	switch vt {
	case "h":
		return time.Hour
	case "d":
		return 24 * time.Hour
	}
	return time.Minute
}

// evalTime computes a TimeoutTime with the calculator at the moment now, as the DelayActivity
// does when the sequence reaches it.
func evalTime(env *preview.Env, expr string, earlier preview.Earlier, now time.Time) (time.Time, bool) {
	v, res := tmpl.Parse(expr).Value(env.Context(earlier, now))
	if len(res.Errors) > 0 {
		return time.Time{}, false
	}
	if t, ok := v.Time(); ok {
		return t, true
	}
	switch v.Kind() {
	case calc.KindInt, calc.KindFloat:
		if v.Int() > 0 {
			return time.Unix(v.Int(), 0), true
		}
	case calc.KindString:
		if s := strings.TrimSpace(v.Str()); s != "" {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
				return time.Unix(n, 0), true
			}
			return env.ParseTime(s)
		}
	}
	return time.Time{}, false
}

// Stamp prints a moment the way timelines show it: "Tue 05.03.2024 10:30".
func Stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("Mon 02.01.2006 15:04")
}

func amount(n int, vt string, work bool) string {
	unit := map[string][2]string{"i": {"minute", "minutes"}, "h": {"hour", "hours"}, "d": {"day", "days"}}[vt]
	if unit[0] == "" {
		unit = [2]string{"minute", "minutes"}
	}
	word := unit[1]
	if n == 1 {
		word = unit[0]
	}
	if work {
		word = "working " + word
	}
	return strconv.Itoa(n) + " " + word
}

func explain(env *preview.Env, d *model.Delay, t Timing, fieldTitle, since string) string {
	var b strings.Builder
	basis := "«" + fieldTitle + "»"
	switch {
	case d.Basis == model.BasisNow:
		basis = since
	case d.Basis == model.BasisDate:
		basis = "the start of the day"
	}
	if val, ok := env.Value(d.BasisField()); ok && d.BasisField() != "" && !t.BasisEmpty {
		if s := env.Text(val); s != "" {
			basis += " (" + s + ")"
		}
	}
	switch d.Type {
	case model.DelayIn:
		b.WriteString("at " + basis)
		if d.WorkTime {
			b.WriteString(", moved into working time")
		}
	case model.DelayBefore:
		b.WriteString(amount(d.Value, d.ValueType, d.WorkTime) + " before " + basis)
	default:
		if d.Value == 0 {
			b.WriteString("at " + basis)
			if d.WorkTime {
				b.WriteString(", moved into working time")
			}
		} else {
			b.WriteString(amount(d.Value, d.ValueType, d.WorkTime) + " after " + basis)
		}
	}
	if len(d.InTime) >= 2 {
		fmt.Fprintf(&b, ", at %02d:%02d", d.InTime[0], d.InTime[1])
	}
	switch {
	case t.BasisEmpty:
		b.WriteString(": the date is empty in the sample, so the portal has nothing to wait for and runs the robot at once")
	case t.Past:
		fmt.Fprintf(&b, ": %s had already passed when the delay started, so the portal runs the robot at once", Stamp(t.Due))
	case !t.Due.IsZero():
		b.WriteString(": " + Stamp(t.Due))
	}
	if t.TimeIgnored {
		b.WriteString("; the portal ignores the time of day of a plain wait that does not count working time")
	}
	if t.WaitedWorkDay {
		b.WriteString("; then it waits for the responsible's working day: " + Stamp(t.Fire))
	}
	return b.String()
}
