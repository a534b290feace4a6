package tmpl

import (
	"time"

	"robodesk/model/calc"
	"robodesk/model/calendar"
)

// fixture is a deal of a Moscow portal on Tuesday 5 March 2024, 10:30, rendered for user 2.
func fixture() (*MapSource, *Context) {
	src := NewSource(
		Field{ID: "TITLE", Title: "Название", Type: TypeString},
		Field{ID: "OPPORTUNITY", Title: "Сумма", Type: TypeMoney, Currency: "RUB"},
		Field{ID: "AMOUNT2", Title: "Бюджет", Type: TypeDouble, Currency: "USD"},
		Field{ID: "PHONE", Title: "Телефон", Type: TypeString, Multiple: true},
		Field{ID: "PHONE_PRINTABLE", Title: "Телефон (текст)", Type: TypeString},
		Field{ID: "EMAIL", Title: "E-mail", Type: TypeString, Multiple: true},
		Field{ID: "ASSIGNED_BY_ID", Title: "Ответственный", Type: TypeUser},
		Field{ID: "OBSERVERS", Title: "Наблюдатели", Type: TypeUser, Multiple: true},
		Field{ID: "BEGINDATE", Title: "Дата начала", Type: TypeDate},
		Field{ID: "CLOSEDATE", Title: "Дата завершения", Type: TypeDateTime},
		Field{ID: "IS_RETURN", Title: "Повторная", Type: TypeBool},
		Field{ID: "OPENED", Title: "Доступна всем", Type: TypeBool},
		Field{ID: "SOURCE_ID", Title: "Источник", Type: TypeSelect, Options: []Option{{"CALL", "Звонок"}, {"WEB", "Веб-сайт"}}},
		Field{ID: "TAGS", Title: "Метки", Type: TypeSelect, Multiple: true, Options: []Option{{"CALL", "Звонок"}, {"WEB", "Веб-сайт"}}},
		Field{ID: "COMMENTS", Title: "Комментарий", Type: TypeText},
		Field{ID: "NO_SAMPLE", Title: "Без значения", Type: TypeString},
		Field{ID: "UF_CRM_1", Title: "Дата", Type: TypeDate},
		Field{ID: "UF_CRM_2", Title: "Дата", Type: TypeDate},
		Field{ID: "UF_CRM_GT", Title: "Цена > себестоимости", Type: TypeBool},
		Field{Object: "GlobalConst", ID: "Constant1", Title: "Ставка НДС", Group: "Для всех", Type: TypeInt},
		Field{Object: "GlobalVar", ID: "Variable7", Title: "Счётчик", Group: "Процессы", Type: TypeInt},
		Field{Object: "Variable", ID: "Variable1", Title: "Количество", Type: TypeInt},
		Field{Object: "Constant", ID: "Const1", Title: "Флаг", Type: TypeBool},
		Field{Object: "Template", ID: "Param1", Title: "Параметр", Type: TypeString},
		Field{Object: "A11111_22222_33333_44444", ID: "ChatId", Title: "ID чата", Type: TypeInt},
		Field{Object: "A55555_66666_77777_88888", ID: "TaskId", Title: "ID задачи", Type: TypeInt},
	)
	loc, _ := time.LoadLocation("Europe/Moscow")
	set := func(id string, v calc.Value) { src.SetSample("Document", id, v) }
	set("TITLE", calc.String("Заказ №15"))
	set("OPPORTUNITY", calc.String("1500000|RUB"))
	set("AMOUNT2", calc.Float(2500.5))
	set("PHONE", calc.Strings("+79001112233", "+79004445566"))
	set("PHONE_PRINTABLE", calc.String("+79001112233, +79004445566"))
	set("EMAIL", calc.Strings("a@x.ru", "b@x.ru"))
	set("ASSIGNED_BY_ID", calc.String("user_1"))
	set("OBSERVERS", calc.Strings("user_1", "user_2"))
	set("BEGINDATE", calc.Date(time.Date(2024, 3, 1, 0, 0, 0, 0, loc)))
	set("CLOSEDATE", calc.DateTime(time.Date(2024, 3, 29, 18, 0, 0, 0, loc)))
	set("IS_RETURN", calc.String("Y"))
	set("OPENED", calc.String("N"))
	set("SOURCE_ID", calc.String("WEB"))
	set("TAGS", calc.Strings("CALL", "WEB"))
	set("COMMENTS", calc.String(""))
	src.SetSample("GlobalConst", "Constant1", calc.Int(20))
	src.SetSample("Variable", "Variable1", calc.Int(5))
	src.SetSample("Constant", "Const1", calc.String("Y"))
	src.SetSample("Template", "Param1", calc.String("abc"))
	src.SetSample("A11111_22222_33333_44444", "ChatId", calc.Int(42))

	cal := calendar.Default()
	cal.TZ = "Europe/Moscow"
	cal.Holidays = []string{"8.3"}
	env := &calc.Env{
		Calendar: &cal,
		Now:      time.Date(2024, 3, 5, 10, 30, 0, 0, loc),
		Lang:     "ru",
		Users: calc.UserList{
			{ID: 1, Name: "Иван", LastName: "Петров", Login: "ivan"},
			{ID: 2, Name: "Anna", LastName: "Smith", Login: "anna", TimeZone: "Asia/Yekaterinburg"},
		},
		Document: calc.Document{URL: "/crm/deal/details/15/", Name: "Заказ №15", HostURL: "https://b24.example"},
	}
	return src, &Context{Source: src, Env: env, CurrentUser: 2, WorkflowID: "wf-1"}
}
