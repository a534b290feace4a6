package plan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"robodesk/model"
	"robodesk/sync/plan"
)

var stage = model.StageRef{Entity: "DEAL", Status: "NEW"}

// rb is a robot named A<n> titled title.
func rb(n, title string) *model.Robot {
	return &model.Robot{Name: "A" + n, Type: "SocNetMessageActivity", Activated: true,
		Properties: model.Properties{"Title": title, "MessageText": "text " + n}}
}

// edit returns a changed copy of r.
func edit(r *model.Robot, f func(*model.Robot)) *model.Robot {
	c := r.Clone()
	f(c)
	return c
}

func retitle(r *model.Robot, title string) *model.Robot {
	return edit(r, func(c *model.Robot) { c.Properties["Title"] = title })
}

func list(rs ...*model.Robot) []*model.Robot { return rs }

var (
	a, b, c, d = rb("1", "a"), rb("2", "b"), rb("3", "c"), rb("4", "d")
)

// titles lists the robots' titles, the quickest readable picture of a stage.
func titles(rs []*model.Robot) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Title()
	}
	return strings.Join(out, ",")
}

// shape is a stage's plan at a glance: each robot's Name, effective symbol and action.
func shape(s *plan.Stage) string {
	var out []string
	for _, r := range s.Robots {
		out = append(out, r.Symbol()+r.Name+":"+string(r.Action))
	}
	if s.Order != nil {
		out = append(out, "order:"+string(s.Order.Action))
	}
	return strings.Join(out, " ")
}

func TestThreeWay(t *testing.T) {
	tests := []struct {
		name                string
		base, local, remote []*model.Robot
		noBase              bool
		shape               string
		// merged is the stage after apply when resolvable; mine/theirs after choosing.
		merged, mine, theirs string
		push, take           bool
	}{
		{name: "nothing changed", base: list(a, b), local: list(a, b), remote: list(a, b), shape: "", merged: "a,b"},
		{name: "added here", base: list(a), local: list(a, b), remote: list(a), shape: "+A2:push", merged: "a,b", push: true},
		{name: "removed here", base: list(a, b), local: list(a), remote: list(a, b), shape: "-A2:push", merged: "a", push: true},
		{name: "changed here", base: list(a, b), local: list(a, retitle(b, "B")), remote: list(a, b), shape: "~A2:push", merged: "a,B", push: true},
		{name: "added on the portal", base: list(a), local: list(a), remote: list(a, b), shape: "+A2:take", merged: "a,b", take: true},
		{name: "removed on the portal", base: list(a, b), local: list(a, b), remote: list(b), shape: "-A1:take", merged: "b", take: true},
		{name: "changed on the portal", base: list(a, b), local: list(a, b), remote: list(retitle(a, "A"), b), shape: "~A1:take", merged: "A,b", take: true},
		{name: "both sides, different robots", base: list(a, b), local: list(retitle(a, "A"), b), remote: list(a, retitle(b, "B")),
			shape: "~A1:push ~A2:take", merged: "A,B", push: true, take: true},
		{name: "the same change on both sides", base: list(a, b), local: list(a, retitle(b, "B")), remote: list(a, retitle(b, "B")), shape: "", merged: "a,B"},
		{name: "removed on both sides", base: list(a, b), local: list(a), remote: list(a), shape: "", merged: "a"},
		{name: "changed differently", base: list(a, b), local: list(a, retitle(b, "mine")), remote: list(a, retitle(b, "theirs")),
			shape: "!A2:conflict", mine: "a,mine", theirs: "a,theirs"},
		{name: "removed here, changed on the portal", base: list(a, b), local: list(a), remote: list(a, retitle(b, "theirs")),
			shape: "!A2:conflict", mine: "a", theirs: "a,theirs"},
		{name: "changed here, removed on the portal", base: list(a, b), local: list(a, retitle(b, "mine")), remote: list(a),
			shape: "!A2:conflict", mine: "a,mine", theirs: "a"},
		{name: "reordered here", base: list(a, b, c), local: list(c, a, b), remote: list(a, b, c), shape: "order:push", merged: "c,a,b", push: true},
		{name: "reordered on the portal", base: list(a, b, c), local: list(a, b, c), remote: list(b, a, c), shape: "order:take", merged: "b,a,c", take: true},
		{name: "reordered the same way", base: list(a, b, c), local: list(b, a, c), remote: list(b, a, c), shape: "", merged: "b,a,c"},
		{name: "reordered differently", base: list(a, b, c), local: list(c, a, b), remote: list(b, a, c), shape: "order:conflict",
			mine: "c,a,b", theirs: "b,a,c"},
		{name: "reordered here, added on the portal", base: list(a, b, c), local: list(c, b, a), remote: list(a, b, d, c),
			shape: "+A4:take order:push", merged: "c,b,d,a", push: true, take: true},
		{name: "added here and on the portal", base: list(a), local: list(a, b), remote: list(c, a),
			shape: "+A2:push +A3:take", merged: "c,a,b", push: true, take: true},
		{name: "never synced, same robots", noBase: true, local: list(a, b), remote: list(a, b), shape: "", merged: "a,b"},
		{name: "never synced, one side each", noBase: true, local: list(a), remote: list(b), shape: "+A1:push +A2:take", merged: "a,b", push: true, take: true},
		{name: "never synced, robot differs", noBase: true, local: list(retitle(a, "mine")), remote: list(retitle(a, "theirs")),
			shape: "!A1:conflict", mine: "mine", theirs: "theirs"},
		{name: "never synced, order differs", noBase: true, local: list(a, b), remote: list(b, a), shape: "order:conflict", mine: "a,b", theirs: "b,a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &plan.Plan{Host: "example.bitrix24.ru", Stages: []*plan.Stage{plan.Diff(plan.Input{Ref: stage, Pipeline: "DEAL:0",
				Base: tt.base, HasBase: !tt.noBase, Local: tt.local, Remote: tt.remote, Revision: "7"})}}
			s := p.Stages[0]
			if got := shape(s); got != tt.shape {
				t.Fatalf("plan %q, want %q", got, tt.shape)
			}
			if tt.mine != "" {
				if _, err := s.Merged(); !errors.Is(err, plan.ErrUnresolved) {
					t.Fatalf("a conflict merged without a choice: %v", err)
				}
				if s.NeedsPush() || s.NeedsTake() {
					t.Fatal("an unresolved stage would be applied")
				}
				for _, choice := range []plan.Choice{plan.Mine, plan.Theirs} {
					p.ChooseAll(choice)
					m, err := s.Merged()
					if err != nil {
						t.Fatal(err)
					}
					want := map[plan.Choice]string{plan.Mine: tt.mine, plan.Theirs: tt.theirs}[choice]
					if titles(m) != want {
						t.Errorf("%s: merged %s, want %s", choice, titles(m), want)
					}
				}
				return
			}
			m, err := s.Merged()
			if err != nil {
				t.Fatal(err)
			}
			if titles(m) != tt.merged {
				t.Errorf("merged %s, want %s", titles(m), tt.merged)
			}
			if s.NeedsPush() != tt.push || s.NeedsTake() != tt.take {
				t.Errorf("push %v take %v, want %v %v", s.NeedsPush(), s.NeedsTake(), tt.push, tt.take)
			}
			if s.Changed() != (tt.shape != "") {
				t.Errorf("Changed() = %v", s.Changed())
			}
		})
	}
}

func TestFieldDiffs(t *testing.T) {
	base := rb("1", "a")
	now := edit(base, func(r *model.Robot) {
		r.Activated = false
		r.ExecuteAfterPrevious = true
		r.Properties["MessageText"] = "new text"
		r.Properties["MessageUserTo"] = []any{"user_1"}
		r.Delay = &model.Delay{Type: model.DelayAfter, Value: 2, ValueType: "h", Basis: model.BasisNow, WorkTime: true}
		r.Condition = &model.Condition{Type: "field", Items: []model.ConditionItem{{Object: "Document", Field: "OPPORTUNITY", Operator: ">", Value: "5", Joiner: model.JoinAnd}}}
	})
	s := plan.Diff(plan.Input{Ref: stage, Base: list(base), HasBase: true, Local: list(now), Remote: list(base)})
	if len(s.Robots) != 1 {
		t.Fatalf("robots %v", shape(s))
	}
	got := map[string]plan.FieldDiff{}
	var order []string
	for _, f := range s.Robots[0].Local.Fields {
		got[f.Path] = f
		order = append(order, f.Path)
	}
	want := map[string]string{
		"Activated":                `"Y"|"N"`,
		"ExecuteAfterPrevious":     `false|true`,
		"Properties.MessageText":   `"text 1"|"new text"`,
		"Properties.MessageUserTo": `|["user_1"]`,
		"Delay.value":              `|2`,
		"Delay.valueType":          `|"h"`,
		"Delay.workTime":           `|true`,
	}
	for path, v := range want {
		old, nw, _ := strings.Cut(v, "|")
		if f, ok := got[path]; !ok || f.Old != old || f.New != nw {
			t.Errorf("%s: got %+v, want %s → %s", path, f, old, nw)
		}
	}
	if f := got["Condition"]; f.Old != "" || !strings.Contains(f.New, `"OPPORTUNITY"`) {
		t.Errorf("condition: %+v", f)
	}
	if order[0] != "Activated" || order[len(order)-1] != "ExecuteAfterPrevious" {
		t.Errorf("field order %v", order)
	}
	if _, ok := got["Properties.Title"]; ok {
		t.Error("an unchanged title is listed")
	}
}

func TestBlockedStages(t *testing.T) {
	external := plan.Diff(plan.Input{Ref: stage, HasBase: true, Base: list(a), Local: list(a, b), Remote: list(a), ExternalModified: true})
	if external.Blocked != plan.BlockedExternal || external.NeedsPush() {
		t.Errorf("externally modified stage: blocked %q, push %v", external.Blocked, external.NeedsPush())
	}
	quiet := plan.Diff(plan.Input{Ref: stage, HasBase: true, Base: list(a), Local: list(a), Remote: list(a), ExternalModified: true})
	if quiet.Changed() {
		t.Error("an externally modified stage without differences is reported")
	}
	missing := plan.Diff(plan.Input{Ref: stage, Local: list(a), Missing: true})
	if missing.Blocked != plan.BlockedMissing || missing.NeedsPush() || missing.NeedsTake() {
		t.Errorf("missing stage: %q", missing.Blocked)
	}
}

func TestChooseAndSummary(t *testing.T) {
	p := &plan.Plan{Host: "h", Stages: []*plan.Stage{
		plan.Diff(plan.Input{Ref: stage, Pipeline: "DEAL:0", HasBase: true, Base: list(a, b, c), Local: list(retitle(a, "A"), c, b, d), Remote: list(retitle(a, "X"), c, b)}),
		plan.Diff(plan.Input{Ref: model.StageRef{Entity: "DEAL", Status: "WON"}, Pipeline: "DEAL:0", HasBase: true, Base: list(a), Local: list(a), Remote: list()}),
	}}
	sum := p.Summary()
	want := plan.Summary{Stages: 2, Push: 1, Added: 1, Take: 1, Conflicts: 1, Unresolved: 1}
	if sum != want {
		t.Fatalf("summary %+v, want %+v", sum, want)
	}
	if err := p.Choose(stage, "A2", plan.Mine); err == nil {
		t.Error("chose a side for a robot that is not in conflict")
	}
	if err := p.Choose(stage, "", plan.Theirs); err == nil {
		t.Error("chose an order that is not in conflict")
	}
	if err := p.Choose(stage, "A1", "ours"); err == nil {
		t.Error("accepted an unknown choice")
	}
	if err := p.Choose(stage, "A1", plan.Theirs); err != nil {
		t.Fatal(err)
	}
	if p.Unresolved() != 0 {
		t.Fatal("conflict still unresolved")
	}
	m, _ := p.Stages[0].Merged()
	if titles(m) != "X,c,b,d" {
		t.Errorf("merged %s", titles(m))
	}
	if p.Summary().Take != 2 {
		t.Errorf("a conflict resolved theirs is not counted as taken: %+v", p.Summary())
	}
}

func TestWriteText(t *testing.T) {
	p := &plan.Plan{Host: "example.bitrix24.ru", MadeAt: time.Date(2025, 7, 10, 11, 15, 0, 0, time.UTC), Connector: "1.0.0", Stages: []*plan.Stage{
		plan.Diff(plan.Input{Ref: stage, Pipeline: "DEAL:0", StageName: "Новая", Revision: "3", HasBase: true,
			Base: list(a, b, c), Local: list(retitle(a, "A"), b, d), Remote: list(a, retitle(b, "theirs"), retitle(c, "C"))}),
	}}
	var buf bytes.Buffer
	if err := p.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Plan for example.bitrix24.ru (read 2025-07-10 11:15:00 UTC, connector 1.0.0)",
		"DEAL:0 / NEW «Новая»  (portal revision 3)",
		"~ «A» (A1)  → portal",
		`Properties.Title: "a" → "A"`,
		"~ «theirs» (A2)  ← portal",
		"! «c» (A3)  conflict: removed here, changed on the portal",
		"      here: removed",
		`        Properties.Title: "c" → "C"`,
		"+ «d» (A4)  → portal",
		"1 stage: push 2 (+1 ~1 -0), take 1, 1 conflict (1 unresolved)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	js, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Portal  string
		Summary plan.Summary
		Stages  []struct {
			Stage  model.StageRef
			Robots []struct{ Name, Action string }
		}
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.Portal != p.Host || back.Summary.Conflicts != 1 || len(back.Stages) != 1 || len(back.Stages[0].Robots) != 4 {
		t.Errorf("json: %s", js)
	}
}

func TestPending(t *testing.T) {
	tests := []struct {
		name        string
		base, local []*model.Robot
		noBase      bool
		want        int
	}{
		{"none", list(a, b), list(a, b), false, 0},
		{"add, change, remove", list(a, b, c), list(retitle(a, "A"), b, d), false, 3},
		{"reorder", list(a, b), list(b, a), false, 1},
		{"never synced", nil, list(a, b), true, 2},
	}
	for _, tt := range tests {
		if got := plan.Pending(tt.base, !tt.noBase, tt.local); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestRobotsRoundTrip(t *testing.T) {
	raw := json.RawMessage(`[{"Name":"A1","Type":"X","Activated":"N","Properties":{"Title":"<b>t</b>","N":1.50},"Unknown":{"k":[1]}}]`)
	rs, err := plan.DecodeRobots(raw)
	if err != nil {
		t.Fatal(err)
	}
	out, err := plan.EncodeRobots(rs)
	if err != nil {
		t.Fatal(err)
	}
	back, err := plan.DecodeRobots(out)
	if err != nil || !plan.SameRobots(rs, back) {
		t.Fatalf("round trip: %s, %v", out, err)
	}
	if !bytes.Contains(out, []byte("<b>t</b>")) || !bytes.Contains(out, []byte("1.50")) {
		t.Errorf("encoding changed the text or the number: %s", out)
	}
	if empty, _ := plan.EncodeRobots(nil); string(empty) != "[]" {
		t.Errorf("no robots encode as %s", empty)
	}
	if _, err := plan.DecodeRobots(json.RawMessage(`[{"Name":"A1"}]`)); err == nil || !strings.Contains(err.Error(), "ROBOTS[0].Type") {
		t.Errorf("a robot without a type: %v", err)
	}
}

// Robots the portal holds without an activity Name get one, and the stage is pushed so that
// both sides use it.
func TestUnnamedRemoteRobots(t *testing.T) {
	anon := rb("9", "anon")
	anon.Name = ""
	s := plan.Diff(plan.Input{Ref: stage, HasBase: true, Base: list(a), Local: list(a), Remote: list(a, anon)})
	m, err := s.Merged()
	if err != nil || len(m) != 2 || m[1].Name == "" || !strings.HasPrefix(m[1].Name, "A") {
		t.Fatalf("merged %+v, %v", m, err)
	}
	again, _ := s.Merged()
	if again[1].Name != m[1].Name {
		t.Fatal("the name changes from one look to the next")
	}
	if !s.NeedsPush() || !s.NeedsTake() {
		t.Fatal("the named robot must go to both sides")
	}
}
