package model_test

import (
	"sort"
	"strings"
	"testing"

	"robodesk/model"
	"robodesk/model/catalog"
)

func TestDemoIsValid(t *testing.T) {
	p := demo(t)
	for _, f := range model.Validate(p) {
		t.Errorf("demo finding: %s", f)
	}
}

// TestValidateRobot edits one demo robot per case and expects exactly the listed finding codes
// at the listed properties.
func TestValidateRobot(t *testing.T) {
	tests := []struct {
		name  string
		stage model.StageRef
		index int
		edit  func(r *model.Robot)
		want  []string // "severity code property"
	}{
		{"missing required text", dealNew, 0, func(r *model.Robot) { r.Properties["MessageText"] = "  " },
			[]string{"error required MessageText"}},
		{"missing nested required text", dealExec, 2, func(r *model.Robot) { r.Properties["MessageFields"] = map[string]any{} },
			[]string{"error required MessageFields.MessageText"}},
		{"SMS to employee over 200 characters", model.StageRef{Entity: "DEAL", Status: "FINAL_INVOICE"}, 1,
			func(r *model.Robot) { r.Properties["MessageText"] = strings.Repeat("я", 201) + " {=Document:TITLE}" },
			[]string{"error too_long MessageText"}},
		{"SMS to employee at 200 characters plus placeholders", model.StageRef{Entity: "DEAL", Status: "FINAL_INVOICE"}, 1,
			func(r *model.Robot) { r.Properties["MessageText"] = strings.Repeat("я", 200) + "{=Document:TITLE}" }, nil},
		{"malformed webhook URL", model.StageRef{Entity: "DEAL", Status: "C1:PREPAYMENT_INVOICE"}, 1,
			func(r *model.Robot) { r.Properties["Handler"] = "ftp//1c.torgdom.ru" }, []string{"error bad_url Handler"}},
		{"webhook URL from a field is fine", model.StageRef{Entity: "DEAL", Status: "C1:PREPAYMENT_INVOICE"}, 1,
			func(r *model.Robot) { r.Properties["Handler"] = "{=Document:UF_CRM_INVOICE_URL}" }, nil},
		{"before without a date basis", dealNew, 2, func(r *model.Robot) { r.Delay.Type = "before" },
			[]string{"error delay_needs_date Delay.basis"}},
		{"in with a non-date field", dealNew, 2, func(r *model.Robot) { r.Delay.Type, r.Delay.Basis = "in", "{=Document:TITLE}" },
			[]string{"error not_date_field Delay.basis"}},
		{"bad unit and negative value", dealNew, 2, func(r *model.Robot) { r.Delay.ValueType, r.Delay.Value = "w", -3 },
			[]string{"error delay_negative Delay.value", "error delay_unit Delay.valueType"}},
		{"delay basis is an unknown field", dealNew, 2, func(r *model.Robot) { r.Delay.Basis = "{=Document:UF_GONE}" },
			[]string{"error unknown_field Delay.basis"}},
		{"operator not valid for a number", dealExec, 1, func(r *model.Robot) { r.Condition.Items[0].Operator = "contain" },
			[]string{"error bad_operator Condition.items[0]"}},
		{"operator not valid for a date", dealExec, 1, func(r *model.Robot) {
			r.Condition.Items[0].Field, r.Condition.Items[0].Operator = "CLOSEDATE", "contain"
		}, []string{"error bad_operator Condition.items[0]"}},
		{"between needs two values", dealExec, 1, func(r *model.Robot) { r.Condition.Items[0].Operator, r.Condition.Items[0].Value = "between", "5" },
			[]string{"error between_value Condition.items[0]"}},
		{"condition on unknown field", dealExec, 1, func(r *model.Robot) { r.Condition.Items[0].Field = "UF_NOPE" },
			[]string{"error unknown_field Condition.items[0]"}},
		{"placeholder of unknown field", dealNew, 0, func(r *model.Robot) { r.Properties["MessageText"] = "Hi {=Document:UF_GONE > printable}" },
			[]string{"error unknown_field MessageText"}},
		{"printable alias of a known field", dealNew, 0, func(r *model.Robot) { r.Properties["MessageText"] = "{=Document:SOURCE_ID_PRINTABLE}" }, nil},
		{"reference to a robot that does not exist", dealExec, 1, func(r *model.Robot) { r.Properties["ChatId"] = "{=A99999_99999_99999_99999:ChatId}" },
			[]string{"error ref_missing ChatId"}},
		{"reference to a robot that runs later", dealExec, 0, func(r *model.Robot) { r.Properties["ChatName"] = "{=A41588_53904_60271_72816:ChatId}" },
			[]string{"error ref_after ChatName"}},
		{"reference to a value the robot does not return", dealExec, 1, func(r *model.Robot) { r.Properties["ChatId"] = "{=A40317_52841_68290_71534:PostId}" },
			[]string{"error ref_no_value ChatId"}},
		{"reference across a parallel start", dealExec, 2, func(r *model.Robot) { r.ExecuteAfterPrevious = false },
			[]string{"warning ref_parallel ChatId", "warning ref_parallel MessageFields.MessageText"}[:1]},
		{"unknown user and department", dealNew, 0, func(r *model.Robot) { r.Properties["MessageUserTo"] = []any{"user_404", "group_dr99"} },
			[]string{"error unknown_department MessageUserTo", "error unknown_user MessageUserTo"}},
		{"group chat needs two members", dealExec, 0, func(r *model.Robot) { r.Properties["Members"] = []any{"user_7"} },
			[]string{"error min_items Members"}},
		{"select value not an option", dealExec, 2, func(r *model.Robot) { r.Properties["MessageTemplate"] = "shout" },
			[]string{"error bad_option MessageTemplate"}},
		{"change stage to a stage of the entity only", model.StageRef{Entity: "DEAL", Status: "C1:EXECUTING"}, 1,
			func(r *model.Robot) { r.Properties["TargetStatus"] = "CONVERTED" }, []string{"error unknown_stage TargetStatus"}},
		{"wait days below one", model.StageRef{Entity: "DEAL", Status: "C1:EXECUTING"}, 0,
			func(r *model.Robot) { r.Properties["WaitDuration"] = "0" }, []string{"error too_small WaitDuration"}},
		{"unknown robot type is kept and noted", dealNew, 0, func(r *model.Robot) { r.Type = "CrmFutureActivity" },
			[]string{"info unknown_type "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := demo(t)
			r := p.Robots(tc.stage)[tc.index].Clone()
			tc.edit(r)
			ch, err := model.Update{Robots: []*model.Robot{r}}.Change(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Apply(ch.Do); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range model.ValidateRobot(p, tc.stage, tc.index) {
				got = append(got, string(f.Severity)+" "+f.Code+" "+f.Property)
				if f.Message == "" || f.Robot != r.Name || f.Stage != tc.stage {
					t.Errorf("finding lacks context: %+v", f)
				}
			}
			sort.Strings(got)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("findings\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestOperatorsFor(t *testing.T) {
	tests := []struct {
		field model.Field
		ok    []string
		bad   []string
	}{
		{model.Field{Type: "money"}, []string{">", "between", "in", "empty"}, []string{"contain"}},
		{model.Field{Type: "date"}, []string{"<", "between", "!empty"}, []string{"in", "contain"}},
		{model.Field{Type: "string"}, []string{"contain", "!contain", "="}, []string{">", "between"}},
		{model.Field{Type: "bool"}, []string{"=", "empty"}, []string{">", "in"}},
		{model.Field{Type: "user", Multiple: true}, []string{"in", "contain"}, []string{">"}},
	}
	for _, tc := range tests {
		ops := strings.Join(model.OperatorsFor(tc.field), " ")
		for _, o := range tc.ok {
			if !strings.Contains(" "+ops+" ", " "+o+" ") {
				t.Errorf("%s: %s missing from %s", tc.field.Type, o, ops)
			}
		}
		for _, o := range tc.bad {
			if strings.Contains(" "+ops+" ", " "+o+" ") {
				t.Errorf("%s: %s should not be offered", tc.field.Type, o)
			}
		}
	}
}

// TestCatalog checks every robot type the issue lists is in the catalog, complete.
func TestCatalog(t *testing.T) {
	want := []struct{ typ, preset string }{
		{"SocNetMessageActivity", ""}, {"CrmTimelineCommentAdd", ""}, {"SocnetBlogPostActivity", ""},
		{"ImCreateGroupChatActivity", ""}, {"ImAddMemberToGroupChatActivity", ""}, {"ImAddMessageToGroupChatActivity", ""},
		{"ImMessageActivity", ""}, {"MailActivity", ""}, {"CrmSendSmsActivity", "user"}, {"CrmSendEmailActivity", ""},
		{"CrmSendSmsActivity", "entity"}, {"Task2Activity", ""}, {"CrmCreateCallActivity", ""}, {"CrmCreateMeetingActivity", ""},
		{"CrmCreateToDoActivity", ""}, {"CrmChangeStatusActivity", ""}, {"CrmChangeResponsibleActivity", ""},
		{"CrmCreateDynamicActivity", ""}, {"WebHookActivity", ""}, {"CrmWaitActivity", ""}, {catalog.MessengerAppType, ""},
	}
	for _, w := range want {
		e := catalog.Lookup(w.typ, map[string]any{"RecipientType": w.preset})
		if e == nil {
			t.Errorf("%s missing", w.typ)
			continue
		}
		if e.Title.RU == "" || e.Title.EN == "" || e.Category == "" || len(e.Props) == 0 {
			t.Errorf("%s incomplete: %+v", w.typ, e)
		}
		for _, p := range e.Props {
			if p.Title.RU == "" || p.Title.EN == "" || p.Kind == "" {
				t.Errorf("%s.%s incomplete", w.typ, p.Key)
			}
		}
	}
	sms := catalog.Lookup("CrmSendSmsActivity", map[string]any{"RecipientType": "user"})
	if p, _ := sms.Prop("MessageText"); p.MaxLen != 200 || sms.Category != catalog.Employees {
		t.Errorf("SMS to employee: %+v", sms)
	}
	if e := catalog.Lookup("CrmSendSmsActivity", map[string]any{"RecipientType": "entity"}); e.Category != catalog.Clients || !e.ClientFacing {
		t.Errorf("SMS to client: %+v", e)
	}
	if e := catalog.Lookup("ImCreateGroupChatActivity", nil); len(e.Returns) != 1 || e.Returns[0].Key != "ChatId" {
		t.Errorf("group chat returns %+v", e.Returns)
	}
	cats := map[catalog.Category]int{}
	for _, e := range catalog.All() {
		cats[e.Category]++
	}
	for _, c := range catalog.Categories {
		if cats[c] == 0 {
			t.Errorf("category %s is empty", c)
		}
	}
}

// TestNewRobotsAreValidWhenFilled: a robot made from the catalog's defaults, with its required
// texts filled, passes validation; so the defaults themselves are sound.
func TestNewRobotsAreValidWhenFilled(t *testing.T) {
	p := demo(t)
	for _, e := range catalog.All() {
		props := e.NewProperties("ru")
		for _, pr := range e.Props {
			if v, _ := catalog.GetPath(props, pr.Key); (v == nil || pr.MinItems > 1) && pr.Required {
				switch pr.Kind {
				case catalog.User:
					catalog.SetPath(props, pr.Key, []any{"user_1", "user_2"})
				case catalog.Stage:
					catalog.SetPath(props, pr.Key, "WON")
				case catalog.Chat:
					catalog.SetPath(props, pr.Key, "{=Document:UF_CRM_CHAT_ID}")
				case catalog.URL:
					catalog.SetPath(props, pr.Key, "https://example.ru/hook")
				default:
					catalog.SetPath(props, pr.Key, "текст {=Document:TITLE}")
				}
			}
		}
		ch, err := model.Add{To: dealPrep, Index: -1, Robots: []*model.Robot{{Type: e.Type, Activated: true, Properties: props}}}.Change(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Apply(ch.Do); err != nil {
			t.Fatal(err)
		}
		idx := len(p.Robots(dealPrep)) - 1
		for _, f := range model.ValidateRobot(p, dealPrep, idx) {
			if f.Severity == model.SevError {
				t.Errorf("%s: %s", e.Type, f)
			}
		}
	}
}

// TestValidateDraft checks an unsaved robot in its stage: in place of the robot it edits, or
// after the stage's robots when it is new (so it may use their return values).
func TestValidateDraft(t *testing.T) {
	p := demo(t)
	chat := p.Robots(dealExec)[0]
	edit := p.Robots(dealExec)[1].Clone()
	edit.Properties["ChatId"] = "{=A99999_99999_99999_99999:ChatId}"
	if fs := model.ValidateDraft(p, dealExec, edit); len(fs) != 1 || fs[0].Code != "ref_missing" {
		t.Fatalf("edited draft: %+v", fs)
	}
	fresh := &model.Robot{ID: "new", Type: "ImAddMessageToGroupChatActivity", Activated: true, ExecuteAfterPrevious: true, Properties: model.Properties{
		"Title": "Новое", "ChatId": "{=" + chat.Name + ":ChatId}", "FromMember": []any{"user_1"}, "MessageTemplate": "plain",
		"MessageFields": map[string]any{"MessageText": "Текст"}}}
	// It goes last, after «Попросить юриста…», which starts a parallel chain: the chat robot
	// may not have finished by then.
	if fs := model.ValidateDraft(p, dealExec, fresh); len(fs) != 1 || fs[0].Code != "ref_parallel" {
		t.Fatalf("new draft after the chat robot: %+v", fs)
	}
	if len(p.Robots(dealExec)) != 4 {
		t.Fatal("validating a draft changed the project")
	}
}

// TestSnapshot: a snapshot keeps the state it was taken in while the project goes on changing.
func TestSnapshot(t *testing.T) {
	p := demo(t)
	snap := p.Snapshot()
	before := snapshot(t, snap)
	ch, err := model.Move{IDs: ids(p.Robots(dealNew)), To: dealWon, Index: 0}.Change(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(ch.Do); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, snap); got["DEAL:0"] != before["DEAL:0"] || got["DEAL:0 ids"] != before["DEAL:0 ids"] {
		t.Fatal("the snapshot followed the project")
	}
	if len(snap.Robots(dealNew)) != 4 || len(p.Robots(dealNew)) != 0 {
		t.Fatal("snapshot and project are not apart")
	}
}
