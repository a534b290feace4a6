package calc

import (
	"math/rand/v2"
	"strings"
	"time"

	"robodesk/model/calendar"
)

// testEnv is a Moscow portal on Tuesday 5 March 2024, 10:30, with the 8 March holiday.
func testEnv() *Env {
	cal := calendar.Default()
	cal.TZ = "Europe/Moscow"
	cal.Holidays = []string{"1.1", "8.3"}
	cal.Workdays = []string{"27.4"}
	loc, _ := time.LoadLocation("Europe/Moscow")
	doc := map[string]Value{
		"OPPORTUNITY":    Float(1500000),
		"TITLE":          String("Заказ"),
		"PHONE":          Strings("+79001112233", "+79004445566"),
		"BEGINDATE":      Date(time.Date(2024, 3, 1, 0, 0, 0, 0, loc)),
		"CLOSEDATE":      DateTime(time.Date(2024, 3, 29, 18, 0, 0, 0, loc)),
		"ASSIGNED_BY_ID": String("user_1"),
		"USERS":          Strings("user_1", "user_2"),
		"NULLV":          Null(),
		"EMPTY":          String(""),
		"NUMS":           Array(Float(4), Float(9), Float(2)),
	}
	return &Env{
		Resolver: ResolverFunc(func(r Ref) (Value, error) {
			switch r.Object {
			case "Document":
				return doc[r.Field], nil
			case "Nope":
				return Null(), ErrUnknownVariable
			}
			return Null(), nil
		}),
		Calendar: &cal,
		Now:      time.Date(2024, 3, 5, 10, 30, 0, 0, loc),
		Lang:     "ru",
		Document: Document{URL: "/crm/deal/details/15/", Name: "Сделка <15>", HostURL: "https://b24.example"},
		Users: UserList{
			{ID: 1, Name: "Иван", LastName: "Петров", Gender: "M", Login: "ivan"},
			{ID: 2, Name: "Anna", LastName: "Smith", Gender: "F", Login: "anna", TimeZone: "Asia/Yekaterinburg"},
			{ID: 3, Login: "robot"},
		},
		Random: rand.New(rand.NewPCG(1, 2)),
	}
}

// show renders a value with its kind so that tests tell "1" from 1 and true.
func show(v Value) string {
	if v.Kind() == KindArray {
		parts := make([]string, len(v.Array()))
		for i, it := range v.Array() {
			parts[i] = DefaultFormats.Text(it)
		}
		return "array[" + strings.Join(parts, ", ") + "]"
	}
	return v.Kind().String() + "(" + DefaultFormats.Text(v) + ")"
}
