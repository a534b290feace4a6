package preview

import (
	"fmt"
	"strings"
	"testing"

	"robodesk/model"
)

// chat is an earlier robot whose ChatId other texts refer to.
const chatJSON = `{"Name":"A11111_22222_33333_44444","Type":"ImCreateGroupChatActivity","Activated":"Y",
 "Properties":{"Title":"Чат","ChatName":"Сделка {=Document:TITLE}","Members":["user_1","user_3"]}}`

func TestRender(t *testing.T) {
	chat, err := model.DecodeRobot([]byte(chatJSON), "chat")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		text    string
		earlier Earlier
		want    string
		// empty lists "ref reason source-span friendly-span rendered-span" of each empty placeholder
		empty []string
		// errors lists "message at=byte char=rune friendlyAt=byte"
		errors []string
	}{
		{name: "plain field", text: "Сделка {=Document:TITLE}", want: "Сделка Заказ №15"},
		{name: "money printable in the record's currency", text: "{=Document:OPPORTUNITY > printable}", want: "1 500 000 ₽"},
		{name: "user printable", text: "{=Document:ASSIGNED_BY_ID > printable}", want: "Мария Кузнецова [3]"},
		{name: "select option title", text: "{=Document:SOURCE_ID > printable}", want: "Веб-сайт"},
		{name: "stage prints its name", text: "{=Document:STAGE_ID > printable}", want: "Подготовка документов"},
		{name: "relative date in the portal's format", text: "до {=Document:CLOSEDATE}", want: "до 08.03.2024"},
		{name: "relative datetime with a time of day", text: "{=Document:UF_DELIVERY}", want: "07.03.2024 15:00:00"},
		{name: "bool printable", text: "{=Document:OPENED > printable}", want: "Да"},
		{name: "multiple values joined", text: "{=Document:UF_PRODUCTS}", want: "Кухня, Мойка"},
		{name: "printable twin made from the field", text: "{=Document:PHONE_PRINTABLE}", want: "+7 916 555-12-34, +7 495 100-00-01"},
		{name: "calculation with a field", text: "Аванс: {{= {=Document:OPPORTUNITY} / 2 }} руб.", want: "Аванс: 750000 руб."},
		{name: "calculation with the working calendar", text: "{{=workdateadd('07.03.2024 17:00:00', '2h')}}", want: "11.03.2024 10:00:00"},
		{name: "system now", text: "{=System:Now}", want: "05.03.2024 10:30:00"},
		{name: "return value of an earlier robot", text: "Чат {=A11111_22222_33333_44444:ChatId}", earlier: Earlier{Ran: []*model.Robot{chat}},
			want: "Чат " + fmt.Sprint(NewEnv(fixturePortal(), "DEAL", nil, tuesday).ReturnSample(chat, chatReturn(t), tuesday))},
		{name: "return value of a robot that did not run is empty",
			text: "Чат {=A11111_22222_33333_44444:ChatId}!", earlier: Earlier{Idle: []*model.Robot{chat}}, want: "Чат !",
			empty: []string{"{=A11111_22222_33333_44444:ChatId} no_sample 7:41 7:43 7:7"}},
		{name: "return value of an unknown robot stays as written",
			text: "Чат {=A99999_22222_33333_44444:ChatId}", want: "Чат {=A99999_22222_33333_44444:ChatId}",
			empty: []string{"{=A99999_22222_33333_44444:ChatId} unknown_object 7:41 7:43 7:41"}},
		{name: "field without a sample",
			text:  "Клиент {=Document:CONTACT_NAME}, закрытие {=Document:UF_MISSING}.",
			want:  "Клиент Екатерина, закрытие .",
			empty: []string{"{=Document:UF_MISSING} unknown_field 56:78 59:81 50:50"}},
		{name: "empty value, friendly and rendered spans",
			text: "Имя: {=Document:CONTACT_NAME}; товары: {=Document:UF_PRODUCTS}", want: "Имя: ; товары: Кухня, Мойка",
			empty: []string{"{=Document:CONTACT_NAME} empty 8:32 8:35 8:8"}},
		{name: "calculation error at its position",
			text:   "Итого: {{= 2 + foo(1) }} ₽",
			want:   "Итого: {{= 2 + foo(1) }} ₽",
			errors: []string{`Unknown function "foo" at=20 char=15 friendlyAt=20 syntax=true`}},
		{name: "calculation error after a friendly field",
			text:   "{=Document:TITLE}: {{= {=Document:OPPORTUNITY} / 0 }}",
			want:   "Заказ №15: {{= 1500000 / 0 }}",
			errors: []string{`Division by zero at=47 char=47 friendlyAt=54 syntax=false`}},
		{name: "whole-value calculation", text: "=2*3+{=Document:ID}", want: "21"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := fixtureRecord()
			if strings.Contains(c.name, "empty value") {
				rec["CONTACT_NAME"] = []string{""}
			}
			env := NewEnv(fixturePortal(), "DEAL", rec, tuesday)
			got := env.Render(c.text, c.earlier, tuesday)
			if got.Rendered != c.want {
				t.Fatalf("rendered %q, want %q", got.Rendered, c.want)
			}
			var empty []string
			for _, e := range got.Empty {
				s := fmt.Sprintf("%s %s %d:%d", e.Ref, e.Reason, e.Source.Start, e.Source.End)
				s += " " + spanText(e.Friendly) + " " + spanText(e.Rendered)
				empty = append(empty, s)
				if e.Friendly != nil && e.Reason != ReasonUnknownField && strings.HasPrefix(e.Ref, "{=Document:") {
					if f := got.Friendly[e.Friendly.Start:e.Friendly.End]; !strings.HasPrefix(f, "{{") {
						t.Errorf("friendly span %v covers %q", e.Friendly, f)
					}
				}
				if e.Rendered != nil && e.Reason == ReasonUnknownObject {
					if r := got.Rendered[e.Rendered.Start:e.Rendered.End]; r != e.Ref {
						t.Errorf("rendered span covers %q, want the placeholder left as written", r)
					}
				}
			}
			if strings.Join(empty, "|") != strings.Join(c.empty, "|") {
				t.Errorf("empty:\n got %q\nwant %q", empty, c.empty)
			}
			var errs []string
			for _, e := range got.Errors {
				errs = append(errs, fmt.Sprintf("%s at=%d char=%d friendlyAt=%s syntax=%v", e.Message, e.At, e.Char, intText(e.FriendlyAt), e.Syntax))
				if e.FriendlyAt != nil && got.Source[e.At] != got.Friendly[*e.FriendlyAt] {
					t.Errorf("the error is at %q in the stored text but at %q in the friendly one", got.Source[e.At:], got.Friendly[*e.FriendlyAt:])
				}
			}
			if strings.Join(errs, "|") != strings.Join(c.errors, "|") {
				t.Errorf("errors:\n got %q\nwant %q", errs, c.errors)
			}
		})
	}
}

func spanText(s *Span) string {
	if s == nil {
		return "-"
	}
	return fmt.Sprintf("%d:%d", s.Start, s.End)
}

func intText(p *int) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}
