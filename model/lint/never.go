package lint

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/preview"
	"robodesk/model/sample"
	"robodesk/model/sim"
	"robodesk/model/tmpl"
)

// condition checks a robot's condition: values that name users or stages the portal lacks,
// and OR groups that can never hold. A group can never hold when, for one of its fields, no
// value the field can take satisfies all the group's items on it. The values tried are the
// ones the items name and their neighbours (for ranges), the field's options, the portal's
// users, and empty; each is judged with sim.Check, so the linter and the simulator agree on
// what a comparison means.
func (l *linter) condition(ref model.StageRef, r *model.Robot) {
	c := r.Condition
	if c == nil || len(c.Items) == 0 || !r.Activated {
		return
	}
	env := preview.NewEnv(l.p.Portal, ref.Entity, nil, l.now)
	for i, it := range c.Items {
		l.conditionValue(ref, r, env, i, it)
	}
	groups := orGroups(c.Items)
	type deadGroup struct {
		n   int
		why string
	}
	var dead []deadGroup
	for n, g := range groups {
		if why, ok := l.never(env, c.Items, g); ok {
			dead = append(dead, deadGroup{n, why})
		}
	}
	switch {
	case len(dead) == 0:
	case len(dead) == len(groups):
		var why []string
		for _, d := range dead {
			why = append(why, d.why)
		}
		l.add(model.SevError, ref, r, "Condition", CodeConditionNever,
			"the condition can never hold, so the robot never runs: "+strings.Join(why, "; "), "why", strings.Join(why, "; "))
	default:
		for _, d := range dead {
			l.add(model.SevWarning, ref, r, fmt.Sprintf("Condition.items[%d]", groups[d.n][0]), CodeConditionNever,
				fmt.Sprintf("the %s group of the condition can never hold: %s", ordinal(d.n+1), d.why), "why", d.why)
		}
	}
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	}
	return strconv.Itoa(n) + "th"
}

// orGroups splits condition items into the groups OR separates, as item indexes.
func orGroups(items []model.ConditionItem) [][]int {
	var out [][]int
	var cur []int
	for i, it := range items {
		cur = append(cur, i)
		if strings.EqualFold(it.Joiner, model.JoinOr) || i == len(items)-1 {
			out = append(out, cur)
			cur = nil
		}
	}
	return out
}

// conditionValue flags users and stages a condition compares with that do not exist.
func (l *linter) conditionValue(ref model.StageRef, r *model.Robot, env *preview.Env, i int, it model.ConditionItem) {
	f, ok := env.Field(it.Field)
	if !ok || (it.Object != "" && it.Object != "Document") {
		return
	}
	path := fmt.Sprintf("Condition.items[%d]", i)
	for _, v := range plainValues(it.Value) {
		switch {
		case f.Type == tmpl.TypeUser && len(l.p.Portal.Users) > 0:
			id, err := strconv.Atoi(strings.TrimPrefix(v, "user_"))
			if err != nil {
				continue
			}
			if _, ok := l.p.Portal.User(id); !ok {
				l.add(model.SevError, ref, r, path, CodeUnknownUser, fmt.Sprintf("the condition compares with user %s, who does not exist on the portal", v), "user", v)
			}
		case env.Entity != nil && isStageField(env.Entity, it.Field):
			if _, _, ok := env.Entity.Stage(v); !ok {
				l.add(model.SevError, ref, r, path, CodeUnknownStage, fmt.Sprintf("the condition compares with stage %s, which %s does not have", v, env.Entity.ID), "stage", v)
			}
		}
	}
}

func isStageField(e *model.Entity, id string) bool {
	f, ok := e.Field(id)
	return ok && (f.Type == "stage" || f.Type == "status")
}

// plainValues lists a condition value's strings that are written out (not placeholders) and
// not empty.
func plainValues(v any) []string {
	var out []string
	var walk func(any)
	walk = func(x any) {
		switch t := x.(type) {
		case []any:
			for _, y := range t {
				walk(y)
			}
		case string:
			if strings.TrimSpace(t) != "" && !preview.HasTemplate(t) {
				out = append(out, strings.TrimSpace(t))
			}
		case nil:
		default:
			out = append(out, fmt.Sprint(t))
		}
	}
	walk(v)
	return out
}

// never tells whether the items of one AND group contradict each other, and why.
func (l *linter) never(env *preview.Env, items []model.ConditionItem, group []int) (string, bool) {
	byField := map[string][]model.ConditionItem{}
	var order []string
	for _, i := range group {
		it := items[i]
		if it.Object != "" && it.Object != "Document" {
			continue
		}
		if _, known := env.Field(it.Field); !known || hasTemplateValue(it.Value) {
			continue
		}
		it.Joiner = model.JoinAnd
		if byField[it.Field] == nil {
			order = append(order, it.Field)
		}
		byField[it.Field] = append(byField[it.Field], it)
	}
	for _, id := range order {
		fieldItems := byField[id]
		if l.satisfiable(env, id, fieldItems) {
			continue
		}
		var texts []string
		for _, it := range fieldItems {
			texts = append(texts, sim.Describe(env, it))
		}
		if len(texts) == 1 {
			return texts[0] + " cannot hold" + l.becauseOptions(env, id, fieldItems[0]), true
		}
		return strings.Join(texts, " and ") + " cannot all hold", true
	}
	return "", false
}

func hasTemplateValue(v any) bool {
	switch t := v.(type) {
	case string:
		return preview.HasTemplate(t)
	case []any:
		for _, x := range t {
			if hasTemplateValue(x) {
				return true
			}
		}
	}
	return false
}

// becauseOptions explains an item that names a value a select field cannot take.
func (l *linter) becauseOptions(env *preview.Env, id string, it model.ConditionItem) string {
	f, _ := env.Field(id)
	if len(f.Options) == 0 {
		return ""
	}
	var bad []string
	for _, v := range plainValues(it.Value) {
		found := false
		for _, o := range f.Options {
			found = found || o.Value == v
		}
		if !found {
			bad = append(bad, v)
		}
	}
	if len(bad) == 0 {
		return ""
	}
	return ": " + quoteAll(bad) + " is not among the field's options"
}

// satisfiable looks for a value of the field that makes all the items hold.
func (l *linter) satisfiable(env *preview.Env, id string, items []model.ConditionItem) bool {
	f, _ := env.Field(id)
	cond := &model.Condition{Type: "field", Items: items}
	for _, cand := range l.candidates(env, f, items) {
		probe := preview.NewEnv(l.p.Portal, env.Entity.ID, sample.Record{id: cand}, l.now)
		if sim.Check(probe, cond, preview.Earlier{}, l.now).Holds {
			return true
		}
	}
	return false
}

// candidates are the values worth trying for a field against some items.
func (l *linter) candidates(env *preview.Env, f tmpl.Field, items []model.ConditionItem) []sample.Value {
	var consts []string
	for _, it := range items {
		consts = append(consts, plainValues(it.Value)...)
	}
	var singles []string
	switch f.Type {
	case tmpl.TypeSelect:
		for _, o := range f.Options {
			singles = append(singles, o.Value)
		}
		if len(f.Options) == 0 {
			singles = append(singles, consts...)
		}
	case tmpl.TypeBool:
		singles = []string{"Y", "N"}
	case tmpl.TypeUser:
		for _, u := range l.p.Portal.Users {
			singles = append(singles, "user_"+strconv.Itoa(u.ID))
		}
		if len(l.p.Portal.Users) == 0 {
			singles = append(singles, consts...)
		}
	case tmpl.TypeInt, tmpl.TypeDouble, tmpl.TypeMoney:
		singles = numberCandidates(consts)
	case tmpl.TypeDate, tmpl.TypeDateTime:
		singles = timeCandidates(env, consts, f.Type == tmpl.TypeDate)
	default:
		singles = append(singles, consts...)
		singles = append(singles, "0", "\u2063other", strings.Join(consts, " "))
	}
	singles = append(singles, "")
	out := make([]sample.Value, 0, len(singles)+2)
	for _, s := range singles {
		out = append(out, sample.Value{s})
	}
	if f.Multiple {
		var all sample.Value
		for _, s := range singles {
			if s != "" && contains(consts, s) {
				all = append(all, s)
			}
		}
		out = append(out, all, sample.Value{})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// numberCandidates are the named numbers, their neighbours and the midpoints between them.
func numberCandidates(consts []string) []string {
	var nums []float64
	for _, c := range consts {
		s := strings.ReplaceAll(strings.ReplaceAll(c, " ", ""), ",", ".")
		if amount, _, ok := strings.Cut(s, "|"); ok {
			s = amount
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			nums = append(nums, f)
		}
	}
	sort.Float64s(nums)
	vals := []float64{0, -1e12, 1e12}
	for i, n := range nums {
		vals = append(vals, n, n-1, n+1, n-0.5, n+0.5)
		if i > 0 {
			vals = append(vals, (nums[i-1]+n)/2)
		}
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			out = append(out, strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	return out
}

// timeCandidates are the named moments, their neighbours and the midpoints between them.
func timeCandidates(env *preview.Env, consts []string, dateOnly bool) []string {
	var ts []time.Time
	for _, c := range consts {
		if t, ok := env.ParseTime(c); ok {
			ts = append(ts, t)
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	step := time.Minute
	if dateOnly {
		step = 24 * time.Hour
	}
	vals := []time.Time{env.Base, env.Base.AddDate(-50, 0, 0), env.Base.AddDate(50, 0, 0)}
	for i, t := range ts {
		vals = append(vals, t, t.Add(-step), t.Add(step))
		if i > 0 {
			vals = append(vals, ts[i-1].Add(t.Sub(ts[i-1])/2))
		}
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		out = append(out, v.Format("2006-01-02 15:04:05"))
	}
	return out
}
