package sim

import (
	"strings"
	"testing"
	"time"

	"robodesk/model"
	"robodesk/model/calendar"
	"robodesk/model/sample"
)

var msk = func() *time.Location {
	l, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		panic(err)
	}
	return l
}()

func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, msk) }

var deal = model.StageRef{Entity: "DEAL", Status: "NEW"}

// fixturePortal is a Moscow portal with the Russian holidays of the demo, 1–8 January among
// them, and Saturday 27 April as a working day.
func fixturePortal() *model.Portal {
	return &model.Portal{
		Name: "torgdom.bitrix24.ru", Locale: "ru", Currency: "RUB", DateFormat: "d.m.Y", DateTimeFormat: "d.m.Y H:i:s",
		Calendar: calendar.Calendar{TZ: "Europe/Moscow", WorkStart: "09:00", WorkEnd: "18:00",
			Weekend:  []time.Weekday{time.Saturday, time.Sunday},
			Holidays: []string{"1.1", "2.1", "3.1", "4.1", "5.1", "6.1", "7.1", "8.1", "23.2", "8.3", "1.5", "9.5", "12.6", "4.11"},
			Workdays: []string{"27.4"}},
		Users: []model.User{{ID: 1, Name: "Анна", LastName: "Смирнова", Active: true}, {ID: 3, Name: "Мария", LastName: "Кузнецова", Active: true}, {ID: 5, Name: "Ольга", LastName: "Попова", Active: true}},
		Entities: []*model.Entity{{
			ID: "DEAL", TypeID: 2, Title: "Сделки",
			Fields: []model.Field{
				{ID: "ID", Title: "ID", Type: "int"},
				{ID: "TITLE", Title: "Название сделки", Type: "string"},
				{ID: "OPPORTUNITY", Title: "Сумма", Type: "money"},
				{ID: "ASSIGNED_BY_ID", Title: "Ответственный", Type: "user"},
				{ID: "UF_MANAGERS", Title: "Участники", Type: "user", Multiple: true},
				{ID: "PHONE", Title: "Телефон", Type: "phone", Multiple: true},
				{ID: "EMAIL", Title: "E-mail", Type: "email", Multiple: true},
				{ID: "COMMENTS", Title: "Комментарий", Type: "text"},
				{ID: "SOURCE_ID", Title: "Источник", Type: "select", Options: []model.Option{{ID: "WEB", Title: "Веб-сайт"}, {ID: "CALL", Title: "Звонок"}, {ID: "WHATSAPP", Title: "WhatsApp"}}},
				{ID: "UF_TAGS", Title: "Метки", Type: "select", Multiple: true, Options: []model.Option{{ID: "VIP", Title: "VIP"}, {ID: "OPT", Title: "Опт"}}},
				{ID: "CLOSEDATE", Title: "Дата закрытия", Type: "date"},
				{ID: "UF_PAYMENT_DATE", Title: "Дата оплаты", Type: "date"},
				{ID: "UF_DELIVERY", Title: "Дата доставки", Type: "datetime"},
				{ID: "OPENED", Title: "Доступна всем", Type: "bool"},
				{ID: "PROBABILITY", Title: "Вероятность", Type: "int"},
			},
			Pipelines: []*model.Pipeline{{ID: 0, Name: "Продажи", Stages: []model.Stage{
				{StatusID: "NEW", Name: "Новая"}, {StatusID: "PREPARATION", Name: "Подготовка"}, {StatusID: "WON", Name: "Успешна"},
			}}},
		}},
	}
}

func fixtureRecord() sample.Record {
	return sample.Record{
		"ID": {"15"}, "TITLE": {"Заказ №15"}, "OPPORTUNITY": {"185000"}, "ASSIGNED_BY_ID": {"user_3"},
		"UF_MANAGERS": {"user_3", "user_5"}, "PHONE": {"+7 916 555-12-34"}, "EMAIL": {}, "COMMENTS": {"Перезвонить после обеда"},
		"SOURCE_ID": {"WEB"}, "UF_TAGS": {"VIP", "OPT"}, "CLOSEDATE": {"+3d"}, "UF_PAYMENT_DATE": {"+7d"},
		"UF_DELIVERY": {"+2d 15:00"}, "OPENED": {"Y"}, "PROBABILITY": {"0"},
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

var robotSeq int

// robot writes a robot's JSON: a comment robot titled title, with extra top-level keys.
func robot(title string, extra ...string) string {
	robotSeq++
	name := "A1" + strings.Repeat("0", 4-len(itoa(robotSeq))) + itoa(robotSeq) + "_11111_11111_11111"
	js := `{"Name":"` + name + `","Type":"CrmTimelineCommentAdd","Activated":"Y","Properties":{"Title":"` + title +
		`","CommentText":"` + title + ` {=Document:TITLE}","CommentUser":["user_1"]}`
	for _, e := range extra {
		js += "," + e
	}
	return js + "}"
}

func itoa(n int) string {
	s := ""
	for n > 0 || s == "" {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func delay(typ string, value int, vt, basis string, workTime, waitWorkDay bool, inTime string) string {
	b := func(v bool) string {
		if v {
			return "true"
		}
		return "false"
	}
	if inTime == "" {
		inTime = "null"
	}
	return `"Delay":{"type":"` + typ + `","value":` + itoa(value) + `,"valueType":"` + vt + `","basis":"` + basis +
		`","workTime":` + b(workTime) + `,"waitWorkDay":` + b(waitWorkDay) + `,"inTime":` + inTime + `}`
}

func cond(items string) string { return `"Condition":{"type":"field","items":[` + items + `]}` }

const chained = `"ExecuteAfterPrevious":1`
