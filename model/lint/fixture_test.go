package lint

import (
	"fmt"
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

// tuesday is Tuesday 5 March 2024, 10:00 in Moscow; the Friday evening after it is 15 March,
// since 8 March is a holiday.
var tuesday = time.Date(2024, 3, 5, 10, 0, 0, 0, msk)

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
				{ID: "ASSIGNED_BY_ID", Title: "Ответственный", Type: "user"},
				{ID: "CONTACT_NAME", Title: "Имя контакта", Type: "string"},
				{ID: "PHONE", Title: "Телефон", Type: "phone", Multiple: true},
				{ID: "SOURCE_ID", Title: "Источник", Type: "select", Options: []model.Option{{ID: "WEB", Title: "Веб-сайт"}, {ID: "CALL", Title: "Звонок"}}},
				{ID: "UF_TAGS", Title: "Метки", Type: "select", Multiple: true, Options: []model.Option{{ID: "VIP", Title: "VIP"}, {ID: "OPT", Title: "Опт"}}},
				{ID: "STAGE_ID", Title: "Стадия", Type: "stage"},
				{ID: "CLOSEDATE", Title: "Дата закрытия", Type: "date"},
				{ID: "COMMENTS", Title: "Комментарий", Type: "text"},
			},
			Pipelines: []*model.Pipeline{{ID: 0, Name: "Продажи", Stages: []model.Stage{
				{StatusID: "NEW", Name: "Новая", Sort: 10}, {StatusID: "PREPARATION", Name: "Подготовка", Sort: 20},
				{StatusID: "EXECUTING", Name: "В работе", Sort: 30}, {StatusID: "WON", Name: "Успешна", Sort: 40},
			}}},
		}},
	}
}

var (
	stNew  = model.StageRef{Entity: "DEAL", Status: "NEW"}
	stPrep = model.StageRef{Entity: "DEAL", Status: "PREPARATION"}
	stExec = model.StageRef{Entity: "DEAL", Status: "EXECUTING"}
	stWon  = model.StageRef{Entity: "DEAL", Status: "WON"}
)

func typical() sample.Samples {
	return sample.Samples{"DEAL": {
		{Name: "Типичная", Record: sample.Record{"ID": {"15"}, "TITLE": {"Заказ №15"}, "OPPORTUNITY": {"185000"}, "ASSIGNED_BY_ID": {"user_3"},
			"CONTACT_NAME": {"Екатерина"}, "PHONE": {"+7 916 555-12-34"}, "SOURCE_ID": {"WEB"}, "CLOSEDATE": {"+3d"}, "COMMENTS": {"Нужен замер"}}},
		{Name: "Пустая", Record: sample.Record{"TITLE": {"Сделка"}, "ASSIGNED_BY_ID": {"user_3"}, "CONTACT_NAME": {""}}},
	}}
}

// stages is the robots of each stage as Bitrix24 JSON.
type stages map[model.StageRef][]string

func build(t *testing.T, s stages) *model.Project {
	t.Helper()
	p := model.NewProject(fixturePortal())
	n := 0
	for ref, robots := range s {
		var rs []*model.Robot
		for i, js := range robots {
			r, err := model.DecodeRobot([]byte(js), "robot")
			if err != nil {
				t.Fatalf("%s robot %d: %v", ref, i, err)
			}
			n++
			r.ID = fmt.Sprintf("%s-%d", ref.Status, i)
			r.Pos = float64(i + 1)
			rs = append(rs, r)
		}
		p.Load(ref, model.StageMeta{}, rs)
	}
	return p
}

var nameSeq int

func name() string {
	nameSeq++
	return fmt.Sprintf("A%05d_22222_33333_44444", 10000+nameSeq)
}

// comment is an employee-facing robot with a text.
func comment(title, text string, extra ...string) string {
	return obj(`"Name":"`+name()+`","Type":"CrmTimelineCommentAdd","Activated":"Y","Properties":{"Title":"`+title+`","CommentText":"`+text+`","CommentUser":["user_1"]}`, extra...)
}

// sms is a client-facing robot.
func sms(title, text string, extra ...string) string {
	return obj(`"Name":"`+name()+`","Type":"CrmSendSmsActivity","Activated":"Y","Properties":{"Title":"`+title+`","MessageText":"`+text+`","RecipientType":"entity","ProviderId":":default:"}`, extra...)
}

// whatsapp is a "write first" messenger robot.
func whatsapp(title string, extra ...string) string {
	return obj(`"Name":"`+name()+`","Type":"rest_5b1a5f0b6c0d4b0b9a3f6c1d2e7a8b90","Activated":"Y","Properties":{"Title":"`+title+`","line":"1","phone":"{=Document:PHONE}","message":"Здравствуйте!"}`, extra...)
}

func move(title, target string, extra ...string) string {
	return obj(`"Name":"`+name()+`","Type":"CrmChangeStatusActivity","Activated":"Y","Properties":{"Title":"`+title+`","TargetStatus":"`+target+`"}`, extra...)
}

func obj(body string, extra ...string) string {
	for _, e := range extra {
		body += "," + e
	}
	return "{" + body + "}"
}

func after(value int, vt string, workTime bool) string {
	w := "false"
	if workTime {
		w = "true"
	}
	return fmt.Sprintf(`"Delay":{"type":"after","value":%d,"valueType":"%s","basis":"{=System:Now}","workTime":%s,"waitWorkDay":false,"inTime":null}`, value, vt, w)
}

func cond(items ...string) string {
	return `"Condition":{"type":"field","items":[` + strings.Join(items, ",") + `]}`
}

func it(field, op, value, joiner string) string {
	if !strings.HasPrefix(value, "[") {
		value = `"` + value + `"`
	}
	return `[{"object":"Document","field":"` + field + `","operator":"` + op + `","value":` + value + `},"` + joiner + `"]`
}

// got lists findings of the given codes as "severity stage «title» property".
func got(fs []model.Finding, codes ...string) []string {
	var out []string
	for _, f := range fs {
		for _, c := range codes {
			if f.Code == c {
				out = append(out, fmt.Sprintf("%s %s «%s» %s", f.Severity, f.Stage.Status, f.Title, f.Property))
			}
		}
	}
	return out
}

func find(fs []model.Finding, code string) *model.Finding {
	for i := range fs {
		if fs[i].Code == code {
			return &fs[i]
		}
	}
	return nil
}
