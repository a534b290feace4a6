package lint

import (
	"strings"
	"testing"

	"robodesk/model"
	"robodesk/model/sample"
)

func TestRules(t *testing.T) {
	chatName := name()
	chat := func(extra ...string) string {
		return obj(`"Name":"`+chatName+`","Type":"ImCreateGroupChatActivity","Activated":"Y","Properties":{"Title":"Чат","ChatName":"Чат","Members":["user_1","user_3"]}`, extra...)
	}
	toChat := obj(`"Name":"` + name() + `","Type":"ImAddMessageToGroupChatActivity","Activated":"Y","ExecuteAfterPrevious":1,"Properties":{"Title":"В чат","ChatId":"{=` + chatName + `:ChatId}","FromMember":["user_1"],"MessageTemplate":"plain","MessageFields":{"MessageText":"Чат {=` + chatName + `:ChatId}"}}`)
	cases := []struct {
		name     string
		stages   stages
		samples  sample.Samples
		opts     Options
		codes    []string
		want     []string
		contains string // in the first finding's message
	}{
		// return values of robots that do not run earlier
		{name: "a skipped robot's return value", codes: []string{CodeRefNotRun},
			stages:   stages{stPrep: {chat(cond(it("OPPORTUNITY", ">", "1000000", "AND"))), toChat}},
			want:     []string{"warning PREPARATION «В чат» MessageFields.MessageText"},
			contains: "«Чат» is skipped by its condition: «Сумма» > 1000000 does not hold"},
		{name: "a switched-off robot's return value", codes: []string{CodeRefNotRun},
			stages:   stages{stPrep: {chat(`"Activated":"N"`), toChat}},
			want:     []string{"warning PREPARATION «В чат» MessageFields.MessageText"},
			contains: "is switched off"},
		{name: "a return value that is there", codes: []string{CodeRefNotRun},
			stages: stages{stPrep: {chat(), toChat}}},
		// change-stage loops
		{name: "two stages move items back and forth", codes: []string{CodeStageLoop},
			stages: stages{stNew: {move("Дальше", "PREPARATION")}, stPrep: {move("Назад", "NEW")}},
			want:   []string{"error NEW «Дальше» TargetStatus"}, contains: "«Новая» → «Подготовка» → «Новая» («Дальше», «Назад»)"},
		{name: "a three-stage loop is reported once", codes: []string{CodeStageLoop},
			stages: stages{stNew: {move("1", "PREPARATION")}, stPrep: {move("2", "EXECUTING")}, stExec: {move("3", "NEW")}},
			want:   []string{"error NEW «1» TargetStatus"}},
		{name: "a loop a condition may break", codes: []string{CodeStageLoop},
			stages: stages{stNew: {move("Дальше", "PREPARATION")}, stPrep: {move("Назад", "NEW", cond(it("SOURCE_ID", "=", "CALL", "AND")))}},
			want:   []string{"warning NEW «Дальше» TargetStatus"}, contains: "only their conditions can stop it"},
		{name: "a chain of moves without a loop", codes: []string{CodeStageLoop},
			stages: stages{stNew: {move("1", "PREPARATION")}, stPrep: {move("2", "WON")}}},
		{name: "a switched-off robot closes no loop", codes: []string{CodeStageLoop},
			stages: stages{stNew: {move("1", "PREPARATION")}, stPrep: {move("2", "NEW", `"Activated":"N"`)}}},
		{name: "a move to the stage itself", codes: []string{CodeStageSelf, CodeStageLoop},
			stages: stages{stNew: {move("Сюда же", "NEW")}},
			want:   []string{"warning NEW «Сюда же» TargetStatus"}},
		// delays
		{name: "delays under ten minutes", codes: []string{CodeDelayShort},
			stages: stages{stPrep: {comment("5 минут", "x", after(5, "i", false)), comment("10 минут", "x", after(10, "i", true)),
				comment("сразу", "x", after(0, "i", false)), comment("9 часов", "x", after(9, "h", false)), comment("1 минута", "x", after(1, "i", true))}},
			want: []string{"warning PREPARATION «5 минут» Delay.value", "warning PREPARATION «1 минута» Delay.value"}},
		{name: "a time of day the portal ignores", codes: []string{CodeDelayTimeIgnored},
			stages: stages{stPrep: {comment("в 10", "x", `"Delay":{"type":"after","value":1,"valueType":"d","basis":"{=System:Now}","workTime":false,"waitWorkDay":false,"inTime":[10,0]}`),
				comment("в 10 в рабочее время", "x", `"Delay":{"type":"after","value":1,"valueType":"d","basis":"{=System:Now}","workTime":true,"waitWorkDay":false,"inTime":[10,0]}`)}},
			want: []string{"warning PREPARATION «в 10» Delay.inTime"}},
		// conditions that can never hold
		{name: "a range that is empty", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("x>5 и x<3", "x", cond(it("OPPORTUNITY", ">", "5", "AND"), it("OPPORTUNITY", "<", "3", "AND")))}},
			want:   []string{"error PREPARATION «x>5 и x<3» Condition"}, contains: "«Сумма» > 5 and «Сумма» < 3 cannot all hold"},
		{name: "a narrow range that is not", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("x>5 и x<6", "x", cond(it("OPPORTUNITY", ">", "5", "AND"), it("OPPORTUNITY", "<", "6", "AND")))}}},
		{name: "two values of a single select", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("a и b", "x", cond(it("SOURCE_ID", "=", "WEB", "AND"), it("SOURCE_ID", "=", "CALL", "AND")))}},
			want:   []string{"error PREPARATION «a и b» Condition"}},
		{name: "two values of a multiple select can both be there", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("VIP и опт", "x", cond(it("UF_TAGS", "=", "VIP", "AND"), it("UF_TAGS", "=", "OPT", "AND")))}}},
		{name: "empty and not empty", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("пусто и не пусто", "x", cond(it("PHONE", "empty", "", "AND"), it("PHONE", "!empty", "", "AND")))}},
			want:   []string{"error PREPARATION «пусто и не пусто» Condition"}},
		{name: "a value that is not an option", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("нет такого", "x", cond(it("SOURCE_ID", "=", "FAX", "AND")))}},
			want:   []string{"error PREPARATION «нет такого» Condition"}, contains: "«FAX» is not among the field's options"},
		{name: "one dead group of two", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("группы", "x", cond(it("OPPORTUNITY", ">", "10", "AND"), it("OPPORTUNITY", "<", "1", "OR"), it("SOURCE_ID", "=", "WEB", "AND")))}},
			want:   []string{"warning PREPARATION «группы» Condition.items[0]"}, contains: "the first group"},
		{name: "dates a day apart leave no day between", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("даты", "x", cond(it("CLOSEDATE", ">", "07.03.2024", "AND"), it("CLOSEDATE", "<", "08.03.2024", "AND")))}},
			want:   []string{"error PREPARATION «даты» Condition"}},
		{name: "dates two days apart leave one", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("даты", "x", cond(it("CLOSEDATE", ">", "07.03.2024", "AND"), it("CLOSEDATE", "<", "09.03.2024", "AND")))}}},
		{name: "a reversed between", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("между", "x", cond(it("OPPORTUNITY", "between", `["10","5"]`, "AND")))}},
			want:   []string{"error PREPARATION «между» Condition"}},
		{name: "equal and not equal", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("= и !=", "x", cond(it("TITLE", "=", "Заказ", "AND"), it("TITLE", "!=", "Заказ", "AND")))}},
			want:   []string{"error PREPARATION «= и !=» Condition"}},
		{name: "contains what it equals", codes: []string{CodeConditionNever},
			stages: stages{stPrep: {comment("= и содержит", "x", cond(it("TITLE", "=", "Заказ №15", "AND"), it("TITLE", "contain", "№15", "AND")))}}},
		{name: "unknown users and stages in a condition", codes: []string{CodeUnknownUser, CodeUnknownStage},
			stages: stages{stPrep: {comment("кто", "x", cond(it("ASSIGNED_BY_ID", "=", "user_99", "AND"), it("STAGE_ID", "=", "LOST", "OR"), it("ASSIGNED_BY_ID", "=", "user_3", "AND")))}},
			want:   []string{"error PREPARATION «кто» Condition.items[0]", "error PREPARATION «кто» Condition.items[1]"}},
		// texts for samples
		{name: "empty placeholders: a client's warning, a colleague's information", codes: []string{CodeEmptyPlaceholder},
			stages: stages{stPrep: {sms("SMS", "{=Document:CONTACT_NAME}, ваш заказ готов"), comment("Комментарий", "Клиент {=Document:CONTACT_NAME}")}},
			want:   []string{"warning PREPARATION «SMS» MessageText", "info PREPARATION «Комментарий» CommentText"}, contains: "«Имя контакта» renders empty in «Текст сообщения» for the sample «Пустая»"},
		{name: "no samples, no empty placeholders", codes: []string{CodeEmptyPlaceholder}, samples: sample.Samples{},
			stages: stages{stPrep: {sms("SMS", "{=Document:CONTACT_NAME}, ваш заказ готов")}}},
		{name: "an employee SMS over 200 characters once rendered", codes: []string{CodeTooLong},
			samples: sample.Samples{"DEAL": {{Name: "Длинная", Record: sample.Record{"TITLE": {strings.Repeat("очень длинное название ", 10)}}}}},
			stages:  stages{stPrep: {obj(`"Name":"` + name() + `","Type":"CrmSendSmsActivity","Activated":"Y","Properties":{"Title":"SMS логисту","MessageText":"Заказ {=Document:TITLE}","RecipientType":"user","RecipientUser":"user_1","ProviderId":":default:"}`)}},
			want:    []string{"warning PREPARATION «SMS логисту» MessageText"}, contains: "236 characters for the sample «Длинная», over the limit of 200"},
		{name: "a failing calculation, even in a robot that never runs", codes: []string{CodeCalcError},
			stages: stages{stPrep: {comment("Итог", "Итого {{= foo(1) }}", cond(it("OPPORTUNITY", ">", "1e12", "AND")))}},
			want:   []string{"error PREPARATION «Итог» CommentText"}, contains: `fails with "Unknown function \"foo\""`},
		// client messages outside working hours
		{name: "an immediate client SMS on the first stage, Friday evening", codes: []string{CodeOutsideHours},
			stages: stages{stNew: {sms("Сразу", "Привет"), sms("В рабочее время", "Привет", after(10, "i", true))}},
			want:   []string{"warning NEW «Сразу» Delay"}, contains: "at Fri 15.03.2024 19:00"},
		{name: "an immediate client SMS where people move items is fine", codes: []string{CodeOutsideHours},
			stages: stages{stPrep: {sms("Сразу", "Привет")}}},
		{name: "a delay that runs into the evening", codes: []string{CodeOutsideHours},
			stages: stages{stPrep: {sms("Через 3 часа", "Привет", after(3, "h", false)), sms("Через 3 рабочих часа", "Привет", after(3, "h", true))}},
			want:   []string{"warning PREPARATION «Через 3 часа» Delay"}, contains: "at Tue 05.03.2024 20:00"},
		// "write first" volume
		{name: "write first to every new deal", codes: []string{CodeFirstMessages, CodeFirstMessagesSum},
			stages: stages{stNew: {whatsapp("WhatsApp")}},
			want:   []string{"warning NEW «WhatsApp» "}, contains: "at 30 new items a day arriving around the clock"},
		{name: "a smaller inflow is fine", codes: []string{CodeFirstMessages, CodeFirstMessagesSum}, opts: Options{NewPerDay: 20},
			stages: stages{stNew: {whatsapp("WhatsApp")}}},
		{name: "two stages together", codes: []string{CodeFirstMessages, CodeFirstMessagesSum}, opts: Options{NewPerDay: 12},
			stages: stages{stNew: {whatsapp("Новым")}, stPrep: {whatsapp("В подготовке")}},
			want:   []string{"warning NEW «Новым» "}, contains: "together the stages DEAL/NEW, DEAL/PREPARATION write first to up to 24 clients"},
		// Validate's findings are part of the list
		{name: "an unknown field from Validate", codes: []string{"unknown_field"},
			stages: stages{stPrep: {comment("Поле", "{=Document:UF_NOPE}")}},
			want:   []string{"error PREPARATION «Поле» CommentText"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			samples := c.samples
			if samples == nil {
				samples = typical()
			}
			fs := LintWith(build(t, c.stages), samples, tuesday, c.opts)
			g := got(fs, c.codes...)
			if strings.Join(g, "\n") != strings.Join(c.want, "\n") {
				var all []string
				for _, f := range fs {
					all = append(all, f.Code+": "+f.String())
				}
				t.Fatalf("got:\n%s\nwant:\n%s\nall findings:\n%s", strings.Join(g, "\n"), strings.Join(c.want, "\n"), strings.Join(all, "\n"))
			}
			if c.contains != "" {
				var msgs []string
				for _, f := range fs {
					for _, code := range c.codes {
						if f.Code == code {
							msgs = append(msgs, f.Message)
						}
					}
				}
				if !strings.Contains(strings.Join(msgs, "\n"), c.contains) {
					t.Fatalf("messages do not say %q:\n%s", c.contains, strings.Join(msgs, "\n"))
				}
			}
		})
	}
}

func TestLoadOptions(t *testing.T) {
	d := &docs{m: map[string]any{}}
	o, err := LoadOptions(d)
	if err != nil || o.NewPerDay != 30 || o.FirstMessageLimit != 20 || o.MinDelayMinutes != 10 {
		t.Fatalf("defaults %+v, %v", o, err)
	}
	d.m[OptionsKey] = Options{NewPerDay: 5}
	o, err = LoadOptions(d)
	if err != nil || o.NewPerDay != 5 || o.FirstMessageLimit != 20 {
		t.Fatalf("stored %+v, %v", o, err)
	}
}

type docs struct{ m map[string]any }

func (d *docs) Get(key string, v any) (bool, error) {
	x, ok := d.m[key]
	if !ok {
		return false, nil
	}
	*(v.(*Options)) = x.(Options)
	return true, nil
}

func (d *docs) Put(key string, v any) error { d.m[key] = v; return nil }

func TestFindingsOrder(t *testing.T) {
	fs := Lint(build(t, stages{
		stPrep: {comment("Первый", "x", after(5, "i", false)), comment("Второй", "{=Document:UF_NOPE}", after(3, "i", false))},
		stNew:  {comment("Новая", "x", after(2, "i", false))},
	}), typical(), tuesday)
	var order []string
	for _, f := range fs {
		order = append(order, f.Stage.Status+" "+f.Title+" "+f.Code)
	}
	want := "NEW Новая delay_short|PREPARATION Первый delay_short|PREPARATION Второй unknown_field|PREPARATION Второй delay_short"
	if strings.Join(order, "|") != want {
		t.Fatalf("order:\n%s\nwant\n%s", strings.Join(order, "|"), want)
	}
	_ = model.SevError
}
