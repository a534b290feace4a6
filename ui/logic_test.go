package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"robodesk/model"
)

func TestColumnAt(t *testing.T) {
	cols := []colGeom{{x0: 10, x1: 110}, {x0: 120, x1: 220}, {x0: 230, x1: 330}}
	cases := []struct {
		x    float32
		want int
	}{{-5, -1}, {0, 0}, {50, 0}, {114, 0}, {115, 1}, {219, 1}, {226, 2}, {339, 2}, {341, -1}}
	for _, tc := range cases {
		if got := columnAt(cols, tc.x, 10); got != tc.want {
			t.Errorf("columnAt(%v) = %d, want %d", tc.x, got, tc.want)
		}
	}
	if got := columnAt(nil, 5, 10); got != -1 {
		t.Errorf("no columns: %d", got)
	}
}

func TestSlotAt(t *testing.T) {
	cards := []cardGeom{{"a", 0, 40}, {"b", 46, 86}, {"c", 92, 132}}
	cases := []struct {
		name          string
		y             float32
		skip          map[string]bool
		after, before string
		lineY         float32
	}{
		{"above everything", -20, nil, "", "a", -3},
		{"top half of the first", 10, nil, "", "a", -3},
		{"bottom half of the first", 30, nil, "a", "b", 43},
		{"between b and c", 100, nil, "b", "c", 89},
		{"below the last", 500, nil, "c", "", 135},
		{"skipping the dragged card", 30, map[string]bool{"b": true}, "a", "c", 66},
		{"only dragged cards", 30, map[string]bool{"a": true, "b": true, "c": true}, "", "", 0},
	}
	for _, tc := range cases {
		s := slotAt(cards, tc.y, tc.skip, 6)
		if s.after != tc.after || s.before != tc.before || s.y != tc.lineY {
			t.Errorf("%s: got %+v, want after %q before %q at %v", tc.name, s, tc.after, tc.before, tc.lineY)
		}
	}
	if s := slotAt(nil, 10, nil, 6); s.after != "" || s.before != "" {
		t.Errorf("empty column: %+v", s)
	}
}

func TestDropIndex(t *testing.T) {
	rs := []*model.Robot{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}
	moving := map[string]bool{"b": true}
	cases := []struct {
		name string
		s    slot
		skip map[string]bool
		want int
	}{
		{"before the first", slot{before: "a"}, nil, 0},
		{"before c, copying", slot{after: "b", before: "c"}, nil, 2},
		{"before c, moving b", slot{after: "a", before: "c"}, moving, 1},
		{"after the last", slot{after: "d"}, nil, 4},
		{"after the last, moving b", slot{after: "d"}, moving, 3},
		{"after a when the rest is filtered out", slot{after: "a"}, nil, 1},
		{"empty column", slot{}, nil, 0},
		{"unknown neighbours append", slot{before: "zz"}, nil, -1},
	}
	for _, tc := range cases {
		if got := dropIndex(rs, tc.s, tc.skip); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestEdgeSpeed(t *testing.T) {
	cases := []struct {
		p, want float32
	}{{500, 0}, {0, -20}, {25, -10}, {-40, -20}, {1000, 20}, {975, 10}, {1100, 20}, {50, 0}, {950, 0}}
	for _, tc := range cases {
		if got := edgeSpeed(tc.p, 0, 1000, 50, 20); got != tc.want {
			t.Errorf("edgeSpeed(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := edgeSpeed(5, 0, 30, 50, 20); got >= 0 {
		t.Errorf("a narrow viewport still scrolls near its edge: %v", got)
	}
}

func TestDragState(t *testing.T) {
	at := func(x, y float32) fyne.Position { return fyne.NewPos(x, y) }
	ref := model.StageRef{Entity: "DEAL", Status: "NEW"}
	cases := []struct {
		name      string
		moves     []fyne.Position
		cancel    bool
		over      bool
		ctrlDown  bool
		ctrlUp    bool
		want      gesture
		wantCopy  bool
		wantStart int // the move index at which the drag starts, -1 never
	}{
		{"a still press is a click", nil, false, true, false, false, gestureClick, false, -1},
		{"a wobble within the slop is a click", []fyne.Position{at(103, 102), at(105, 96)}, false, true, false, false, gestureClick, false, -1},
		{"a move past the slop drops", []fyne.Position{at(103, 100), at(120, 140)}, false, true, false, false, gestureDrop, false, 1},
		{"outside cancels", []fyne.Position{at(300, 100)}, false, false, false, false, gestureCancel, false, 0},
		{"Esc cancels", []fyne.Position{at(300, 100)}, true, true, false, false, gestureNone, false, 0},
		{"ctrl at the press copies", []fyne.Position{at(300, 100)}, false, true, true, false, gestureDrop, true, 0},
		{"ctrl at the release copies", []fyne.Position{at(300, 100)}, false, true, false, true, gestureDrop, true, 0},
	}
	for _, tc := range cases {
		var d dragState
		d.begin([]string{"r1"}, ref, at(100, 100), tc.ctrlDown)
		started := -1
		for i, p := range tc.moves {
			if d.moveTo(p) {
				if started >= 0 {
					t.Errorf("%s: started twice", tc.name)
				}
				started = i
			}
		}
		if started != tc.wantStart {
			t.Errorf("%s: started at move %d, want %d", tc.name, started, tc.wantStart)
		}
		if tc.cancel && !d.cancel() {
			t.Errorf("%s: cancel found no drag", tc.name)
		}
		cp := d.copying(tc.ctrlUp)
		if got := d.finish(tc.over); got != tc.want || cp != tc.wantCopy {
			t.Errorf("%s: gesture %d copy %v, want %d copy %v", tc.name, got, cp, tc.want, tc.wantCopy)
		}
		if d.active || d.dragging() {
			t.Errorf("%s: still active after finish", tc.name)
		}
		if d.moveTo(at(500, 500)) {
			t.Errorf("%s: a finished press restarted", tc.name)
		}
	}
	var idle dragState
	if idle.cancel() || idle.finish(true) != gestureNone {
		t.Error("a drag state with no press did something")
	}
}

func TestSelectionOps(t *testing.T) {
	var s selection
	order := []string{"a", "b", "c", "d", "e"}
	s.only("b")
	s.extend("d", order)
	if got := s.list(); !reflect.DeepEqual(got, []string{"b", "c", "d"}) {
		t.Errorf("extend b..d = %v", got)
	}
	s.extend("a", order)
	if got := s.list(); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("re-extend from anchor b to a = %v", got)
	}
	s.toggle("e")
	s.toggle("a")
	if got := s.list(); !reflect.DeepEqual(got, []string{"b", "e"}) || !s.has("e") || s.has("a") {
		t.Errorf("toggles = %v", got)
	}
	s.extend("c", []string{"x", "c"})
	if got := s.list(); !reflect.DeepEqual(got, []string{"c"}) {
		t.Errorf("extend with the anchor elsewhere = %v, want just c", got)
	}
	s.set([]string{"a", "b", "a"})
	s.keep(func(id string) bool { return id != "a" })
	if got := s.list(); !reflect.DeepEqual(got, []string{"b"}) || s.len() != 1 {
		t.Errorf("keep = %v", got)
	}
	s.clear()
	if s.len() != 0 || s.has("b") {
		t.Error("clear left something")
	}
}

func TestMatcher(t *testing.T) {
	p := demoPortal(t)
	cat := fieldCatalog(p.Entity("DEAL"))
	r := &model.Robot{Type: "SocNetMessageActivity", Properties: model.Properties{
		"Title":       "Уведомление о новой сделке",
		"MessageText": "Новая сделка «{=Document:TITLE}» на {=Document:OPPORTUNITY > printable}. Возьмите в работу!",
	}}
	cases := []struct {
		q       string
		ok      bool
		snippet string
	}{
		{"", true, ""},
		{"УВЕДОМЛЕНИЕ", true, ""},
		{"notification", true, ""},
		{"socnet", true, ""},
		{"возьмите", true, "…ма > printable}}. Возьмите в работу!"},
		{"opportunity", true, "…E}» на {=Document:OPPORTUNITY > printable}. Воз…"},
		{"вебхук", false, ""},
	}
	for _, tc := range cases {
		ok, snip := newMatcher(tc.q, cat).match(r)
		if ok != tc.ok || snip != tc.snippet {
			t.Errorf("%q: %v %q, want %v %q", tc.q, ok, snip, tc.ok, tc.snippet)
		}
	}
}

func TestPipelineItems(t *testing.T) {
	got := pipelineItems(demoPortal(t))
	var labels, keys []string
	for _, it := range got {
		labels = append(labels, it.Label)
		keys = append(keys, it.Key.String())
	}
	if want := []string{"LEAD", "DEAL:0", "DEAL:1", "DYNAMIC_128:5"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys = %v, want %v", keys, want)
	}
	if want := []string{"Лиды", "Сделки: Продажи", "Сделки: Оптовые продажи", "Возвраты: Возвраты товаров"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("labels = %v, want %v", labels, want)
	}
	if pipelineItems(nil) != nil {
		t.Error("no portal, yet items")
	}
}

func TestClipboardRoundTrip(t *testing.T) {
	r := &model.Robot{Name: "A11111_22222_33333_44444", Type: "CrmSendSmsActivity", Activated: true,
		Properties: model.Properties{"Title": "SMS", "MessageText": "Привет"},
		Delay:      &model.Delay{Type: model.DelayAfter, Value: 5, ValueType: "i", Basis: model.BasisNow}, DelayName: "A55555_66666_77777_88888"}
	text, err := robotsText([]*model.Robot{r})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{text, `{"ROBOTS":` + text + `}`, strings.TrimSuffix(strings.TrimPrefix(text, "["), "]")} {
		got, err := parseRobots(in)
		if err != nil || len(got) != 1 || !model.Equal(got[0], r) {
			t.Errorf("parse %.40q: %v, %d robots", in, err, len(got))
		}
	}
	for _, bad := range []string{"", "hello", "[]", `{"ROBOTS": 5}`, `[{"Type": 5}]`} {
		if _, err := parseRobots(bad); err == nil {
			t.Errorf("parse %q: no error", bad)
		}
	}
}

func TestChangeQueue(t *testing.T) {
	var q changeQueue
	if !q.push(model.Change{Label: "a"}) {
		t.Error("a change outside an own edit did not ask for a drain")
	}
	q.enter()
	if q.push(model.Change{Label: "b"}) {
		t.Error("a change during an own edit asked for a drain")
	}
	q.leave()
	if got := q.take(); len(got) != 2 || got[0].Label != "a" || got[1].Label != "b" {
		t.Errorf("take = %v", got)
	}
	if len(q.take()) != 0 {
		t.Error("take did not empty the queue")
	}
}

func TestDelayModes(t *testing.T) {
	cases := []struct {
		d    *model.Delay
		mode int
	}{
		{nil, modeNow},
		{&model.Delay{Type: "after", Basis: model.BasisNow}, modeNow},
		{&model.Delay{Type: "after", Value: 2, ValueType: "h", Basis: model.BasisNow}, modeAfter},
		{&model.Delay{Type: "before", Value: 1, ValueType: "d", Basis: "{=Document:CLOSEDATE}"}, modeBeforeField},
		{&model.Delay{Type: "after", Value: 1, ValueType: "d", Basis: "{=Document:CLOSEDATE}"}, modeAfterField},
		{&model.Delay{Type: "in", Basis: "{=Document:CLOSEDATE}"}, modeAtField},
	}
	for _, tc := range cases {
		if got := modeOf(tc.d); got != tc.mode {
			t.Errorf("modeOf(%+v) = %d, want %d", tc.d, got, tc.mode)
		}
		for m := modeNow; m <= modeAtField; m++ {
			n := withMode(tc.d, m, "BEGINDATE")
			if got := modeOf(n); got != m {
				t.Errorf("withMode(%+v, %d) gives mode %d: %+v", tc.d, m, got, n)
			}
		}
	}
	if withMode(&model.Delay{Type: "after", Value: 3, ValueType: "h", Basis: model.BasisNow}, modeNow, "") != nil {
		t.Error("immediately with no options is not nil")
	}
	kept := withMode(&model.Delay{Type: "after", Value: 3, ValueType: "h", Basis: model.BasisNow, WorkTime: true, InTime: []int{9, 0}}, modeBeforeField, "CLOSEDATE")
	if kept.Value != 3 || kept.ValueType != "h" || !kept.WorkTime || kept.Basis != "{=Document:CLOSEDATE}" || len(kept.InTime) != 2 {
		t.Errorf("switching mode lost settings: %+v", kept)
	}
	for _, s := range []string{"9:00", "23:59", " 07:5 "} {
		if _, err := parseClock(s); err != nil {
			t.Errorf("parseClock(%q): %v", s, err)
		}
	}
	for _, s := range []string{"24:00", "9", "a:b", "10:60"} {
		if _, err := parseClock(s); err == nil {
			t.Errorf("parseClock(%q) accepted", s)
		}
	}
}

func TestShapeValue(t *testing.T) {
	cases := []struct {
		v    any
		op   string
		want any
	}{
		{"5", "in", []any{"5"}},
		{[]any{"a", "b"}, "=", "a"},
		{"x", "between", []any{"x", ""}},
		{[]any{"1", "2", "3"}, "between", []any{"1", "2"}},
		{"x", "empty", ""},
		{nil, ">", ""},
	}
	for _, tc := range cases {
		if got := shapeValue(tc.v, tc.op); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("shapeValue(%v, %s) = %#v, want %#v", tc.v, tc.op, got, tc.want)
		}
	}
}

func TestMeter(t *testing.T) {
	test.NewTempApp(t)
	m := newMeter(14, fyne.TextStyle{})
	long := "Отправить клиенту письмо с коммерческим предложением и счётом на оплату"
	w := m.width("Отправить клиенту")
	lines := m.wrap(long, w+5, 2)
	if len(lines) != 2 || lines[0] != "Отправить клиенту" || !strings.HasSuffix(lines[1], "…") {
		t.Errorf("wrap = %q", lines)
	}
	for _, l := range lines {
		if m.width(l) > w+5 {
			t.Errorf("line %q is wider than the limit", l)
		}
	}
	if got := m.wrap("Коротко", 500, 2); !reflect.DeepEqual(got, []string{"Коротко"}) {
		t.Errorf("short text = %q", got)
	}
	if got := m.fit("Оченьдлинноеслово", m.width("Оче")+m.width("…")); got != "Оче…" {
		t.Errorf("fit = %q", got)
	}
	if got := m.wrap("", 100, 2); !reflect.DeepEqual(got, []string{""}) {
		t.Errorf("empty = %q", got)
	}
}

func TestInsertGroups(t *testing.T) {
	test.NewTempApp(t)
	setLang(t, "en")
	p := demoPortal(t)
	deal := p.Entity("DEAL")
	robots := []*model.Robot{
		{Name: "A11111_22222_33333_44444", Type: "ImCreateGroupChatActivity", Properties: model.Properties{"Title": "Чат"}},
		{Name: "A22222_33333_44444_55555", Type: "ImAddMessageToGroupChatActivity", Properties: model.Properties{"Title": "Сообщение"}},
	}
	groups := insertGroups(deal, robots, 1, fieldCatalog(deal))
	if len(groups) != 3 || groups[0].Title != "Document fields" || groups[1].Title != "Results of earlier robots" {
		t.Fatalf("groups = %+v", groups)
	}
	var amount, title string
	for _, it := range groups[0].Items {
		switch it.Label {
		case "Сумма":
			amount = it.Text
		case "Название сделки":
			title = it.Text
		}
	}
	if amount != "{{Сумма > printable}}" || title != "{{Название сделки}}" {
		t.Errorf("field items: %q, %q", amount, title)
	}
	if it := groups[1].Items; len(it) != 1 || it[0].Text != "{{~A11111_22222_33333_44444:ChatId}}" || it[0].Label != "Чат: Chat ID" {
		t.Errorf("return values = %+v", it)
	}
	if len(insertGroups(deal, robots, 0, fieldCatalog(deal))) != 2 {
		t.Error("the first robot is offered return values")
	}
}

func TestUserChoices(t *testing.T) {
	test.NewTempApp(t)
	setLang(t, "ru")
	p := demoPortal(t)
	got := userChoices(p, p.Entity("DEAL"))
	if got[0].Value != "{=Document:ASSIGNED_BY_ID}" || got[0].Label != "Ответственный" {
		t.Errorf("first choice = %+v, want «Ответственный»", got[0])
	}
	var users, deps int
	for _, c := range got {
		switch {
		case strings.HasPrefix(c.Value, "user_"):
			users++
		case strings.HasPrefix(c.Value, "group_dr"):
			deps++
		}
	}
	if users == 0 || deps != len(p.Departments) {
		t.Errorf("%d users, %d departments", users, deps)
	}
	if got := userText("user_2", p, nil); got != "Иван Петров" {
		t.Errorf("userText = %q", got)
	}
	if got := userText("group_dr2", p, nil); got != "Отдел продаж" {
		t.Errorf("userText = %q", got)
	}
}

func TestFormatDate(t *testing.T) {
	at := time.Date(2026, 3, 7, 9, 5, 30, 0, time.UTC)
	cases := []struct {
		php   string
		clock bool
		want  string
	}{
		{"d.m.Y", false, "07.03.2026"},
		{"d.m.Y H:i:s", true, "07.03.2026 09:05:30"},
		{"m/d/Y g", false, "03/07/2026 g"},
		{"j.n.y G:i", true, "7.3.26 9:05"},
		{"", false, "07.03.2026"},
		{"", true, "07.03.2026 09:05"},
	}
	for _, tc := range cases {
		if got := formatDate(at, tc.php, tc.clock); got != tc.want {
			t.Errorf("formatDate(%q) = %q, want %q", tc.php, got, tc.want)
		}
	}
}
