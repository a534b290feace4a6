package sim

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"robodesk/model/sample"
)

const now = "{=System:Now}"

// line is how a test states a step: "title status Mon 02.01.2006 15:04".
func line(s Step) string { return s.Title + " " + s.Status + " " + Stamp(s.At) }

func TestSimulateTiming(t *testing.T) {
	cases := []struct {
		name   string
		entry  time.Time
		robots []string
		record func(sample.Record)
		want   []string
		check  func(t *testing.T, tl Timeline)
	}{
		{name: "Friday evening with working time waits for Monday",
			entry:  at(2024, 3, 15, 19, 0),
			robots: []string{robot("A", delay("after", 10, "i", now, true, false, ""))},
			want:   []string{"A runs Mon 18.03.2024 09:10"},
			check: func(t *testing.T, tl Timeline) {
				s := tl.Steps[0]
				if !s.WorkTime || s.Delay.Kind != KindTime || s.Delay.Stored != `TimeoutTime==workdateadd({=System:Now},"10i",{=Document:ASSIGNED_BY_ID})` {
					t.Fatalf("%+v", s.Delay)
				}
			}},
		{name: "Friday evening without working time runs in the evening",
			entry:  at(2024, 3, 15, 19, 0),
			robots: []string{robot("A", delay("after", 10, "i", now, false, false, ""))},
			want:   []string{"A runs Fri 15.03.2024 19:10"},
			check: func(t *testing.T, tl Timeline) {
				if s := tl.Steps[0]; s.WorkTime || s.Delay.Kind != KindDuration || s.Delay.Stored != "TimeoutDuration=10m" {
					t.Fatalf("%+v", s)
				}
			}},
		{name: "working hours spill over the New Year holidays",
			entry:  at(2024, 12, 31, 17, 0),
			robots: []string{robot("A", delay("after", 2, "h", now, true, false, ""))},
			want:   []string{"A runs Thu 09.01.2025 10:00"}},
		{name: "a working day after the last day of the year",
			entry:  at(2024, 12, 31, 12, 0),
			robots: []string{robot("A", delay("after", 1, "d", now, true, false, ""))},
			want:   []string{"A runs Thu 09.01.2025 12:00"}},
		{name: "a working Saturday counts as a working day",
			entry:  at(2024, 4, 27, 10, 0),
			robots: []string{robot("A", delay("after", 1, "h", now, true, false, ""))},
			want:   []string{"A runs Sat 27.04.2024 11:00"}},
		{name: "an ordinary Saturday moves to Monday",
			entry:  at(2024, 4, 20, 10, 0),
			robots: []string{robot("A", delay("after", 1, "h", now, true, false, ""))},
			want:   []string{"A runs Mon 22.04.2024 10:00"}},
		{name: "waiting for the working day after a plain wait",
			entry:  at(2024, 3, 16, 12, 0),
			robots: []string{robot("A", delay("after", 1, "h", now, false, true, ""))},
			want:   []string{"A runs Mon 18.03.2024 09:00"},
			check: func(t *testing.T, tl Timeline) {
				if d := tl.Steps[0].Delay; !d.WaitedWorkDay || !d.Due.Equal(at(2024, 3, 16, 13, 0)) || d.Past {
					t.Fatalf("%+v", d)
				}
			}},
		{name: "waiting for the working day inside working time changes nothing",
			entry:  at(2024, 3, 14, 11, 0),
			robots: []string{robot("A", delay("after", 0, "i", now, false, true, ""))},
			want:   []string{"A runs Thu 14.03.2024 11:00"},
			check: func(t *testing.T, tl Timeline) {
				if d := tl.Steps[0].Delay; d.WaitedWorkDay || d.Past {
					t.Fatalf("%+v", d)
				}
			}},
		{name: "before a date, in working days at a time of day",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("before", 1, "d", "{=Document:UF_PAYMENT_DATE}", true, false, "[10,0]"))},
			want:   []string{"A runs Mon 11.03.2024 10:00"},
			check: func(t *testing.T, tl Timeline) {
				if s := tl.Steps[0].Delay.Stored; s != `TimeoutTime==settime(workdateadd({=Document:UF_PAYMENT_DATE},"-1d",{=Document:ASSIGNED_BY_ID}), 10, 0)` {
					t.Fatalf("stored %s", s)
				}
			}},
		{name: "before a date that has passed runs at once",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("before", 1, "d", "{=Document:UF_PAYMENT_DATE}", false, false, ""))},
			record: func(r sample.Record) { r.Set("UF_PAYMENT_DATE", "-1d") },
			want:   []string{"A runs Tue 05.03.2024 10:30"},
			check: func(t *testing.T, tl Timeline) {
				d := tl.Steps[0].Delay
				if !d.Past || !d.Due.Equal(at(2024, 3, 3, 0, 0)) || !strings.Contains(d.Explain, "runs the robot at once") {
					t.Fatalf("%+v", d)
				}
			}},
		{name: "before a date later today but earlier than the delay runs at once",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("before", 3, "h", "{=Document:UF_DELIVERY}", false, false, ""))},
			record: func(r sample.Record) { r.Set("UF_DELIVERY", "today 12:00") },
			want:   []string{"A runs Tue 05.03.2024 10:30"}},
		{name: "in a date at a time of day",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("in", 0, "d", "{=Document:CLOSEDATE}", false, false, "[15,30]"))},
			want:   []string{"A runs Fri 08.03.2024 15:30"}},
		{name: "in a date at a time of day, in working time, skips the holiday",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("in", 0, "d", "{=Document:CLOSEDATE}", true, false, "[15,30]"))},
			want:   []string{"A runs Mon 11.03.2024 15:30"},
			check: func(t *testing.T, tl Timeline) {
				if s := tl.Steps[0].Delay.Stored; s != `TimeoutTime==settime(workdateadd({=Document:CLOSEDATE},"0d",{=Document:ASSIGNED_BY_ID}), 15, 30)` {
					t.Fatalf("stored %s", s)
				}
			}},
		{name: "in a plain date field is the field itself",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("in", 0, "d", "{=Document:UF_DELIVERY}", false, false, ""))},
			want:   []string{"A runs Thu 07.03.2024 15:00"},
			check: func(t *testing.T, tl Timeline) {
				if s := tl.Steps[0].Delay.Stored; s != "TimeoutTime={=Document:UF_DELIVERY}" {
					t.Fatalf("stored %s", s)
				}
			}},
		{name: "an empty basis date runs at once",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("after", 2, "h", "{=Document:UF_DELIVERY}", false, false, ""))},
			record: func(r sample.Record) { r.Set("UF_DELIVERY", "") },
			want:   []string{"A runs Tue 05.03.2024 10:30"},
			check: func(t *testing.T, tl Timeline) {
				if d := tl.Steps[0].Delay; !d.BasisEmpty || d.Past || !strings.Contains(d.Explain, "empty") {
					t.Fatalf("%+v", d)
				}
			}},
		{name: "after a datetime field",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("after", 2, "h", "{=Document:UF_DELIVERY}", false, false, ""))},
			want:   []string{"A runs Thu 07.03.2024 17:00"}},
		{name: "a time of day on a plain wait is ignored by the portal",
			entry:  at(2024, 3, 5, 10, 30),
			robots: []string{robot("A", delay("after", 1, "d", now, false, false, "[9,0]"))},
			want:   []string{"A runs Wed 06.03.2024 10:30"},
			check: func(t *testing.T, tl Timeline) {
				if !tl.Steps[0].Delay.TimeIgnored {
					t.Fatal("the ignored time of day is not reported")
				}
			}},
		{name: "parallel robots start together at the entry",
			entry:  at(2024, 3, 5, 10, 0),
			robots: []string{robot("A", delay("after", 1, "h", now, false, false, "")), robot("B", delay("after", 1, "h", now, false, false, ""))},
			want:   []string{"A runs Tue 05.03.2024 11:00", "B runs Tue 05.03.2024 11:00"}},
		{name: "a chained robot waits for the previous one",
			entry:  at(2024, 3, 5, 10, 0),
			robots: []string{robot("A", delay("after", 1, "h", now, false, false, "")), robot("B", chained, delay("after", 1, "h", now, false, false, ""))},
			want:   []string{"A runs Tue 05.03.2024 11:00", "B runs Tue 05.03.2024 12:00"},
			check: func(t *testing.T, tl Timeline) {
				if tl.Steps[1].After != 0 || tl.Steps[0].After != -1 || !strings.Contains(tl.Steps[1].Delay.Explain, "after «A» finished") {
					t.Fatalf("%+v", tl.Steps[1])
				}
			}},
		{name: "a chain goes on after a robot its condition skips",
			entry: at(2024, 3, 5, 10, 0),
			robots: []string{
				robot("A"),
				robot("B", chained, delay("after", 1, "h", now, false, false, ""),
					cond(`[{"object":"Document","field":"OPPORTUNITY","operator":">","value":"1000000"},"AND"]`)),
				robot("C", chained),
				robot("D", delay("after", 30, "i", now, false, false, "")),
			},
			want: []string{"A runs Tue 05.03.2024 10:00", "B skipped Tue 05.03.2024 11:00", "C runs Tue 05.03.2024 11:00", "D runs Tue 05.03.2024 10:30"},
			check: func(t *testing.T, tl Timeline) {
				var order []string
				for _, s := range tl.Ordered() {
					order = append(order, s.Title)
				}
				if strings.Join(order, "") != "ADBC" {
					t.Fatalf("order %v", order)
				}
				b := tl.Steps[1]
				if b.Reason != "condition: «Сумма» > 1000000 does not hold: the sample has «185 000 ₽»" || len(b.Texts) != 0 {
					t.Fatalf("skip reason %q texts %d", b.Reason, len(b.Texts))
				}
				if c := tl.Steps[2]; len(c.Texts) != 1 || c.Texts[0].Rendered != "C Заказ №15" {
					t.Fatalf("C texts %+v", c.Texts)
				}
			}},
		{name: "a switched-off robot is left out of its chain with its delay",
			entry: at(2024, 3, 5, 10, 0),
			robots: []string{robot("A", delay("after", 1, "h", now, false, false, "")),
				robot("B", chained, `"Activated":"N"`, delay("after", 5, "h", now, false, false, "")),
				robot("C", chained)},
			want: []string{"A runs Tue 05.03.2024 11:00", "B disabled —", "C runs Tue 05.03.2024 11:00"}},
		{name: "the first robot's after-previous flag starts it at the entry",
			entry:  at(2024, 3, 5, 10, 0),
			robots: []string{robot("A", chained, delay("after", 1, "h", now, false, false, ""))},
			want:   []string{"A runs Tue 05.03.2024 11:00"}},
		{name: "a wait holds the chain for its days",
			entry: at(2024, 3, 5, 10, 0),
			robots: []string{`{"Name":"A70000_00000_00000_00001","Type":"CrmWaitActivity","Activated":"Y","Properties":{"Title":"Ждать","WaitType":"after","WaitDuration":"3"}}`,
				robot("B", chained)},
			want: []string{"Ждать runs Tue 05.03.2024 10:00", "B runs Fri 08.03.2024 10:00"}},
		{name: "a wait until days before a date",
			entry: at(2024, 3, 5, 10, 0),
			robots: []string{`{"Name":"A70000_00000_00000_00002","Type":"CrmWaitActivity","Activated":"Y","Properties":{"Title":"Ждать","WaitType":"before","WaitDuration":"2","WaitTarget":"UF_PAYMENT_DATE"}}`,
				robot("B", chained)},
			want: []string{"Ждать runs Tue 05.03.2024 10:00", "B runs Sun 10.03.2024 00:00"}},
		{name: "a task held until completed blocks its chain",
			entry: at(2024, 3, 5, 10, 0),
			robots: []string{`{"Name":"A70000_00000_00000_00003","Type":"Task2Activity","Activated":"Y","Properties":{"Title":"Задача","HoldToClose":"Y","Fields":{"TITLE":"КП"}}}`,
				robot("B", chained), robot("C")},
			want: []string{"Задача runs Tue 05.03.2024 10:00", "B blocked —", "C runs Tue 05.03.2024 10:00"},
			check: func(t *testing.T, tl Timeline) {
				if !strings.Contains(tl.Steps[1].Reason, "until the task is completed") {
					t.Fatalf("reason %q", tl.Steps[1].Reason)
				}
			}},
		{name: "leaving the stage ends the robots still waiting",
			entry: at(2024, 3, 5, 10, 0),
			robots: []string{
				`{"Name":"A70000_00000_00000_00004","Type":"CrmChangeStatusActivity","Activated":"Y","Properties":{"Title":"В работу","TargetStatus":"PREPARATION"},` + delay("after", 1, "h", now, false, false, "") + `}`,
				robot("B", delay("after", 2, "h", now, false, false, "")),
				robot("C", delay("after", 1, "h", now, false, false, "")),
				robot("D", chained),
			},
			want: []string{"В работу runs Tue 05.03.2024 11:00", "B left Tue 05.03.2024 12:00", "C runs Tue 05.03.2024 11:00", "D runs Tue 05.03.2024 11:00"},
			check: func(t *testing.T, tl Timeline) {
				if tl.Leaves == nil || tl.Leaves.TargetName != "Подготовка" || tl.Leaves.Index != 0 {
					t.Fatalf("leaves %+v", tl.Leaves)
				}
				if !strings.Contains(tl.Steps[1].Reason, "«В работу» moved it to «Подготовка»") || tl.Steps[1].Texts != nil {
					t.Fatalf("B %+v", tl.Steps[1])
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := project(t, deal, c.robots...)
			rec := fixtureRecord()
			if c.record != nil {
				c.record(rec)
			}
			tl := Simulate(p, deal, rec, c.entry)
			var got []string
			for _, s := range tl.Steps {
				got = append(got, line(s))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Fatalf("timeline:\n%s\nwant:\n%s\n(delays: %s)", strings.Join(got, "\n"), strings.Join(c.want, "\n"), explains(tl))
			}
			if c.check != nil {
				c.check(t, tl)
			}
		})
	}
}

func explains(tl Timeline) string {
	var out []string
	for _, s := range tl.Steps {
		out = append(out, s.Delay.Explain+" "+s.Reason)
	}
	return strings.Join(out, "; ")
}

// TestReturnValueTiming: a robot that refers to another's return value gets it only when that
// robot has run by then.
func TestReturnValueTiming(t *testing.T) {
	chat := `{"Name":"A80000_00000_00000_00001","Type":"ImCreateGroupChatActivity","Activated":"Y","Properties":{"Title":"Чат","ChatName":"Чат","Members":["user_1","user_3"]},` +
		delay("after", 2, "h", now, false, false, "") + `}`
	msg := func(extra ...string) string {
		js := `{"Name":"A80000_00000_00000_00002","Type":"ImAddMessageToGroupChatActivity","Activated":"Y",
		"Properties":{"Title":"В чат","ChatId":"{=A80000_00000_00000_00001:ChatId}","MessageFields":{"MessageText":"Чат {=A80000_00000_00000_00001:ChatId}"}}`
		for _, e := range extra {
			js += "," + e
		}
		return js + "}"
	}
	for _, c := range []struct {
		name  string
		msg   string
		empty bool
	}{
		{"parallel: the chat is not there yet", msg(), true},
		{"chained: the chat exists", msg(chained), false},
	} {
		tl := Simulate(project(t, deal, chat, c.msg), deal, fixtureRecord(), at(2024, 3, 5, 10, 0))
		texts := tl.Steps[1].Texts
		if len(texts) != 1 {
			t.Fatalf("%s: texts %+v", c.name, texts)
		}
		if got := len(texts[0].Empty) > 0; got != c.empty {
			t.Errorf("%s: rendered %q, empty %v", c.name, texts[0].Rendered, texts[0].Empty)
		}
	}
}

func TestTimelineJSON(t *testing.T) {
	p := project(t, deal, robot("A", delay("after", 1, "h", now, true, false, "")),
		robot("B", cond(`[{"object":"Document","field":"SOURCE_ID","operator":"=","value":"CALL"},"AND"]`)))
	tl := Simulate(p, deal, fixtureRecord(), at(2024, 3, 5, 10, 0))
	tl.Sample = "Типичная"
	b, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	steps := back["steps"].([]any)
	first := steps[0].(map[string]any)
	if first["at"] != "2024-03-05T11:00:00+03:00" || first["status"] != "runs" || back["stageName"] != "Новая" || back["sample"] != "Типичная" {
		t.Fatalf("json %s", b)
	}
	second := steps[1].(map[string]any)
	if second["status"] != "skipped" || second["condition"].(map[string]any)["holds"] != false {
		t.Fatalf("json %s", b)
	}
	if _, has := back["leaves"]; has {
		t.Fatalf("leaves present without a move: %s", b)
	}
}
