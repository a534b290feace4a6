package sim

import (
	"strings"
	"testing"

	"robodesk/model"
	"robodesk/model/preview"
	"robodesk/model/sample"
)

func item(field, op string, value any, joiner string) model.ConditionItem {
	return model.ConditionItem{Object: "Document", Field: field, Operator: op, Value: value, Joiner: joiner}
}

func TestCheck(t *testing.T) {
	and := model.JoinAnd
	or := model.JoinOr
	cases := []struct {
		name   string
		items  []model.ConditionItem
		record func(sample.Record)
		holds  bool
		why    string
	}{
		{name: "no items always holds", holds: true},
		{name: "money greater", items: []model.ConditionItem{item("OPPORTUNITY", ">", "100000", and)}, holds: true},
		{name: "money not greater names the sample", items: []model.ConditionItem{item("OPPORTUNITY", ">", "1000000", and)},
			why: "«Сумма» > 1000000 does not hold: the sample has «185 000 ₽»"},
		{name: "money in the CRM form", items: []model.ConditionItem{item("OPPORTUNITY", ">=", "185000", and)},
			record: func(r sample.Record) { r.Set("OPPORTUNITY", "185000|RUB") }, holds: true},
		{name: "zero and empty are equal", items: []model.ConditionItem{item("PROBABILITY", "=", "", and)}, holds: true},
		{name: "empty and zero are equal", items: []model.ConditionItem{item("COMMENTS", "=", "0", and)},
			record: func(r sample.Record) { r.Set("COMMENTS", "") }, holds: true},
		{name: "an empty amount is not above zero", items: []model.ConditionItem{item("OPPORTUNITY", ">", "0", and)},
			record: func(r sample.Record) { r.Set("OPPORTUNITY", "") },
			why:    "«Сумма» > 0 does not hold: the sample has nothing (empty)"},
		{name: "users compare by ID in any notation", items: []model.ConditionItem{item("ASSIGNED_BY_ID", "=", "3", and)}, holds: true},
		{name: "user against the responsible expression", items: []model.ConditionItem{item("UF_MANAGERS", "=", "{=Document:ASSIGNED_BY_ID}", and)}, holds: true},
		{name: "user in a list", items: []model.ConditionItem{item("ASSIGNED_BY_ID", "in", []any{"user_1", "user_3"}, and)}, holds: true},
		{name: "user not in a list", items: []model.ConditionItem{item("ASSIGNED_BY_ID", "!in", []any{"user_1", "user_5"}, and)}, holds: true},
		{name: "select not in the list shows titles", items: []model.ConditionItem{item("SOURCE_ID", "in", []any{"CALL", "WHATSAPP"}, and)},
			why: "«Источник» is one of Звонок, WhatsApp does not hold: the sample has «Веб-сайт»"},
		{name: "multiple select contains a value", items: []model.ConditionItem{item("UF_TAGS", "contain", "OPT", and)}, holds: true},
		{name: "multiple field equals when any value does", items: []model.ConditionItem{item("UF_TAGS", "=", "VIP", and)}, holds: true},
		{name: "multiple field differs only when no value equals", items: []model.ConditionItem{item("UF_TAGS", "!=", "VIP", and)},
			why: "«Метки» != VIP does not hold: the sample has «VIP, Опт»"},
		{name: "text contains a substring", items: []model.ConditionItem{item("COMMENTS", "contain", "обеда", and)}, holds: true},
		{name: "text does not contain", items: []model.ConditionItem{item("COMMENTS", "!contain", "срочно", and)}, holds: true},
		{name: "empty list is empty", items: []model.ConditionItem{item("EMAIL", "empty", "", and)}, holds: true},
		{name: "a phone is not empty", items: []model.ConditionItem{item("PHONE", "!empty", "", and)}, holds: true},
		{name: "a missing field is empty", items: []model.ConditionItem{item("EMAIL", "!empty", "", and)},
			record: func(r sample.Record) { delete(r, "EMAIL") },
			why:    "«E-mail» is not empty does not hold: the sample has nothing (empty)"},
		{name: "dates compare as days", items: []model.ConditionItem{item("CLOSEDATE", ">", "07.03.2024", and)}, holds: true},
		{name: "dates in ISO form", items: []model.ConditionItem{item("CLOSEDATE", "=", "2024-03-08", and)}, holds: true},
		{name: "datetime between two moments", items: []model.ConditionItem{item("UF_DELIVERY", "between", []any{"07.03.2024 09:00:00", "07.03.2024 18:00:00"}, and)}, holds: true},
		{name: "number between", items: []model.ConditionItem{item("OPPORTUNITY", "between", []any{"200000", "500000"}, and)},
			why: "«Сумма» is between 200000 and 500000 does not hold: the sample has «185 000 ₽»"},
		{name: "bool Y against 1", items: []model.ConditionItem{item("OPENED", "=", "1", and)}, holds: true},
		{name: "A AND B OR C: the last group saves it",
			items: []model.ConditionItem{item("OPPORTUNITY", ">", "1000000", and), item("SOURCE_ID", "=", "WEB", or), item("OPENED", "=", "Y", and)},
			holds: true},
		{name: "A AND B OR C: every group fails",
			items: []model.ConditionItem{item("SOURCE_ID", "=", "WEB", and), item("OPPORTUNITY", ">", "1000000", or), item("OPENED", "=", "N", and)},
			why:   "«Сумма» > 1000000 does not hold: the sample has «185 000 ₽»; nor «Доступна всем» = N does not hold: the sample has «Да»"},
		{name: "template parameters cannot be checked offline and hold",
			items: []model.ConditionItem{{Object: "Template", Field: "Param1", Operator: "=", Value: "x", Joiner: and}}, holds: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := fixtureRecord()
			if c.record != nil {
				c.record(rec)
			}
			env := preview.NewEnv(fixturePortal(), "DEAL", rec, at(2024, 3, 5, 10, 0))
			var cnd *model.Condition
			if c.items != nil {
				cnd = &model.Condition{Type: "field", Items: c.items}
			}
			v := Check(env, cnd, preview.Earlier{}, at(2024, 3, 5, 10, 0))
			if v.Holds != c.holds {
				t.Fatalf("holds = %v (%s), want %v", v.Holds, v.Why, c.holds)
			}
			if !c.holds && v.Why != c.why {
				t.Fatalf("why:\n got %q\nwant %q", v.Why, c.why)
			}
			if len(v.Items) != len(c.items) {
				t.Fatalf("%d item results for %d items", len(v.Items), len(c.items))
			}
			if strings.Contains(c.name, "offline") && !v.Items[0].Unchecked {
				t.Fatal("a template parameter was checked")
			}
		})
	}
}
