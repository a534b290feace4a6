package lint

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/preview"
	"robodesk/model/sample"
	"robodesk/model/sim"
)

// texts renders the stage's robots for every sample of the entity, in a simulation that enters
// the stage early in a working day, and flags what the samples reveal: placeholders that come
// out empty, texts over their limit, return values of robots that have not run by then, and
// calculations that fail.
func (l *linter) texts(ref model.StageRef) {
	robots := l.p.Robots(ref)
	if len(robots) == 0 {
		return
	}
	entry := l.entries(ref)[0].at
	set := l.records(ref.Entity)
	l.calcErrors(ref, set[0].Record, entry)
	refSeen := map[string]bool{}
	for _, n := range set {
		tl := sim.Simulate(l.p, ref, n.Record, entry)
		for _, s := range tl.Steps {
			if s.Status != sim.Runs {
				continue
			}
			r := robots[s.Index]
			for _, t := range s.Texts {
				l.emptyFields(ref, r, t, n.Name)
				if t.TooLong && n.Name != "" {
					l.add(model.SevWarning, ref, r, t.Key, CodeTooLong,
						fmt.Sprintf("«%s» is %d characters for the sample %s, over the limit of %d", t.Label, t.Chars, quote(n.Name), t.MaxLen),
						"length", strconv.Itoa(t.Chars), "max", strconv.Itoa(t.MaxLen), "sample", n.Name)
				}
				for _, e := range t.Empty {
					if e.Reason != preview.ReasonNoSample || !strings.HasPrefix(e.Ref, "{=A") {
						continue
					}
					key := r.ID + "|" + t.Key + "|" + e.Ref
					if refSeen[key] {
						continue
					}
					if msg, ok := l.notRunYet(tl, robots, s, e.Ref, n.Name); ok {
						refSeen[key] = true
						l.add(model.SevWarning, ref, r, t.Key, CodeRefNotRun, msg, "ref", e.Ref, "sample", n.Name)
					}
				}
			}
		}
	}
}

// emptyFields reports the document fields of one text that render empty for a named sample;
// a client reading «Здравствуйте, !» is worse than a colleague doing so.
func (l *linter) emptyFields(ref model.StageRef, r *model.Robot, t preview.Text, sampleName string) {
	if sampleName == "" {
		return
	}
	var fields []string
	for _, e := range t.Empty {
		if (e.Reason == preview.ReasonEmpty || e.Reason == preview.ReasonNoSample) && strings.HasPrefix(e.Ref, "{=Document:") && !contains(fields, e.Field) {
			fields = append(fields, e.Field)
		}
	}
	if len(fields) == 0 {
		return
	}
	sev := model.SevInfo
	if t.ClientFacing {
		sev = model.SevWarning
	}
	verb := "renders"
	if len(fields) > 1 {
		verb = "render"
	}
	l.add(sev, ref, r, t.Key, CodeEmptyPlaceholder,
		fmt.Sprintf("%s %s empty in «%s» for the sample %s: %q", quoteAll(fields), verb, t.Label, quote(sampleName), t.Rendered),
		"fields", strings.Join(fields, ", "), "sample", sampleName)
}

// notRunYet explains why a referenced robot has not run when the text is rendered. A robot
// that simply runs later is left to Validate's warnings about parallel robots, unless Validate
// had nothing to say about the reference.
func (l *linter) notRunYet(tl sim.Timeline, robots []*model.Robot, s sim.Step, ref, sampleName string) (string, bool) {
	name := strings.TrimPrefix(ref, "{=")
	name, _, _ = strings.Cut(name, ":")
	for _, o := range tl.Steps {
		if robots[o.Index].Name != name || o.Index >= s.Index {
			continue
		}
		forSample := " for the sample " + quote(sampleName)
		if sampleName == "" {
			forSample = ""
		}
		switch o.Status {
		case sim.Disabled:
			return fmt.Sprintf("%s is empty: «%s» is switched off", ref, o.Title), true
		case sim.Skipped:
			return fmt.Sprintf("%s is empty%s: «%s» is skipped by its %s", ref, forSample, o.Title, o.Reason), true
		case sim.Runs:
			if l.validated(robots[s.Index].ID, ref) {
				return "", false
			}
			return fmt.Sprintf("%s is empty%s: «%s» runs at %s, after this robot at %s", ref, forSample, o.Title, sim.Stamp(o.At), sim.Stamp(s.At)), true
		default:
			return fmt.Sprintf("%s is empty%s: «%s» %s", ref, forSample, o.Title, o.Reason), true
		}
	}
	return "", false
}

// validated tells whether Validate already warned about a robot's reference.
func (l *linter) validated(robotID, ref string) bool {
	for _, f := range l.out {
		if f.RobotID == robotID && strings.HasPrefix(f.Code, "ref_") && f.Args["ref"] == ref {
			return true
		}
	}
	return false
}

// calcErrors renders every robot whether or not it would run, so a broken calculation in a
// robot that a condition skips for every sample is still found.
func (l *linter) calcErrors(ref model.StageRef, rec sample.Record, entry time.Time) {
	seen := map[string]bool{}
	for _, rt := range preview.Stage(l.p, ref, rec, entry) {
		r := l.p.Robots(ref)[rt.Index]
		for _, t := range rt.Texts {
			for _, e := range t.Errors {
				key := r.ID + "|" + t.Key + "|" + e.Message
				if seen[key] {
					continue
				}
				seen[key] = true
				l.add(model.SevError, ref, r, t.Key, CodeCalcError,
					fmt.Sprintf("the calculation at character %d fails with %q, and the portal sends it as written", e.Char+1, e.Message),
					"message", e.Message, "at", strconv.Itoa(e.Char+1))
			}
		}
	}
}
