package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"robodesk/assets"
	"robodesk/model"
)

func demoPortal(t testing.TB) *model.Portal {
	t.Helper()
	p, _, err := assets.Demo()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDelayText(t *testing.T) {
	test.NewTempApp(t)
	deal := demoPortal(t).Entity("DEAL")
	after := func(n int, unit string) *model.Delay {
		return &model.Delay{Type: model.DelayAfter, Value: n, ValueType: unit, Basis: model.BasisNow}
	}
	cases := []struct {
		name   string
		r      model.Robot
		en, ru string
	}{
		{"no delay", model.Robot{}, "immediately", "сразу"},
		{"zero delay object", model.Robot{Delay: after(0, "i")}, "immediately", "сразу"},
		{"after previous", model.Robot{ExecuteAfterPrevious: true}, "after previous", "после предыдущего"},
		{"hours in working time", model.Robot{Delay: func() *model.Delay { d := after(2, "h"); d.WorkTime = true; return d }()},
			"in 2 h · working hours", "через 2 ч · раб. время"},
		{"minutes after previous", model.Robot{ExecuteAfterPrevious: true, Delay: after(30, "i")},
			"after previous · in 30 min", "после предыдущего · через 30 мин"},
		{"before a date field", model.Robot{Delay: &model.Delay{Type: model.DelayBefore, Value: 1, ValueType: "d", Basis: "{=Document:CLOSEDATE}"}},
			"1 d before «Предполагаемая дата закрытия»", "за 1 дн. до «Предполагаемая дата закрытия»"},
		{"after a date field", model.Robot{Delay: &model.Delay{Type: model.DelayAfter, Value: 3, ValueType: "d", Basis: "{=Document:BEGINDATE}"}},
			"3 d after «Дата начала»", "через 3 дн. после «Дата начала»"},
		{"at a date field", model.Robot{Delay: &model.Delay{Type: model.DelayIn, ValueType: "i", Basis: "{=Document:UF_CRM_DELIVERY_DATE}"}},
			"on «Дата доставки»", "в дату «Дата доставки»"},
		{"at a time of day", model.Robot{Delay: &model.Delay{Type: model.DelayAfter, Value: 1, ValueType: "d", Basis: model.BasisNow, InTime: []int{9, 5}}},
			"in 1 d at 09:05", "через 1 дн. в 09:05"},
		{"only a time of day", model.Robot{Delay: &model.Delay{Type: model.DelayAfter, ValueType: "i", Basis: model.BasisNow, InTime: []int{18, 0}}},
			"at 18:00", "в 18:00"},
		{"wait for the working day", model.Robot{Delay: func() *model.Delay { d := after(0, "i"); d.WaitWorkDay = true; return d }()},
			"immediately · on a working day", "сразу · в рабочий день"},
		{"unknown field shows its code", model.Robot{Delay: &model.Delay{Type: model.DelayBefore, Value: 2, ValueType: "h", Basis: "{=Document:UF_GONE}"}},
			"2 h before «UF_GONE»", "за 2 ч до «UF_GONE»"},
	}
	for _, lc := range []string{"en", "ru"} {
		setLang(t, lc)
		for _, tc := range cases {
			want := tc.en
			if lc == "ru" {
				want = tc.ru
			}
			if got := delayText(&tc.r, deal); got != want {
				t.Errorf("%s/%s: got %q, want %q", lc, tc.name, got, want)
			}
		}
	}
}

func TestCondText(t *testing.T) {
	test.NewTempApp(t)
	p := demoPortal(t)
	deal := p.Entity("DEAL")
	item := func(field, op string, v any, join string) model.ConditionItem {
		return model.ConditionItem{Object: "Document", Field: field, Operator: op, Value: v, Joiner: join}
	}
	cases := []struct {
		name   string
		items  []model.ConditionItem
		en, ru string
	}{
		{"amount", []model.ConditionItem{item("OPPORTUNITY", ">", "1000000", "AND")},
			"if Сумма > 1,000,000", "если Сумма > 1 000 000"},
		{"options and users joined", []model.ConditionItem{
			item("SOURCE_ID", "in", []any{"WEB", "CALL"}, "OR"),
			item("ASSIGNED_BY_ID", "=", "user_2", "AND")},
			"if Источник is one of Веб-сайт, Звонок or Ответственный = Иван Петров",
			"если Источник одно из Веб-сайт, Звонок или Ответственный = Иван Петров"},
		{"empty and between", []model.ConditionItem{
			item("COMMENTS", "empty", "", "AND"),
			item("PROBABILITY", "between", []any{"10", "90.5"}, "AND")},
			"if Комментарий is empty and Вероятность is between 10 and 90.5",
			"если Комментарий не заполнено и Вероятность между 10 и 90,5"},
		{"flag", []model.ConditionItem{item("OPENED", "=", "Y", "AND")},
			"if Доступна для всех = yes", "если Доступна для всех = да"},
	}
	for _, lc := range []string{"en", "ru"} {
		setLang(t, lc)
		for _, tc := range cases {
			want := tc.en
			if lc == "ru" {
				want = tc.ru
			}
			if got := condText(&model.Condition{Type: "field", Items: tc.items}, deal, p); got != want {
				t.Errorf("%s/%s: got %q, want %q", lc, tc.name, got, want)
			}
		}
	}
	if got := condText(nil, deal, p); got != "" {
		t.Errorf("no condition: got %q", got)
	}
}

func TestGroupDigits(t *testing.T) {
	cases := []struct {
		in, code, want string
		ok             bool
	}{
		{"1000000", "ru", "1 000 000", true},
		{"1000000", "en", "1,000,000", true},
		{"-1234.5", "ru", "-1 234,5", true},
		{"999", "en", "999", true},
		{"5000|RUB", "en", "5,000 RUB", true},
		{"12.", "en", "", false},
		{"{=Document:OPPORTUNITY}", "en", "", false},
		{"01.02.2026", "ru", "", false},
		{"", "en", "", false},
	}
	for _, tc := range cases {
		got, ok := groupDigits(tc.in, tc.code)
		if got != tc.want || ok != tc.ok {
			t.Errorf("groupDigits(%q, %s) = %q, %v; want %q, %v", tc.in, tc.code, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFindingText(t *testing.T) {
	test.NewTempApp(t)
	r := &model.Robot{Type: "CrmSendSmsActivity", Properties: model.Properties{"RecipientType": "user"}}
	f := model.Finding{Code: "required", Property: "MessageText", Args: map[string]string{"property": "Message text"}, Message: "«Message text» is required"}
	setLang(t, "ru")
	if got := findingText(f, r); got != "Не заполнено «Текст сообщения»" {
		t.Errorf("ru: %q", got)
	}
	setLang(t, "en")
	if got := findingText(f, r); got != "«Message text» is required" {
		t.Errorf("en: %q", got)
	}
	if got := findingText(model.Finding{Code: "new_rule", Message: "as the model says"}, r); got != "as the model says" {
		t.Errorf("unknown code: %q", got)
	}
	fs := []model.Finding{{Severity: model.SevInfo, Code: "a"}, {Severity: model.SevWarning, Code: "b"}, {Severity: model.SevError, Code: "c"}, {Severity: model.SevError, Code: "d"}}
	if w, _ := worst(fs); w.Code != "c" {
		t.Errorf("worst = %s, want the first error", w.Code)
	}
}
