package sample

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/mail"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"robodesk/model"
)

func TestRecordJSON(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want Record
		out  string // re-encoded; "" means same as in
		err  string
	}{
		{name: "strings and lists", in: `{"PHONE":["+7 916 555-12-34","+7 495 100-00-01"],"TITLE":"Заказ №15"}`,
			want: Record{"TITLE": {"Заказ №15"}, "PHONE": {"+7 916 555-12-34", "+7 495 100-00-01"}}},
		{name: "numbers and booleans become text", in: `{"OPENED":true,"OPPORTUNITY":1500000.50,"PROBABILITY":40}`,
			want: Record{"OPPORTUNITY": {"1500000.50"}, "PROBABILITY": {"40"}, "OPENED": {"Y"}},
			out:  `{"OPENED":"Y","OPPORTUNITY":"1500000.50","PROBABILITY":"40"}`},
		{name: "empty list and empty string differ", in: `{"EMAIL":[],"NAME":""}`,
			want: Record{"EMAIL": {}, "NAME": {""}}},
		{name: "null is an empty value", in: `{"NAME":null}`, want: Record{"NAME": {""}}, out: `{"NAME":""}`},
		{name: "no escaping of quotes and ampersands", in: `{"TITLE":"ООО «Рога & Копыта» <опт>"}`,
			want: Record{"TITLE": {"ООО «Рога & Копыта» <опт>"}}},
		{name: "object value names the field", in: `{"TITLE":{"a":1}}`, err: "field TITLE: want a string"},
		{name: "nested list names the item", in: `{"PHONE":["1",["2"]]}`, err: "field PHONE: item 1"},
		{name: "not an object", in: `["TITLE"]`, err: "a record is a JSON object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseRecord([]byte(c.in))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r, c.want) {
				t.Fatalf("got %#v, want %#v", r, c.want)
			}
			b, err := marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			want := c.out
			if want == "" {
				want = c.in
			}
			if string(b) != want {
				t.Fatalf("encoded %s, want %s", b, want)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	msk, _ := time.LoadLocation("Europe/Moscow")
	// Friday 8 March 2024, 16:45 in Moscow.
	now := time.Date(2024, 3, 8, 16, 45, 0, 0, msk)
	cases := []struct {
		in    string
		want  time.Time
		clock bool
		bad   bool
	}{
		{in: "now", want: now, clock: true},
		{in: "today", want: time.Date(2024, 3, 8, 0, 0, 0, 0, msk)},
		{in: "+3d", want: time.Date(2024, 3, 11, 16, 45, 0, 0, msk)},
		{in: "-1d", want: time.Date(2024, 3, 7, 16, 45, 0, 0, msk)},
		{in: "+2d 15:00", want: time.Date(2024, 3, 10, 15, 0, 0, 0, msk), clock: true},
		{in: "today 09:30", want: time.Date(2024, 3, 8, 9, 30, 0, 0, msk), clock: true},
		{in: "+1w", want: time.Date(2024, 3, 15, 16, 45, 0, 0, msk)},
		{in: "+4h", want: time.Date(2024, 3, 8, 20, 45, 0, 0, msk), clock: true},
		{in: "-30i", want: time.Date(2024, 3, 8, 16, 15, 0, 0, msk), clock: true},
		{in: "+30min", want: time.Date(2024, 3, 8, 17, 15, 0, 0, msk), clock: true},
		{in: "2024-12-31", want: time.Date(2024, 12, 31, 0, 0, 0, 0, msk)},
		{in: "2024-12-31 18:30", want: time.Date(2024, 12, 31, 18, 30, 0, 0, msk), clock: true},
		{in: "31.12.2024 18:30:15", want: time.Date(2024, 12, 31, 18, 30, 15, 0, msk), clock: true},
		{in: "2024-12-31T18:30:00Z", want: time.Date(2024, 12, 31, 18, 30, 0, 0, time.UTC), clock: true},
		{in: "", bad: true},
		{in: "tomorrow", bad: true},
		{in: "+3", bad: true},
		{in: "+3y", bad: true},
		{in: "+2d 25:00", bad: true},
		{in: "now 10:00", bad: true},
		{in: "31.02.2024", bad: true},
	}
	for _, c := range cases {
		got, clock, ok := ParseTime(c.in, now)
		if c.bad {
			if ok {
				t.Errorf("%q: parsed as %v, want an error", c.in, got)
			}
			continue
		}
		if !ok || !got.Equal(c.want) || clock != c.clock {
			t.Errorf("%q: got %v clock=%v ok=%v, want %v clock=%v", c.in, got, clock, ok, c.want, c.clock)
		}
	}
}

func TestSet(t *testing.T) {
	var s Set
	if d := s.Default(); d.Record == nil || d.Name != "" {
		t.Fatalf("default of an empty set = %#v, want an empty record", d)
	}
	s.Put("Типичная", Record{"TITLE": {"a"}})
	s.Put("Пустая", Record{})
	s.Put("Типичная", Record{"TITLE": {"b"}})
	if got := s.Names(); !reflect.DeepEqual(got, []string{"Типичная", "Пустая"}) {
		t.Fatalf("names %v", got)
	}
	if r, _ := s.Get("Типичная"); r.First("TITLE") != "b" {
		t.Fatalf("put did not replace: %v", r)
	}
	if err := s.Rename("Пустая", "Типичная"); err == nil {
		t.Fatal("rename onto a taken name succeeded")
	}
	if err := s.Rename("Пустая", "  "); err == nil {
		t.Fatal("rename to a blank name succeeded")
	}
	if err := s.Rename("Пустая", "Почти пустая"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pick("Нет такой"); err == nil || !strings.Contains(err.Error(), "«Типичная», «Почти пустая»") {
		t.Fatalf("pick of a missing sample: %v", err)
	}
	if n, err := s.Pick(""); err != nil || n.Name != "Типичная" {
		t.Fatalf("pick default = %v, %v", n.Name, err)
	}
	if !s.Delete("Типичная") || s.Delete("Типичная") || len(s) != 1 {
		t.Fatalf("delete: %v", s.Names())
	}
}

// docs is an in-memory project document store.
type docs struct {
	m    map[string][]byte
	fail error
}

func (d *docs) Get(key string, v any) (bool, error) {
	if d.fail != nil {
		return false, d.fail
	}
	b, ok := d.m[key]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(b, v)
}

func (d *docs) Put(key string, v any) error {
	b, err := json.Marshal(v)
	d.m[key] = b
	return err
}

func TestLoadSave(t *testing.T) {
	d := &docs{m: map[string][]byte{}}
	portal := &model.Portal{Entities: []*model.Entity{{ID: "LEAD"}, {ID: "DEAL"}}}
	if s, err := Load(d, "DEAL"); err != nil || len(s) != 0 {
		t.Fatalf("load of nothing = %v, %v", s, err)
	}
	want := Set{{Name: "Типичная", Record: Record{"TITLE": {"Заказ"}, "PHONE": {"1", "2"}}}}
	if err := Save(d, "DEAL", want); err != nil {
		t.Fatal(err)
	}
	if _, ok := d.m["samples/DEAL"]; !ok {
		t.Fatalf("saved under %v, want samples/DEAL", d.m)
	}
	all, err := LoadAll(d, portal)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, Samples{"DEAL": want}) {
		t.Fatalf("load all = %#v", all)
	}
	d.fail = errors.New("disk on fire")
	if _, err := Load(d, "LEAD"); err == nil || !strings.Contains(err.Error(), "samples of LEAD: disk on fire") {
		t.Fatalf("error %v does not name the entity", err)
	}
}

func demoEntity() (*model.Entity, *model.Portal) {
	e := &model.Entity{ID: "DEAL", Fields: []model.Field{
		{ID: "ID", Type: "int"}, {ID: "TITLE", Type: "string"}, {ID: "OPPORTUNITY", Type: "money"},
		{ID: "CURRENCY_ID", Type: "select", Options: []model.Option{{ID: "RUB"}, {ID: "USD"}}},
		{ID: "ASSIGNED_BY_ID", Type: "user"}, {ID: "UF_MANAGERS", Type: "user", Multiple: true},
		{ID: "CONTACT_NAME", Type: "string"}, {ID: "NAME", Type: "string"}, {ID: "LAST_NAME", Type: "string"},
		{ID: "PHONE", Type: "phone", Multiple: true}, {ID: "PHONE_PRINTABLE", Type: "string"},
		{ID: "EMAIL", Type: "email", Multiple: true}, {ID: "EMAIL_PRINTABLE", Type: "string"},
		{ID: "SOURCE_ID", Type: "select", Options: []model.Option{{ID: "WEB"}, {ID: "CALL"}}},
		{ID: "TAGS", Type: "select", Multiple: true, Options: []model.Option{{ID: "A"}, {ID: "B"}, {ID: "C"}}},
		{ID: "COMMENTS", Type: "text"}, {ID: "CLOSEDATE", Type: "date"}, {ID: "UF_DELIVERY", Type: "datetime"},
		{ID: "OPENED", Type: "bool"}, {ID: "UF_URL", Type: "url"}, {ID: "STAGE_ID", Type: "stage"},
		{ID: "UF_ADDRESS", Type: "string"}, {ID: "UF_FILE", Type: "file"}, {ID: "UF_PRICE", Type: "double"},
	}, Pipelines: []*model.Pipeline{{Stages: []model.Stage{{StatusID: "NEW"}, {StatusID: "WON"}}}}}
	p := &model.Portal{Currency: "RUB", Entities: []*model.Entity{e}, Users: []model.User{
		{ID: 1, Name: "Анна", Active: true}, {ID: 2, Name: "Бывший", Active: false}, {ID: 3, Name: "Мария", Active: true},
	}}
	return e, p
}

func TestGenerate(t *testing.T) {
	e, p := demoEntity()
	phone := regexp.MustCompile(`^\+7 9\d\d \d{3}-\d\d-\d\d$`)
	now := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	for seed := uint64(0); seed < 40; seed++ {
		r := Generate(e, p, rand.New(rand.NewPCG(seed, 7)))
		again := Generate(e, p, rand.New(rand.NewPCG(seed, 7)))
		if !reflect.DeepEqual(r, again) {
			t.Fatalf("seed %d: not deterministic", seed)
		}
		if r.Has("UF_FILE") {
			t.Errorf("seed %d: a file field got a value %v", seed, r["UF_FILE"])
		}
		for _, f := range e.Fields {
			v := r[f.ID]
			if f.ID == "UF_FILE" {
				continue
			}
			if len(v) == 0 || v[0] == "" {
				t.Errorf("seed %d: %s (%s) is empty", seed, f.ID, f.Type)
				continue
			}
			if f.Multiple != (len(v) > 1) && f.Type != "string" {
				t.Errorf("seed %d: %s multiple=%v but %d values", seed, f.ID, f.Multiple, len(v))
			}
			for _, s := range v {
				switch f.Type {
				case "phone":
					if !phone.MatchString(s) {
						t.Errorf("seed %d: phone %q", seed, s)
					}
				case "email":
					if _, err := mail.ParseAddress(s); err != nil {
						t.Errorf("seed %d: e-mail %q: %v", seed, s, err)
					}
				case "select":
					ok := false
					for _, o := range f.Options {
						ok = ok || o.ID == s
					}
					if !ok {
						t.Errorf("seed %d: %s = %q is not an option", seed, f.ID, s)
					}
				case "user":
					if s != "user_1" && s != "user_3" {
						t.Errorf("seed %d: %s = %q is not an active user", seed, f.ID, s)
					}
				case "date", "datetime":
					if _, _, ok := ParseTime(s, now); !ok {
						t.Errorf("seed %d: %s = %q does not parse", seed, f.ID, s)
					}
				case "money", "double", "int":
					if strings.Trim(s, "0123456789.") != "" {
						t.Errorf("seed %d: %s = %q is not a number", seed, f.ID, s)
					}
				case "stage":
					if s != "NEW" {
						t.Errorf("seed %d: stage %q", seed, s)
					}
				}
			}
		}
		if got, want := r.First("PHONE_PRINTABLE"), strings.Join(r["PHONE"], ", "); got != want {
			t.Errorf("seed %d: PHONE_PRINTABLE %q, want %q", seed, got, want)
		}
		if got := r.First("CONTACT_NAME"); got != r.First("NAME")+" "+r.First("LAST_NAME") {
			t.Errorf("seed %d: contact %q disagrees with %q %q", seed, got, r.First("NAME"), r.First("LAST_NAME"))
		}
		if r.First("CURRENCY_ID") != "RUB" {
			t.Errorf("seed %d: currency %q, want the portal's", seed, r.First("CURRENCY_ID"))
		}
		if r.First("UF_ADDRESS") == "" || !strings.HasPrefix(r.First("UF_ADDRESS"), "г. ") {
			t.Errorf("seed %d: address %q", seed, r.First("UF_ADDRESS"))
		}
		if len(r["UF_MANAGERS"]) == 2 && r["UF_MANAGERS"][0] == r["UF_MANAGERS"][1] {
			t.Errorf("seed %d: the same user twice in %v", seed, r["UF_MANAGERS"])
		}
	}
}

func TestGenerateWithoutPortal(t *testing.T) {
	e, _ := demoEntity()
	r := Generate(e, nil, nil)
	if r.Has("ASSIGNED_BY_ID") {
		t.Fatalf("users made up without a portal: %v", r["ASSIGNED_BY_ID"])
	}
	if r.First("TITLE") == "" {
		t.Fatal("no title")
	}
}

func TestCheckValue(t *testing.T) {
	e, p := demoEntity()
	field := func(id string) model.Field {
		f, ok := e.Field(id)
		if !ok {
			t.Fatalf("no field %s", id)
		}
		return f
	}
	cases := []struct {
		field string
		v     Value
		err   string
	}{
		{"OPPORTUNITY", Value{"1500000"}, ""},
		{"OPPORTUNITY", Value{"1500000.50|RUB"}, ""},
		{"OPPORTUNITY", Value{"много"}, `«» (OPPORTUNITY): "много" is not a number`},
		{"ID", Value{"1.5"}, "is not a whole number"},
		{"OPENED", Value{"да"}, "is not Y or N"},
		{"CLOSEDATE", Value{"+3d"}, ""},
		{"CLOSEDATE", Value{"05.03.2024"}, ""},
		{"CLOSEDATE", Value{"завтра"}, "is not a date"},
		{"SOURCE_ID", Value{"WEB"}, ""},
		{"SOURCE_ID", Value{"FAX"}, "is not one of its options"},
		{"SOURCE_ID", Value{"WEB", "CALL"}, "takes one value, not 2"},
		{"TAGS", Value{"A", "C"}, ""},
		{"STAGE_ID", Value{"WON"}, ""},
		{"STAGE_ID", Value{"LOST"}, "is not a stage of DEAL"},
		{"ASSIGNED_BY_ID", Value{"user_3"}, ""},
		{"ASSIGNED_BY_ID", Value{"3"}, ""},
		{"ASSIGNED_BY_ID", Value{"user_9"}, "is not a user of the portal"},
		{"TITLE", Value{""}, ""},
		{"UF_DELIVERY", Value{""}, ""},
	}
	for _, c := range cases {
		err := CheckValue(p, e, field(c.field), c.v)
		if (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s %v: error %v, want %q", c.field, c.v, err, c.err)
		}
	}
	rec := Record{"TITLE": {"x"}, "UF_NOPE": {"y"}, "OPENED": {"maybe"}}
	errs := rec.Check(p, e)
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "OPENED") || !strings.Contains(errs[1].Error(), "UF_NOPE: DEAL has no such field") {
		t.Fatalf("record check: %v", errs)
	}
}
