package preview

import (
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/calc"
	"robodesk/model/calendar"
	"robodesk/model/catalog"
	"robodesk/model/sample"
	"robodesk/model/tmpl"
)

// Env renders texts of one entity for one sample record. Build it once with NewEnv and render
// any number of robots with it; it is not safe for concurrent use.
type Env struct {
	Portal *model.Portal
	Entity *model.Entity
	Record sample.Record
	// Base is the moment relative sample dates ("+3d") are counted from: the stage entry of a
	// simulation, "now" of a preview.
	Base time.Time

	fields  map[string]tmpl.Field
	values  map[string]calc.Value
	order   []tmpl.Field
	cat     *tmpl.Catalog
	cal     calendar.Calendar
	loc     *time.Location
	formats calc.Formats
	users   calc.UserList
	lang    string
}

// NewEnv prepares the rendering of an entity's texts for a sample record. An entity the portal
// does not know still renders: its placeholders then report unknown fields.
func NewEnv(p *model.Portal, entity string, rec sample.Record, base time.Time) *Env {
	if p == nil {
		p = &model.Portal{}
	}
	if rec == nil {
		rec = sample.Record{}
	}
	e := &Env{Portal: p, Entity: p.Entity(entity), Record: rec, fields: map[string]tmpl.Field{}, values: map[string]calc.Value{}}
	e.cal = p.Calendar
	if e.cal.WorkStart == "" && e.cal.WorkEnd == "" && len(e.cal.Weekend) == 0 {
		tz := e.cal.TZ
		e.cal = calendar.Default()
		e.cal.TZ = tz
	}
	loc, err := e.cal.Location()
	if err != nil {
		loc = time.UTC
	}
	e.loc = loc
	if base.IsZero() {
		base = time.Now()
	}
	e.Base = base.In(loc)
	e.formats = calc.Formats{Date: phpFormat(p.DateFormat), DateTime: phpFormat(p.DateTimeFormat)}.WithDefaults()
	e.lang = p.Locale
	if e.lang == "" {
		e.lang = "ru"
	}
	for _, u := range p.Users {
		e.users = append(e.users, calc.User{ID: u.ID, Name: u.Name, LastName: u.LastName, Login: loginOf(u), TimeZone: u.TZ})
	}
	if e.Entity != nil {
		for _, f := range e.Entity.Fields {
			tf := e.tmplField(f)
			e.fields[f.ID] = tf
			e.order = append(e.order, tf)
		}
	}
	e.cat = tmpl.NewCatalog(e.order)
	e.loadValues()
	return e
}

// phpFormat accepts the portal's own notation too ("DD.MM.YYYY"), which a pulled snapshot may
// carry, and turns it into the PHP notation the calculator prints dates with.
func phpFormat(f string) string {
	if strings.Contains(f, "YYYY") || strings.Contains(f, "DD") || strings.Contains(f, "MI") {
		return calc.FromBitrixFormat(f)
	}
	return f
}

func loginOf(u model.User) string {
	if u.Email != "" {
		login, _, _ := strings.Cut(u.Email, "@")
		return login
	}
	return "user" + strconv.Itoa(u.ID)
}

// tmplType maps the portal's field types to the template language's.
func tmplType(t string) tmpl.Type {
	switch t {
	case "text":
		return tmpl.TypeText
	case "int", "integer":
		return tmpl.TypeInt
	case "double", "float":
		return tmpl.TypeDouble
	case "money":
		return tmpl.TypeMoney
	case "bool", "boolean", "char":
		return tmpl.TypeBool
	case "date":
		return tmpl.TypeDate
	case "datetime":
		return tmpl.TypeDateTime
	case "user", "employee":
		return tmpl.TypeUser
	case "select", "enumeration", "stage", "status":
		return tmpl.TypeSelect
	case "file":
		return tmpl.TypeFile
	}
	return tmpl.TypeString
}

func (e *Env) tmplField(f model.Field) tmpl.Field {
	tf := tmpl.Field{Object: "Document", ID: f.ID, Title: f.Title, Type: tmplType(f.Type), Multiple: f.Multiple}
	for _, o := range f.Options {
		tf.Options = append(tf.Options, tmpl.Option{Value: o.ID, Title: o.Title})
	}
	if f.Type == "stage" || f.Type == "status" {
		// A stage prints as its name, like a select of the entity's stages.
		for _, p := range e.Entity.Pipelines {
			for _, s := range p.Stages {
				tf.Options = append(tf.Options, tmpl.Option{Value: s.StatusID, Title: s.Name})
			}
		}
	}
	if tf.Type == tmpl.TypeMoney {
		tf.Currency = e.Record.First("CURRENCY_ID")
		if tf.Currency == "" {
			tf.Currency = e.Portal.Currency
		}
	}
	return tf
}

// loadValues types the record's values by their fields and adds the printable twins a record
// does not give itself (PHONE_PRINTABLE from PHONE).
func (e *Env) loadValues() {
	for id, v := range e.Record {
		f, known := e.fields[id]
		if !known {
			e.values[id] = plain(v)
			continue
		}
		e.values[id] = e.typed(f, v)
	}
	if e.Entity == nil {
		return
	}
	for _, f := range e.Entity.Fields {
		base, ok := strings.CutSuffix(f.ID, "_PRINTABLE")
		if !ok || e.Record.Has(f.ID) || !e.Record.Has(base) {
			continue
		}
		e.values[f.ID] = calc.String(strings.Join(e.Record[base], ", "))
	}
}

func plain(v sample.Value) calc.Value {
	if len(v) == 1 {
		return calc.String(v[0])
	}
	return calc.Strings(v...)
}

// typed is a record value as the portal's document service hands it over: dates as dates,
// several values of a multiple field as a list, the rest as text.
func (e *Env) typed(f tmpl.Field, v sample.Value) calc.Value {
	one := func(s string) calc.Value {
		if s == "" || (f.Type != tmpl.TypeDate && f.Type != tmpl.TypeDateTime) {
			return calc.String(s)
		}
		t, ok := e.ParseTime(s)
		if !ok {
			return calc.String(s)
		}
		if f.Type == tmpl.TypeDate {
			y, m, d := t.Date()
			return calc.Date(time.Date(y, m, d, 0, 0, 0, 0, e.loc))
		}
		return calc.DateTime(t)
	}
	if !f.Multiple {
		if len(v) == 0 {
			return calc.String("")
		}
		return one(v[0])
	}
	items := make([]calc.Value, 0, len(v))
	for _, s := range v {
		items = append(items, one(s))
	}
	return calc.Array(items...)
}

// ParseTime reads a sample date: relative to Base, absolute, or in the portal's own format.
func (e *Env) ParseTime(s string) (time.Time, bool) {
	if t, _, ok := sample.ParseTime(s, e.Base); ok {
		return t.In(e.loc), true
	}
	env := calc.Env{Calendar: &e.cal, Formats: e.formats}
	return env.ParseTime(s)
}

// Location is the portal's time zone.
func (e *Env) Location() *time.Location { return e.loc }

// Calendar is the portal's working calendar (Bitrix24's defaults when the snapshot has none).
func (e *Env) Calendar() calendar.Calendar { return e.cal }

// Catalog is the entity's field titles for the friendly form.
func (e *Env) Catalog() *tmpl.Catalog { return e.cat }

// Field describes a document field of the entity.
func (e *Env) Field(id string) (tmpl.Field, bool) {
	f, ok := e.fields[id]
	return f, ok
}

// Value is a field's typed sample value; ok is false when the record has none.
func (e *Env) Value(id string) (calc.Value, bool) {
	v, ok := e.values[id]
	return v, ok
}

// Text prints a value the way a text shows it: lists joined with ", ", dates in the portal's
// formats.
func (e *Env) Text(v calc.Value) string { return e.formats.Join(v) }

// Printable prints a field's sample value the way {=Document:FIELD > printable} does: option
// titles, user names, money with its currency.
func (e *Env) Printable(id string) string {
	if _, ok := e.values[id]; !ok {
		return ""
	}
	return tmpl.Parse("{=Document:" + id + " > printable}").Render(e.context(Earlier{}, e.Base)).Text
}

// Users are the portal's users as the calculator sees them.
func (e *Env) Users() calc.Users { return e.users }

// responsible is the ID of the record's responsible person, the user {=User:…} stands for.
func (e *Env) responsible() int {
	return calc.UserID(calc.String(e.Record.First("ASSIGNED_BY_ID")))
}

func (e *Env) context(earlier Earlier, now time.Time) *tmpl.Context {
	if now.IsZero() {
		now = e.Base
	}
	cal := e.cal
	id := e.Record.First("ID")
	env := &calc.Env{
		Calendar: &cal,
		Now:      now,
		Formats:  e.formats,
		Lang:     e.lang,
		Users:    e.users,
		// A fixed seed keeps rand() and randstring() from changing the preview on every keystroke.
		Random: rand.New(rand.NewPCG(7, 11)),
	}
	if e.Entity != nil {
		env.Document = calc.Document{URL: documentURL(e.Entity, id), Name: e.Record.First("TITLE")}
	}
	if e.Portal.Name != "" {
		env.Document.HostURL = "https://" + e.Portal.Name
	}
	return &tmpl.Context{
		Source:      &source{env: e, ran: byName(earlier.Ran), idle: byName(earlier.Idle), now: now},
		Env:         env,
		CurrentUser: e.responsible(),
		WorkflowID:  "preview",
	}
}

func documentURL(en *model.Entity, id string) string {
	if id == "" {
		id = "0"
	}
	switch {
	case en.ID == "LEAD" || en.ID == "DEAL" || en.ID == "CONTACT" || en.ID == "COMPANY":
		return "/crm/" + strings.ToLower(en.ID) + "/details/" + id + "/"
	case en.TypeID > 0:
		return "/crm/type/" + strconv.Itoa(en.TypeID) + "/details/" + id + "/"
	}
	return "/crm/"
}

func byName(robots []*model.Robot) map[string]*model.Robot {
	m := make(map[string]*model.Robot, len(robots))
	for _, r := range robots {
		if r != nil && r.Name != "" {
			m[r.Name] = r
		}
	}
	return m
}

// source is the tmpl.Source of one rendering: the entity's fields with the record's values, and
// the return values of the robots that run earlier.
type source struct {
	env       *Env
	ran, idle map[string]*model.Robot
	now       time.Time
}

func (s *source) robot(name string) *model.Robot {
	if r := s.ran[name]; r != nil {
		return r
	}
	return s.idle[name]
}

// Field implements tmpl.Source.
func (s *source) Field(object, id string) (tmpl.Field, bool) {
	if object == "Document" {
		return s.env.Field(id)
	}
	r := s.robot(object)
	if r == nil {
		return tmpl.Field{}, false
	}
	ret, ok := returnOf(r, id)
	if !ok {
		return tmpl.Field{}, false
	}
	return tmpl.Field{Object: object, ID: ret.Key, Title: ret.Title.In(s.env.lang), Type: kindType(ret.Kind)}, true
}

// Sample implements tmpl.Source.
func (s *source) Sample(object, id string) (calc.Value, bool) {
	if object == "Document" {
		return s.env.Value(id)
	}
	r := s.ran[object]
	if r == nil {
		return calc.Null(), false
	}
	ret, ok := returnOf(r, id)
	if !ok {
		return calc.Null(), false
	}
	return s.env.ReturnSample(r, ret, s.now), true
}

// HasObject implements tmpl.Source: only robots that stand before the text in the stage are
// known (those that ran give values, idle ones give nothing), as on the portal, where a
// reference to any other robot stays unreplaced.
func (s *source) HasObject(object string) bool { return s.robot(object) != nil }

// returnOf finds a catalog return value of a robot by key, case-insensitively like the portal.
func returnOf(r *model.Robot, key string) (catalog.Return, bool) {
	entry := catalog.Lookup(r.Type, r.Properties)
	if entry == nil {
		return catalog.Return{}, false
	}
	for _, ret := range entry.Returns {
		if strings.EqualFold(ret.Key, key) {
			return ret, true
		}
	}
	return catalog.Return{}, false
}

func kindType(k catalog.Kind) tmpl.Type {
	switch k {
	case catalog.Int, catalog.Chat:
		return tmpl.TypeInt
	case catalog.Double:
		return tmpl.TypeDouble
	case catalog.User:
		return tmpl.TypeUser
	case catalog.Date:
		return tmpl.TypeDate
	case catalog.DateTime:
		return tmpl.TypeDateTime
	case catalog.Bool:
		return tmpl.TypeBool
	}
	return tmpl.TypeString
}

// ReturnSample is the value a robot's return value stands for in a preview: a stable made-up ID
// for IDs (derived from the robot's name, so it does not change between renders), a link into
// the portal for URLs, the responsible person for users and a day after now for dates. An
// error message is empty, as it is when the robot succeeds.
func (e *Env) ReturnSample(r *model.Robot, ret catalog.Return, now time.Time) calc.Value {
	h := fnv.New32a()
	h.Write([]byte(r.Name + ":" + ret.Key))
	n := int64(100 + h.Sum32()%9900)
	host := "https://" + e.Portal.Name
	if e.Portal.Name == "" {
		host = "https://portal.bitrix24.ru"
	}
	switch {
	case strings.EqualFold(ret.Key, "ErrorMessage"):
		return calc.String("")
	case ret.Kind == catalog.URL:
		return calc.String(host + "/company/personal/log/" + strconv.FormatInt(n, 10) + "/")
	case strings.EqualFold(ret.Key, "PostUrlBb"):
		return calc.String("[url=" + host + "/company/personal/log/" + strconv.FormatInt(n, 10) + "/]" + r.Title() + "[/url]")
	case ret.Kind == catalog.User:
		if id := e.responsible(); id > 0 {
			return calc.String("user_" + strconv.Itoa(id))
		}
		return calc.String("user_1")
	case ret.Kind == catalog.DateTime || ret.Kind == catalog.Date:
		return calc.DateTime(now.In(e.loc).Add(24 * time.Hour))
	case ret.Kind == catalog.String:
		return calc.String(r.Title())
	}
	return calc.Int(n)
}
