package lint

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/sample"
)

// Codes of the linter's own findings.
const (
	CodeRefNotRun        = "ref_not_run"          // a return value of a robot that has not run by then
	CodeStageLoop        = "stage_loop"           // change-stage robots move items around a cycle of stages
	CodeStageSelf        = "stage_self"           // a change-stage robot targets its own stage
	CodeDelayShort       = "delay_short"          // a delay under the portal's 10-minute minimum
	CodeDelayTimeIgnored = "delay_time_ignored"   // a time of day the portal does not use
	CodeConditionNever   = "condition_never"      // a condition (or one of its OR groups) can never hold
	CodeUnknownUser      = "unknown_user"         // a condition compares with a user the portal lacks
	CodeUnknownStage     = "unknown_stage"        // a condition compares with a stage the entity lacks
	CodeEmptyPlaceholder = "empty_placeholder"    // placeholders render empty for a sample
	CodeTooLong          = "too_long_rendered"    // a text exceeds its limit once rendered for a sample
	CodeCalcError        = "calc_error"           // a calculation fails; the portal leaves it as written
	CodeOutsideHours     = "outside_hours"        // a client message sent outside working hours
	CodeFirstMessages    = "first_message_volume" // more "write first" messages a day than advised, per stage
	CodeFirstMessagesSum = "first_message_total"  // the same over the whole portal
)

// Defaults of Options.
const (
	defaultNewPerDay      = 30
	defaultFirstPerDay    = 20
	defaultMinDelayMinute = 10
)

// Options tune the estimates; the zero value means the defaults.
type Options struct {
	// NewPerDay is how many items enter a stage a day, for the messages-a-day estimate: 30 by
	// default, a small sales team's inflow.
	NewPerDay int `json:"newPerDay,omitempty"`
	// FirstMessageLimit is how many "write first" messenger messages a day are safe: 20, the
	// messenger integrations' advice against being blocked for spam.
	FirstMessageLimit int `json:"firstMessageLimit,omitempty"`
	// MinDelayMinutes is the portal's shortest delay: 10 minutes.
	MinDelayMinutes int `json:"minDelayMinutes,omitempty"`
}

func (o Options) withDefaults() Options {
	if o.NewPerDay <= 0 {
		o.NewPerDay = defaultNewPerDay
	}
	if o.FirstMessageLimit <= 0 {
		o.FirstMessageLimit = defaultFirstPerDay
	}
	if o.MinDelayMinutes <= 0 {
		o.MinDelayMinutes = defaultMinDelayMinute
	}
	return o
}

// OptionsKey is the project document that holds the linter's options.
const OptionsKey = "lint/options"

// LoadOptions reads the project's options; a project without them gets the defaults.
func LoadOptions(d sample.Docs) (Options, error) {
	var o Options
	if _, err := d.Get(OptionsKey, &o); err != nil {
		return Options{}, fmt.Errorf("lint options: %w", err)
	}
	return o.withDefaults(), nil
}

// Lint checks the whole project with the default options. Samples are the project's sample
// records per entity; now anchors relative sample dates and the simulated entries.
func Lint(p *model.Project, samples sample.Samples, now time.Time) []model.Finding {
	return LintWith(p, samples, now, Options{})
}

// LintWith checks the whole project.
func LintWith(p *model.Project, samples sample.Samples, now time.Time, opts Options) []model.Finding {
	l := &linter{p: p, samples: samples, now: now, opts: opts.withDefaults()}
	l.out = append(l.out, model.Validate(p)...)
	for _, ref := range p.Stages() {
		robots := p.Robots(ref)
		for i := range robots {
			l.delays(ref, robots[i])
			l.condition(ref, robots[i])
			l.changeSelf(ref, robots[i])
		}
		l.texts(ref)
		l.hours(ref)
	}
	l.loops()
	l.firstMessages()
	l.sort()
	return l.out
}

type linter struct {
	p       *model.Project
	samples sample.Samples
	now     time.Time
	opts    Options
	out     []model.Finding
}

// add records a finding about a robot (r may be nil for one about a stage).
func (l *linter) add(sev model.Severity, ref model.StageRef, r *model.Robot, prop, code, msg string, args ...string) {
	f := model.Finding{Severity: sev, Stage: ref, Property: prop, Code: code, Message: msg}
	if r != nil {
		f.RobotID, f.Robot, f.Title = r.ID, r.Name, r.Title()
	}
	if len(args) > 0 {
		f.Args = map[string]string{}
		for i := 0; i+1 < len(args); i += 2 {
			f.Args[args[i]] = args[i+1]
		}
	}
	l.out = append(l.out, f)
}

// records lists the samples of an entity; an entity without samples is linted with one empty
// record named "", which only the checks that do not depend on values use.
func (l *linter) records(entity string) sample.Set {
	if s := l.samples[entity]; len(s) > 0 {
		return s
	}
	return sample.Set{{Name: "", Record: sample.Record{}}}
}

// sort orders findings by stage, then by the robot's position; findings about a stage as a
// whole or about several stages come after its robots'.
func (l *linter) sort() {
	pos := map[string]int{}
	for _, ref := range l.p.Stages() {
		for i, r := range l.p.Robots(ref) {
			pos[r.ID] = i
		}
	}
	rank := func(f model.Finding) int {
		if i, ok := pos[f.RobotID]; ok && f.RobotID != "" {
			return i
		}
		return 1 << 20
	}
	sort.SliceStable(l.out, func(i, j int) bool {
		a, b := l.out[i], l.out[j]
		if a.Stage != b.Stage {
			if a.Stage.Entity != b.Stage.Entity {
				return a.Stage.Entity < b.Stage.Entity
			}
			return a.Stage.Status < b.Stage.Status
		}
		return rank(a) < rank(b)
	})
}

func quote(s string) string { return "«" + s + "»" }

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}

// stageName is a stage's name from the snapshot, or its ID.
func (l *linter) stageName(entity, status string) string {
	if e := l.p.Portal.Entity(entity); e != nil {
		if _, st, ok := e.Stage(status); ok && st.Name != "" {
			return st.Name
		}
	}
	return status
}
