package fake

import (
	"encoding/json"

	"robodesk/model"
	"robodesk/model/calendar"
)

// Demo is a small Russian-language portal to try RoboDesk against: leads, two deal pipelines, a
// smart process, a dozen employees in four departments, and robots on a few stages.
func Demo() *Data {
	stages := func(prefix string, names ...[3]string) []model.Stage {
		out := make([]model.Stage, len(names))
		for i, n := range names {
			out[i] = model.Stage{StatusID: prefix + n[0], Name: n[1], Sort: (i + 1) * 10, Color: n[2], Semantics: model.SemanticsProcess}
		}
		out[len(out)-2].Semantics = model.SemanticsSuccess
		out[len(out)-1].Semantics = model.SemanticsFailure
		return out
	}
	source := model.Field{ID: "SOURCE_ID", Title: "Источник", Type: "select", Options: []model.Option{
		{ID: "CALL", Title: "Звонок"}, {ID: "EMAIL", Title: "Электронная почта"}, {ID: "WEB", Title: "Веб-сайт"},
		{ID: "ADVERTISING", Title: "Реклама"}, {ID: "PARTNER", Title: "Партнёр"},
	}}
	common := []model.Field{
		{ID: "TITLE", Title: "Название", Type: "string", Required: true},
		{ID: "ASSIGNED_BY_ID", Title: "Ответственный", Type: "user", Required: true},
		{ID: "OPPORTUNITY", Title: "Сумма", Type: "double"},
		{ID: "CURRENCY_ID", Title: "Валюта", Type: "string"},
		{ID: "COMMENTS", Title: "Комментарий", Type: "text"},
		{ID: "BEGINDATE", Title: "Дата начала", Type: "date"},
		{ID: "CLOSEDATE", Title: "Дата завершения", Type: "date"},
		source,
	}
	with := func(extra ...model.Field) []model.Field {
		return append(append([]model.Field(nil), common...), extra...)
	}
	p := &model.Portal{
		Name: "demo.bitrix24.ru", Locale: "ru", Currency: "RUB", DateFormat: "d.m.Y", DateTimeFormat: "d.m.Y H:i:s",
		Calendar: calendar.Calendar{TZ: "Europe/Moscow", WorkStart: "09:00", WorkEnd: "18:00",
			Weekend: calendar.Default().Weekend, Holidays: []string{"1.1", "2.1", "7.1", "23.2", "8.3", "1.5", "9.5", "12.6", "4.11"}},
		Entities: []*model.Entity{
			{ID: "LEAD", TypeID: 1, Title: "Лид", Fields: with(
				model.Field{ID: "STATUS_ID", Title: "Статус", Type: "stage"},
				model.Field{ID: "PHONE", Title: "Телефон", Type: "phone", Multiple: true},
				model.Field{ID: "EMAIL", Title: "E-mail", Type: "email", Multiple: true},
			), Pipelines: []*model.Pipeline{{ID: 0, Name: "Лид", IsDefault: true, Stages: stages("",
				[3]string{"NEW", "Не обработан", "#39A8EF"}, [3]string{"IN_PROCESS", "В работе", "#2FC6F6"},
				[3]string{"PROCESSED", "Обработан", "#55D0E0"}, [3]string{"CONVERTED", "Качественный лид", "#7BD500"},
				[3]string{"JUNK", "Некачественный лид", "#FF5752"})}}},
			{ID: "DEAL", TypeID: 2, Title: "Сделка", Fields: with(
				model.Field{ID: "STAGE_ID", Title: "Стадия", Type: "stage"},
				model.Field{ID: "UF_CRM_DELIVERY", Title: "Способ доставки", Type: "select", Options: []model.Option{
					{ID: "41", Title: "Самовывоз"}, {ID: "42", Title: "Курьер"}, {ID: "43", Title: "Транспортная компания"}}},
				model.Field{ID: "UF_CRM_CONTRACT_SIGNED", Title: "Договор подписан", Type: "bool"},
			), Pipelines: []*model.Pipeline{
				{ID: 0, Name: "Общая", Sort: 100, IsDefault: true, Stages: stages("",
					[3]string{"NEW", "Новая", "#39A8EF"}, [3]string{"PREPARATION", "Подготовка документов", "#2FC6F6"},
					[3]string{"PREPAYMENT_INVOICE", "Счёт на предоплату", "#55D0E0"}, [3]string{"EXECUTING", "В работе", "#47E4C2"},
					[3]string{"FINAL_INVOICE", "Финальный счёт", "#FFA900"}, [3]string{"WON", "Сделка успешна", "#7BD500"},
					[3]string{"LOSE", "Сделка провалена", "#FF5752"})},
				{ID: 1, Name: "Партнёры", Sort: 200, Stages: stages("C1:",
					[3]string{"NEW", "Заявка партнёра", "#39A8EF"}, [3]string{"PREPARATION", "Переговоры", "#2FC6F6"},
					[3]string{"WON", "Партнёр подключён", "#7BD500"}, [3]string{"LOSE", "Отказ", "#FF5752"})},
			}},
			{ID: "DYNAMIC_128", TypeID: 128, Title: "Доставка", Fields: []model.Field{
				{ID: "TITLE", Title: "Название", Type: "string", Required: true},
				{ID: "ASSIGNED_BY_ID", Title: "Ответственный", Type: "user", Required: true},
				{ID: "STAGE_ID", Title: "Стадия", Type: "stage"},
				{ID: "UF_CRM_3_ADDRESS", Title: "Адрес доставки", Type: "string"},
				{ID: "UF_CRM_3_DATE", Title: "Дата доставки", Type: "datetime"},
			}, Pipelines: []*model.Pipeline{{ID: 3, Name: "Доставка", Sort: 100, IsDefault: true, Stages: stages("DT128_3:",
				[3]string{"NEW", "Новая", "#39A8EF"}, [3]string{"PREPARATION", "Сборка", "#2FC6F6"},
				[3]string{"CLIENT", "У курьера", "#FFA900"}, [3]string{"SUCCESS", "Доставлено", "#7BD500"},
				[3]string{"FAIL", "Не доставлено", "#FF5752"})}}},
		},
		Departments: []model.Department{
			{ID: 1, Name: "ООО «Ромашка»", Head: 1},
			{ID: 2, Name: "Отдел продаж", Parent: 1, Head: 2},
			{ID: 3, Name: "Партнёрский отдел", Parent: 1, Head: 6},
			{ID: 4, Name: "Логистика", Parent: 1, Head: 9},
		},
	}
	people := []struct {
		first, last, position string
		dep                   int
	}{
		{"Анна", "Смирнова", "Генеральный директор", 1}, {"Игорь", "Петров", "Руководитель отдела продаж", 2},
		{"Мария", "Кузнецова", "Менеджер по продажам", 2}, {"Дмитрий", "Соколов", "Менеджер по продажам", 2},
		{"Ольга", "Попова", "Менеджер по продажам", 2}, {"Сергей", "Лебедев", "Руководитель партнёрского отдела", 3},
		{"Елена", "Козлова", "Менеджер по партнёрам", 3}, {"Алексей", "Новиков", "Менеджер по партнёрам", 3},
		{"Татьяна", "Морозова", "Руководитель логистики", 4}, {"Николай", "Волков", "Курьер", 4},
		{"Юлия", "Васильева", "Диспетчер", 4}, {"Павел", "Зайцев", "Менеджер по продажам", 2},
	}
	for i, u := range people {
		p.Users = append(p.Users, model.User{ID: i + 1, Name: u.first, LastName: u.last, Position: u.position,
			Email: "user" + string(rune('a'+i)) + "@demo.example", Departments: []int{u.dep}, Active: i != 11, TZ: "Europe/Moscow"})
	}
	d := FromPortal(p)
	for ref, robots := range demoRobots {
		if err := d.SetRobots(ref, json.RawMessage(robots)); err != nil {
			panic(err) // the demo is static data; a mistake here is a programming error
		}
	}
	return d
}

// demoRobots are templates in Bitrix24's own ROBOTS JSON.
var demoRobots = map[model.StageRef]string{
	{Entity: "DEAL", Status: "NEW"}: `[
  {"Name":"A41275_10561_61920_84519","Type":"CrmSendEmailActivity","Activated":"Y",
   "Properties":{"Title":"Письмо клиенту","Subject":"Спасибо за обращение","MessageText":"Здравствуйте! Мы получили вашу заявку «{=Document:TITLE}» и скоро свяжемся с вами.","MessageTextType":"bbcode","EmailSelectRule":"first","AttachmentType":"file","Attachment":[]}},
  {"Name":"A80113_52614_81936_22190","Type":"SocNetMessageActivity","Activated":"Y",
   "Delay":{"type":"after","value":1,"valueType":"h","basis":"{=System:Now}","workTime":1,"waitWorkDay":0},
   "DelayName":"A66016_35012_30254_88431","ExecuteAfterPrevious":1,
   "Properties":{"Title":"Напомнить ответственному","MessageText":"Сделка «{=Document:TITLE}» ждёт ответа клиенту уже час.","MessageUserFrom":["user_1"],"MessageUserTo":["{=Document:ASSIGNED_BY_ID}"],"MessageFormat":"robot"}}
]`,
	{Entity: "DEAL", Status: "WON"}: `[
  {"Name":"A10293_48576_11235_81321","Type":"CrmSendSmsActivity","Activated":"Y",
   "Properties":{"Title":"SMS клиенту","MessageText":"Спасибо за покупку! Сумма: {=Document:OPPORTUNITY > printable}","ProviderId":":default:","RecipientType":"entity"},
   "Condition":{"type":"field","items":[[{"object":"Document","field":"OPPORTUNITY","operator":">","value":"10000"},"AND"]]}}
]`,
	{Entity: "LEAD", Status: "NEW"}: `[
  {"Name":"A55555_12345_67890_13579","Type":"CrmControlNotifyActivity","Activated":"N",
   "Properties":{"Title":"Контроль нового лида","MessageText":"Новый лид: {=Document:TITLE}","ToUsers":["{=Document:ASSIGNED_BY_ID}"],"ToHead":"Y"}}
]`,
}
