package preview

import (
	"testing"
	"time"

	"robodesk/model"
	"robodesk/model/calendar"
	"robodesk/model/catalog"
	"robodesk/model/sample"
)

var msk = func() *time.Location {
	l, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		panic(err)
	}
	return l
}()

// tuesday is Tuesday 5 March 2024, 10:30 in Moscow.
var tuesday = time.Date(2024, 3, 5, 10, 30, 0, 0, msk)

func fixturePortal() *model.Portal {
	return &model.Portal{
		Name: "torgdom.bitrix24.ru", Locale: "ru", Currency: "RUB", DateFormat: "d.m.Y", DateTimeFormat: "d.m.Y H:i:s",
		Calendar: calendar.Calendar{TZ: "Europe/Moscow", WorkStart: "09:00", WorkEnd: "18:00",
			Weekend: []time.Weekday{time.Saturday, time.Sunday}, Holidays: []string{"1.1", "8.3"}},
		Users: []model.User{{ID: 1, Name: "Анна", LastName: "Смирнова", Active: true}, {ID: 3, Name: "Мария", LastName: "Кузнецова", Active: true}},
		Entities: []*model.Entity{{
			ID: "DEAL", TypeID: 2, Title: "Сделки",
			Fields: []model.Field{
				{ID: "ID", Title: "ID", Type: "int"},
				{ID: "TITLE", Title: "Название сделки", Type: "string"},
				{ID: "OPPORTUNITY", Title: "Сумма", Type: "money"},
				{ID: "CURRENCY_ID", Title: "Валюта", Type: "select", Options: []model.Option{{ID: "RUB", Title: "Рубль"}, {ID: "USD", Title: "Доллар"}}},
				{ID: "ASSIGNED_BY_ID", Title: "Ответственный", Type: "user"},
				{ID: "CONTACT_NAME", Title: "Имя контакта", Type: "string"},
				{ID: "PHONE", Title: "Телефон", Type: "phone", Multiple: true},
				{ID: "PHONE_PRINTABLE", Title: "Телефон (текст)", Type: "string"},
				{ID: "SOURCE_ID", Title: "Источник", Type: "select", Options: []model.Option{{ID: "WEB", Title: "Веб-сайт"}, {ID: "CALL", Title: "Звонок"}}},
				{ID: "STAGE_ID", Title: "Стадия сделки", Type: "stage"},
				{ID: "CLOSEDATE", Title: "Дата закрытия", Type: "date"},
				{ID: "UF_DELIVERY", Title: "Дата доставки", Type: "datetime"},
				{ID: "OPENED", Title: "Доступна всем", Type: "bool"},
				{ID: "UF_PRODUCTS", Title: "Товары", Type: "string", Multiple: true},
			},
			Pipelines: []*model.Pipeline{{ID: 0, Name: "Продажи", Stages: []model.Stage{
				{StatusID: "NEW", Name: "Новая"}, {StatusID: "PREPARATION", Name: "Подготовка документов"}, {StatusID: "WON", Name: "Сделка успешна"},
			}}},
		}},
	}
}

func fixtureRecord() sample.Record {
	return sample.Record{
		"ID": {"15"}, "TITLE": {"Заказ №15"}, "OPPORTUNITY": {"1500000"}, "CURRENCY_ID": {"RUB"},
		"ASSIGNED_BY_ID": {"user_3"}, "CONTACT_NAME": {"Екатерина"}, "PHONE": {"+7 916 555-12-34", "+7 495 100-00-01"},
		"SOURCE_ID": {"WEB"}, "STAGE_ID": {"PREPARATION"}, "CLOSEDATE": {"+3d"}, "UF_DELIVERY": {"+2d 15:00"},
		"OPENED": {"Y"}, "UF_PRODUCTS": {"Кухня", "Мойка"}, "UF_EMPTY": {""},
	}
}

// project loads robots given as Bitrix24 JSON into one stage of the fixture portal.
func project(t *testing.T, stage model.StageRef, robots ...string) *model.Project {
	t.Helper()
	p := model.NewProject(fixturePortal())
	var rs []*model.Robot
	for i, js := range robots {
		r, err := model.DecodeRobot([]byte(js), "robot")
		if err != nil {
			t.Fatalf("robot %d: %v", i, err)
		}
		r.ID = r.Name
		r.Pos = float64(i + 1)
		rs = append(rs, r)
	}
	p.Load(stage, model.StageMeta{}, rs)
	return p
}

func chatReturn(t *testing.T) catalog.Return {
	t.Helper()
	e := catalog.Lookup("ImCreateGroupChatActivity", nil)
	for _, r := range e.Returns {
		if r.Key == "ChatId" {
			return r
		}
	}
	t.Fatal("no ChatId in the catalog")
	return catalog.Return{}
}
