package preview

import (
	"strings"
	"testing"

	"robodesk/assets"
	"robodesk/model"
)

var deal = model.StageRef{Entity: "DEAL", Status: "NEW"}

func TestRobotTexts(t *testing.T) {
	long := strings.Repeat("Очень длинное название заказа ", 7)
	p := project(t, deal,
		chatJSON,
		`{"Name":"A20000_00000_00000_00001","Type":"ImAddMessageToGroupChatActivity","Activated":"Y","ExecuteAfterPrevious":1,
		  "Properties":{"Title":"В чат","ChatId":"{=A11111_22222_33333_44444:ChatId}","FromMember":["user_1"],"MessageTemplate":"plain",
		  "MessageFields":{"MessageText":"Сделка {=Document:TITLE} в чате {=A11111_22222_33333_44444:ChatId}"}}}`,
		`{"Name":"A20000_00000_00000_00002","Type":"Task2Activity","Activated":"Y",
		  "Properties":{"Title":"Задача","Fields":{"TITLE":"КП: {=Document:TITLE}","DESCRIPTION":"","RESPONSIBLE_ID":"{=Document:ASSIGNED_BY_ID}",
		  "DEADLINE":"=workdateadd({=System:Now}, \"1d\")","PRIORITY":"2"}}}`,
		`{"Name":"A20000_00000_00000_00003","Type":"CrmSendSmsActivity","Activated":"Y",
		  "Properties":{"Title":"SMS логисту","MessageText":"Доставка: {=Document:TITLE}","RecipientType":"user","RecipientUser":"user_1","ProviderId":":default:"}}`,
		`{"Name":"A20000_00000_00000_00004","Type":"CrmSendSmsActivity","Activated":"Y",
		  "Properties":{"Title":"SMS клиенту","MessageText":"Ваш заказ {=Document:TITLE} готов","RecipientType":"entity","ProviderId":":default:"}}`,
		`{"Name":"A20000_00000_00000_00005","Type":"rest_0123456789abcdef0123456789abcdef","Activated":"Y",
		  "Properties":{"Title":"Неизвестное приложение","channel":"wa","text":"Привет, {=Document:CONTACT_NAME}","phone":"{=Document:PHONE_PRINTABLE}","count":"3"}}`,
		`{"Name":"A20000_00000_00000_00006","Type":"SocNetMessageActivity","Activated":"Y",
		  "Properties":{"Title":"Уведомление","MessageText":"Новая сделка","MessageUserFrom":["user_1"],"MessageUserTo":["user_3"],"MessageFormat":"robot"}}`,
	)
	rec := fixtureRecord()
	keys := func(ts []Text) string {
		var k []string
		for _, x := range ts {
			k = append(k, x.Key+"="+x.Rendered)
		}
		return strings.Join(k, " | ")
	}
	cases := []struct {
		index int
		title string
		want  string
		check func(t *testing.T, ts []Text)
	}{
		{index: 0, want: "ChatName=Сделка Заказ №15"},
		{index: 1, title: "nested message text and an earlier robot's return value",
			want: "MessageFields.MessageText=Сделка Заказ №15 в чате " + NewEnv(fixturePortal(), "DEAL", rec, tuesday).ReturnSample(mustRobot(t, p, 0), chatReturn(t), tuesday).String()},
		{index: 2, title: "task fields; an empty description and the responsible are no texts",
			want: "Fields.TITLE=КП: Заказ №15 | Fields.DEADLINE=06.03.2024 10:30:00"},
		{index: 3, title: "SMS to an employee: the 200 limit; the provider is no text", want: "MessageText=Доставка: Заказ №15",
			check: func(t *testing.T, ts []Text) {
				if !ts[0].SMS || ts[0].MaxLen != 200 || ts[0].TooLong || ts[0].ClientFacing {
					t.Fatalf("%+v", ts[0])
				}
			}},
		{index: 4, title: "SMS to a client has no limit but is client-facing", want: "MessageText=Ваш заказ Заказ №15 готов",
			check: func(t *testing.T, ts []Text) {
				if !ts[0].SMS || ts[0].MaxLen != 0 || !ts[0].ClientFacing || ts[0].Label != "Текст сообщения" {
					t.Fatalf("%+v", ts[0])
				}
			}},
		{index: 5, title: "unknown robot type: only strings with templates",
			want: "phone=+7 916 555-12-34, +7 495 100-00-01 | text=Привет, Екатерина"},
		{index: 6, title: "a text without templates is still a message; the hidden format is not", want: "MessageText=Новая сделка"},
	}
	for _, c := range cases {
		ts := Robot(p, deal, c.index, rec, tuesday)
		if got := keys(ts); got != c.want {
			t.Errorf("robot %d (%s):\n got %s\nwant %s", c.index, c.title, got, c.want)
			continue
		}
		if c.check != nil {
			c.check(t, ts)
		}
	}

	// The long title breaks the employee SMS limit once rendered.
	rec["TITLE"] = []string{long}
	ts := Robot(p, deal, 3, rec, tuesday)
	if !ts[0].TooLong || ts[0].Chars != len([]rune("Доставка: "+long)) {
		t.Fatalf("long SMS: chars %d too long %v", ts[0].Chars, ts[0].TooLong)
	}
	if Robot(p, deal, 99, rec, tuesday) != nil {
		t.Fatal("an index out of range gave texts")
	}
}

func mustRobot(t *testing.T, p *model.Project, i int) *model.Robot {
	t.Helper()
	return p.Robots(deal)[i]
}

func TestDraftAndGallery(t *testing.T) {
	p := project(t, deal, chatJSON)
	draft, err := model.DecodeRobot([]byte(`{"Name":"A30000_00000_00000_00001","Type":"ImAddMessageToGroupChatActivity","Activated":"Y",
		"Properties":{"Title":"Новый","MessageFields":{"MessageText":"Чат {=A11111_22222_33333_44444:ChatId}"}}}`), "draft")
	if err != nil {
		t.Fatal(err)
	}
	after := Draft(p, deal, 1, draft, fixtureRecord(), tuesday)
	if len(after) != 1 || len(after[0].Empty) != 0 || strings.Contains(after[0].Rendered, "{=") {
		t.Fatalf("a draft after the chat robot: %+v", after)
	}
	before := Draft(p, deal, 0, draft, fixtureRecord(), tuesday)
	if len(before[0].Empty) != 1 || before[0].Empty[0].Reason != ReasonUnknownObject {
		t.Fatalf("a draft before the chat robot: %+v", before)
	}
	if got := Draft(p, deal, -1, draft, fixtureRecord(), tuesday); len(got[0].Empty) != 0 {
		t.Fatalf("a new draft is not placed after the last robot: %+v", got)
	}
	edited := p.Robots(deal)[0].Clone()
	edited.Properties["ChatName"] = "Новое имя {=A11111_22222_33333_44444:ChatId}"
	if got := Draft(p, deal, -1, edited, fixtureRecord(), tuesday); len(got) != 1 || got[0].Empty[0].Reason != ReasonUnknownObject {
		t.Fatalf("an edited robot is not placed where it stands: %+v", got)
	}
	p.Robots(deal)[0].Activated = false
	if got := Draft(p, deal, 1, draft, fixtureRecord(), tuesday); len(got[0].Empty) != 1 || got[0].Empty[0].Reason != ReasonNoSample {
		t.Fatalf("a switched-off robot gave a return value: %+v", got)
	}
	p.Robots(deal)[0].Activated = true
	g := Stage(p, deal, fixtureRecord(), tuesday)
	if len(g) != 1 || g[0].Title != "Чат" || len(g[0].Texts) != 1 || g[0].Texts[0].Rendered != "Сделка Заказ №15" {
		t.Fatalf("gallery %+v", g)
	}
}

// demoProject is the bundled demo with its samples.
func demoProject(t *testing.T) *model.Project {
	t.Helper()
	p, err := assets.DemoProject()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFriendlyRoundTripDemo converts every text of every demo robot to the friendly form and
// back: the stored text must come back unchanged, and every document field must have become a
// title.
func TestFriendlyRoundTripDemo(t *testing.T) {
	p := demoProject(t)
	texts, converted := 0, 0
	for _, ref := range p.Stages() {
		for _, r := range p.Robots(ref) {
			r.Texts(func(path, text string) {
				texts++
				friendly := Friendly(p.Portal, ref.Entity, text)
				if friendly != text {
					converted++
				}
				if strings.Contains(friendly, "{=Document:") {
					t.Errorf("%s «%s» %s: a field stayed stored in %q", ref, r.Title(), path, friendly)
				}
				back, err := System(p.Portal, ref.Entity, friendly)
				if err != nil {
					t.Errorf("%s «%s» %s: %v", ref, r.Title(), path, err)
				}
				if back != text {
					t.Errorf("%s «%s» %s:\n stored %q\nfriendly %q\n    back %q", ref, r.Title(), path, text, friendly, back)
				}
			})
		}
	}
	if texts < 100 || converted < 40 {
		t.Fatalf("only %d texts, %d with fields: the demo did not load", texts, converted)
	}
}

func TestSystemReportsUnknownTitles(t *testing.T) {
	p := fixturePortal()
	got, err := System(p, "DEAL", "Сумма {{Сумма > printable}}, {{Нет такого поля}}")
	if err == nil || !strings.Contains(err.Error(), `unknown field title "Нет такого поля" at byte`) || !strings.HasPrefix(err.Error(), "DEAL text:") {
		t.Fatalf("error %v", err)
	}
	if got != "Сумма {=Document:OPPORTUNITY > printable}, {{Нет такого поля}}" {
		t.Fatalf("converted %q", got)
	}
	if Friendly(p, "NOPE", "{=Document:TITLE}") != "{=Document:TITLE}" {
		t.Fatal("an unknown entity changed the text")
	}
}
