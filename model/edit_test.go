package model_test

import (
	"reflect"
	"strings"
	"testing"

	"robodesk/assets"
	"robodesk/model"
	"robodesk/model/exchange"
)

var (
	dealNew   = model.StageRef{Entity: "DEAL", Status: "NEW"}
	dealPrep  = model.StageRef{Entity: "DEAL", Status: "PREPARATION"}
	dealExec  = model.StageRef{Entity: "DEAL", Status: "EXECUTING"}
	dealWon   = model.StageRef{Entity: "DEAL", Status: "WON"}
	wholesale = model.StageRef{Entity: "DEAL", Status: "C1:NEW"}
	leadNew   = model.StageRef{Entity: "LEAD", Status: "NEW"}
)

func demo(t testing.TB) *model.Project {
	t.Helper()
	p, err := assets.DemoProject()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// snapshot is the project's robots as Bitrix24 JSON per pipeline, plus their local IDs by stage,
// so tests can compare whole states.
func snapshot(t testing.TB, p *model.Project) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, e := range p.Portal.Entities {
		for _, pl := range e.Pipelines {
			key := e.Key(pl)
			data, err := exchange.Export(p, key, exchange.Templates, "")
			if err != nil {
				t.Fatal(err)
			}
			out[key.String()] = string(data)
			var ids []string
			for _, st := range pl.Stages {
				for _, r := range p.Robots(model.StageRef{Entity: e.ID, Status: st.StatusID}) {
					ids = append(ids, st.StatusID+":"+r.ID)
				}
			}
			out[key.String()+" ids"] = strings.Join(ids, ",")
		}
	}
	return out
}

func ids(rs []*model.Robot) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func titles(rs []*model.Robot) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Title())
	}
	return out
}

// TestCommandsUndo runs each command, checks its effect, then applies its undo ops and checks
// the project is exactly as before.
func TestCommandsUndo(t *testing.T) {
	tests := []struct {
		name  string
		cmd   func(p *model.Project) model.Command
		check func(t *testing.T, p *model.Project, ch model.Change)
	}{
		{
			name: "move to another stage at index",
			cmd: func(p *model.Project) model.Command {
				return model.Move{IDs: ids(p.Robots(dealNew))[:1], To: dealWon, Index: 1}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				if got := titles(p.Robots(dealWon)); !reflect.DeepEqual(got, []string{"Новость о крупной сделке", "Уведомление о новой сделке", "Благодарность клиенту"}) {
					t.Errorf("WON = %v", got)
				}
				if len(p.Robots(dealNew)) != 3 || ch.Count != 1 || ch.Subject != "Уведомление о новой сделке" {
					t.Errorf("NEW has %d, change %+v", len(p.Robots(dealNew)), ch)
				}
			},
		},
		{
			name: "move within a column reorders",
			cmd: func(p *model.Project) model.Command {
				return model.Move{IDs: ids(p.Robots(dealNew))[3:], To: dealNew, Index: 0}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				if got := titles(p.Robots(dealNew)); got[0] != "Позвонить клиенту" || got[1] != "Уведомление о новой сделке" || len(got) != 4 {
					t.Errorf("NEW = %v", got)
				}
			},
		},
		{
			name: "move to another pipeline of the entity",
			cmd: func(p *model.Project) model.Command {
				return model.Move{IDs: ids(p.Robots(dealExec)), To: wholesale, Index: -1}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				if len(p.Robots(dealExec)) != 0 || len(p.Robots(wholesale)) != 6 || ch.Count != 4 {
					t.Errorf("EXECUTING %d, C1:NEW %d", len(p.Robots(dealExec)), len(p.Robots(wholesale)))
				}
				// The chain keeps referring to the chat robot, which moved with it.
				rs := p.Robots(wholesale)
				if !strings.Contains(rs[3].Properties["ChatId"].(string), rs[2].Name) {
					t.Errorf("reference lost: %v vs %s", rs[3].Properties["ChatId"], rs[2].Name)
				}
			},
		},
		{
			name: "copy a set rewrites references between the copies",
			cmd: func(p *model.Project) model.Command {
				return model.Copy{IDs: ids(p.Robots(dealExec))[:3], To: dealWon, Index: -1}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				src, won := p.Robots(dealExec), p.Robots(dealWon)
				if len(src) != 4 || len(won) != 5 {
					t.Fatalf("EXECUTING %d, WON %d", len(src), len(won))
				}
				chat, add, msg := won[2], won[3], won[4]
				for i, c := range []*model.Robot{chat, add, msg} {
					if c.Name == src[i].Name || c.ID == src[i].ID || c.Title() != src[i].Title() || c.Type != src[i].Type {
						t.Errorf("copy %d: name %s id %s title %q", i, c.Name, c.ID, c.Title())
					}
				}
				want := "{=" + chat.Name + ":ChatId}"
				if add.Properties["ChatId"] != want || msg.Properties["ChatId"] != want {
					t.Errorf("references: %v, %v, want %s", add.Properties["ChatId"], msg.Properties["ChatId"], want)
				}
				if src[1].Properties["ChatId"] != "{="+src[0].Name+":ChatId}" {
					t.Errorf("original changed: %v", src[1].Properties["ChatId"])
				}
			},
		},
		{
			name: "copy gets fresh delay names",
			cmd: func(p *model.Project) model.Command {
				return model.Copy{IDs: ids(p.Robots(dealNew))[2:3], To: dealNew, Index: -1}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				rs := p.Robots(dealNew)
				orig, cp := rs[2], rs[4]
				if cp.DelayName == "" || cp.DelayName == orig.DelayName || cp.Name == orig.Name || !reflect.DeepEqual(cp.Delay, orig.Delay) {
					t.Errorf("copy %+v of %+v", cp, orig)
				}
			},
		},
		{
			name: "delete several",
			cmd: func(p *model.Project) model.Command {
				return model.Delete{IDs: append(ids(p.Robots(dealNew))[:2], ids(p.Robots(leadNew))[0])}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				if len(p.Robots(dealNew)) != 2 || len(p.Robots(leadNew)) != 2 || ch.Count != 3 {
					t.Errorf("NEW %d, lead NEW %d", len(p.Robots(dealNew)), len(p.Robots(leadNew)))
				}
			},
		},
		{
			name: "toggle off",
			cmd: func(p *model.Project) model.Command {
				return model.Toggle{IDs: ids(p.Robots(dealNew)), Activated: false}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				for _, r := range p.Robots(dealNew) {
					if r.Activated {
						t.Errorf("%s still on", r.Title())
					}
				}
			},
		},
		{
			name: "update delay, condition and text",
			cmd: func(p *model.Project) model.Command {
				r := p.Robots(dealNew)[0].Clone()
				r.Properties["MessageText"] = "Новый текст {=Document:TITLE}"
				r.Delay = &model.Delay{Type: model.DelayBefore, Value: 2, ValueType: "h", Basis: "{=Document:CLOSEDATE}", WorkTime: true}
				r.DelayName = "A55555_55555_55555_55555"
				r.Condition = &model.Condition{Type: "field", Items: []model.ConditionItem{{Object: "Document", Field: "OPPORTUNITY", Operator: ">", Value: "5", Joiner: model.JoinAnd}}}
				return model.Update{Robots: []*model.Robot{r}}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				r := p.Robots(dealNew)[0]
				if r.Properties["MessageText"] != "Новый текст {=Document:TITLE}" || r.Delay.Type != "before" || r.Condition.Items[0].Value != "5" {
					t.Errorf("robot %+v", r)
				}
			},
		},
		{
			name: "add at the front with a fresh name",
			cmd: func(p *model.Project) model.Command {
				return model.Add{To: dealPrep, Index: 0, Robots: []*model.Robot{{Type: "WebHookActivity", Activated: true, Properties: model.Properties{"Title": "Хук", "Handler": "https://x.ru"}}}}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				rs := p.Robots(dealPrep)
				if rs[0].Title() != "Хук" || rs[0].ID == "" || !strings.HasPrefix(rs[0].Name, "A") || len(rs[0].Name) != 24 {
					t.Errorf("added %+v", rs[0])
				}
			},
		},
		{
			name: "reorder",
			cmd: func(p *model.Project) model.Command {
				rs := ids(p.Robots(dealNew))
				return model.Reorder{Stage: dealNew, IDs: []string{rs[3], rs[2], rs[1], rs[0]}}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				if got := titles(p.Robots(dealNew)); got[0] != "Позвонить клиенту" || got[3] != "Уведомление о новой сделке" {
					t.Errorf("order %v", got)
				}
			},
		},
		{
			name: "batch of different commands",
			cmd: func(p *model.Project) model.Command {
				first := ids(p.Robots(dealNew))[:1]
				return model.Batch{Label: "paste", Commands: []model.Command{
					model.Copy{IDs: first, To: dealWon, Index: 0},
					model.Delete{IDs: first},
					model.Toggle{IDs: ids(p.Robots(dealPrep)), Activated: false},
				}}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				if len(p.Robots(dealNew)) != 3 || len(p.Robots(dealWon)) != 3 || p.Robots(dealPrep)[0].Activated {
					t.Errorf("batch result wrong")
				}
				if ch.Label != "paste" || ch.Count != 4 {
					t.Errorf("change %s/%d", ch.Label, ch.Count)
				}
			},
		},
		{
			name: "replace keeps ids of robots with the same name",
			cmd: func(p *model.Project) model.Command {
				rs := p.Robots(dealNew)
				kept := rs[1].Clone()
				kept.ID = ""
				kept.Properties["MailSubject"] = "Другая тема"
				return model.Replace{Label: "import", Stages: []model.StageContent{{Stage: dealNew, Robots: []*model.Robot{kept}}}}
			},
			check: func(t *testing.T, p *model.Project, ch model.Change) {
				rs := p.Robots(dealNew)
				if len(rs) != 1 || rs[0].Properties["MailSubject"] != "Другая тема" {
					t.Fatalf("NEW = %v", titles(rs))
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := demo(t)
			before := snapshot(t, p)
			ch, err := tc.cmd(p).Change(p)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(snapshot(t, p), before) {
				t.Fatal("Change modified the project")
			}
			if err := p.Apply(ch.Do); err != nil {
				t.Fatal(err)
			}
			tc.check(t, p, ch)
			if err := p.Apply(ch.Undo); err != nil {
				t.Fatal(err)
			}
			after := snapshot(t, p)
			for k, v := range before {
				if after[k] != v {
					t.Errorf("undo did not restore %s", k)
				}
			}
			if err := p.Apply(ch.Do); err != nil {
				t.Fatal(err)
			}
			tc.check(t, p, ch)
		})
	}
}

func TestCommandErrors(t *testing.T) {
	tests := []struct {
		name string
		cmd  func(p *model.Project) model.Command
		want string
	}{
		{"move unknown robot", func(*model.Project) model.Command { return model.Move{IDs: []string{"nope"}, To: dealWon} }, "no such robot"},
		{"move to unknown stage", func(p *model.Project) model.Command {
			return model.Move{IDs: ids(p.Robots(dealNew))[:1], To: model.StageRef{Entity: "DEAL", Status: "GONE"}}
		}, `unknown stage "GONE"`},
		{"copy nothing", func(*model.Project) model.Command { return model.Copy{To: dealWon} }, "no robots selected"},
		{"reorder wrong count", func(p *model.Project) model.Command {
			return model.Reorder{Stage: dealNew, IDs: ids(p.Robots(dealNew))[:1]}
		}, "1 robots given, stage has 4"},
		{"update to a taken name", func(p *model.Project) model.Command {
			r := p.Robots(dealNew)[0].Clone()
			r.Name = p.Robots(dealNew)[1].Name
			return model.Update{Robots: []*model.Robot{r}}
		}, "is empty or taken"},
		{"add to unknown entity stage", func(*model.Project) model.Command {
			return model.Add{To: model.StageRef{Entity: "DEAL", Status: "X"}, Robots: []*model.Robot{{Type: "X"}}}
		}, `unknown stage "X"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := demo(t)
			_, err := tc.cmd(p).Change(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestNoopGesturesMakeNoChange(t *testing.T) {
	p := demo(t)
	rs := ids(p.Robots(dealNew))
	for _, cmd := range []model.Command{
		model.Move{IDs: rs[1:2], To: dealNew, Index: 1},
		model.Reorder{Stage: dealNew, IDs: rs},
		model.Toggle{IDs: rs, Activated: true},
		model.Update{Robots: []*model.Robot{p.Robots(dealNew)[0].Clone()}},
	} {
		ch, err := cmd.Change(p)
		if err != nil {
			t.Fatal(err)
		}
		if !ch.Empty() {
			t.Errorf("%T: %d ops for a no-op", cmd, len(ch.Do))
		}
	}
}

// TestPositionsRenumber inserts repeatedly between the same two robots until fractional
// positions run out; the stage must renumber and keep the order right.
func TestPositionsRenumber(t *testing.T) {
	p := demo(t)
	for i := 0; i < 80; i++ {
		src := p.Robots(dealWon)[0].ID
		ch, err := model.Copy{IDs: []string{src}, To: dealNew, Index: 1}.Change(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Apply(ch.Do); err != nil {
			t.Fatal(err)
		}
	}
	rs := p.Robots(dealNew)
	if len(rs) != 84 || rs[0].Title() != "Уведомление о новой сделке" || rs[83].Title() != "Позвонить клиенту" {
		t.Fatalf("order broken: %d robots, first %q last %q", len(rs), rs[0].Title(), rs[83].Title())
	}
	for i := 1; i < len(rs); i++ {
		if rs[i].Pos <= rs[i-1].Pos {
			t.Fatalf("positions not increasing at %d", i)
		}
	}
}
