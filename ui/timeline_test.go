package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"robodesk/model"
	"robodesk/model/sim"
)

// TestTimelineFridayEvening simulates the demo's new-deal stage for an item that arrives on a
// Friday at 19:00, Moscow time, with the greeting robot given a condition the typical sample
// fails. The entry time is typed into the dialog; the fire times listed and drawn must be
// those of the simulator for the same inputs, and the skipped robot must say why.
func TestTimelineFridayEvening(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	greet := td.robot("Приветствие клиенту в WhatsApp").Clone()
	greet.Condition = &model.Condition{Type: "field", Items: []model.ConditionItem{
		{Object: "Document", Field: "OPPORTUNITY", Operator: ">", Value: "1000000", Joiner: model.JoinAnd}}}
	if _, err := td.exec(model.Update{Robots: []*model.Robot{greet}}); err != nil {
		t.Fatal(err)
	}

	td.showTimeline(td.ref("NEW"))
	tl := td.dialogs.timeline
	if tl == nil {
		t.Fatal("no timeline opened")
	}
	tl.sample.SetSelected("Типичная")
	for _, e := range []struct {
		entry interface{ SetText(string) }
		text  string
	}{{tl.entry.day, ""}, {tl.entry.clock, ""}} {
		e.entry.SetText(e.text)
	}
	test.Type(tl.entry.day, "01.03.2024")
	test.Type(tl.entry.clock, "19:00")

	moscow, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	entry := time.Date(2024, 3, 1, 19, 0, 0, 0, moscow)
	if !tl.tl.Entry.Equal(entry) {
		t.Fatalf("simulated entry %v, want %v", tl.tl.Entry, entry)
	}
	want := sim.Simulate(td.doc.Project(), td.ref("NEW"), td.sampleRecord("DEAL", "Типичная"), entry)

	// The list: in the order things happen, each with the simulator's time and status.
	ordered := want.Ordered()
	if len(tl.rows) != len(ordered) {
		t.Fatalf("the list has %d steps, the simulator %d", len(tl.rows), len(ordered))
	}
	for i, row := range tl.rows {
		s := ordered[i]
		if row.Step.RobotID != s.RobotID || row.Time != stamp(s.At) || row.Step.Status != s.Status {
			t.Errorf("step %d: %s at %s %s, want %s at %s %s", i, row.Step.Title, row.Time, row.Step.Status, s.Title, stamp(s.At), s.Status)
		}
	}
	// The times themselves, as a person checking the portal would expect them: the notices go
	// out at once, the greeting waits for Monday's working time and the call an hour after it.
	expect := map[string]struct{ at, status string }{
		"Уведомление о новой сделке":           {"Fri 01.03.2024 19:00", sim.Runs},
		"Письмо ответственному о новой сделке": {"Fri 01.03.2024 19:00", sim.Runs},
		"Приветствие клиенту в WhatsApp":       {"Mon 04.03.2024 09:10", sim.Skipped},
		"Позвонить клиенту":                    {"Mon 04.03.2024 10:10", sim.Runs},
	}
	for _, row := range tl.rows {
		e, ok := expect[row.Step.Title]
		if !ok {
			t.Errorf("unexpected robot %q on the timeline", row.Step.Title)
			continue
		}
		if row.Time != e.at || row.Step.Status != e.status {
			t.Errorf("«%s»: %s %s, want %s %s", row.Step.Title, row.Time, row.Step.Status, e.at, e.status)
		}
	}
	for _, row := range tl.rows {
		switch row.Step.Status {
		case sim.Skipped:
			if !strings.Contains(row.Reason, "Сумма > 1,000,000 does not hold") || !strings.Contains(row.Reason, "185 000") {
				t.Errorf("skipped robot's reason %q, want the failing comparison and the sample's amount", row.Reason)
			}
		case sim.Runs:
			if row.Reason != "" || row.When == "" {
				t.Errorf("«%s» runs with reason %q and when %q", row.Step.Title, row.Reason, row.When)
			}
		}
	}
	if r := rowOf(t, tl, "Позвонить клиенту"); !strings.Contains(r.When, "starts when «Приветствие клиенту в WhatsApp» is done, Mon 04.03.2024 09:10") {
		t.Errorf("the chained call explains %q", r.When)
	}

	// The chart: one line per robot in stage order, at the simulator's times.
	if len(tl.chart.rows) != len(want.Steps) {
		t.Fatalf("the chart has %d lines, the stage %d robots", len(tl.chart.rows), len(want.Steps))
	}
	for i, s := range want.Steps {
		row := tl.chart.rows[i]
		if !row.At.Equal(s.At) || row.Status != s.Status || row.After != s.After {
			t.Errorf("chart line %d: %v %s after %d, want %v %s after %d", i, row.At, row.Status, row.After, s.At, s.Status, s.After)
		}
	}
	monday := false
	for _, sp := range workSpans(tl.chart.cal, tl.chart.from, tl.chart.to) {
		switch sp[0].In(moscow).Weekday() {
		case time.Saturday, time.Sunday:
			t.Errorf("working time shaded on the weekend: %v", sp)
		case time.Monday:
			monday = monday || sp[0].In(moscow).Hour() == 9
		}
	}
	if !monday {
		t.Error("Monday's working day from 09:00 is not shaded")
	}

	// A time that is not one is refused and changes nothing.
	tl.entry.clock.SetText("25:00")
	if !tl.entry.problem.Visible() || !tl.tl.Entry.Equal(entry) {
		t.Errorf("25:00 shows a problem %v and moves the entry to %v", tl.entry.problem.Visible(), tl.tl.Entry)
	}
}

func rowOf(t *testing.T, tl *timeline, title string) timelineRow {
	t.Helper()
	for _, r := range tl.rows {
		if r.Step.Title == title {
			return r
		}
	}
	t.Fatalf("no step «%s»", title)
	return timelineRow{}
}

// TestMomentParsing covers the entry time's reading and the presets.
func TestMomentParsing(t *testing.T) {
	loc := time.FixedZone("MSK", 3*3600)
	for _, tc := range []struct {
		day, clock string
		want       time.Time
		ok         bool
	}{
		{"01.03.2024", "19:00", time.Date(2024, 3, 1, 19, 0, 0, 0, loc), true},
		{"1.3.2024", "9:05", time.Date(2024, 3, 1, 9, 5, 0, 0, loc), true},
		{"2024-03-01", "00:00", time.Date(2024, 3, 1, 0, 0, 0, 0, loc), true},
		{"31.02.2024", "10:00", time.Time{}, false},
		{"01.03.2024", "24:00", time.Time{}, false},
		{"01.03.2024", "9:5", time.Time{}, false},
		{"", "10:00", time.Time{}, false},
	} {
		got, err := parseMoment(tc.day, tc.clock, loc)
		if (err == nil) != tc.ok || !got.Equal(tc.want) {
			t.Errorf("%q %q: %v %v, want %v ok=%v", tc.day, tc.clock, got, err, tc.want, tc.ok)
		}
	}
	// Tuesday 5 March 2024 10:30: the coming Friday evening, Saturday noon and Monday morning.
	now := time.Date(2024, 3, 5, 10, 30, 0, 0, loc)
	for _, tc := range []struct {
		day  time.Weekday
		h    int
		want time.Time
	}{
		{time.Friday, 19, time.Date(2024, 3, 8, 19, 0, 0, 0, loc)},
		{time.Tuesday, 19, time.Date(2024, 3, 5, 19, 0, 0, 0, loc)},
		{time.Tuesday, 9, time.Date(2024, 3, 12, 9, 0, 0, 0, loc)},
		{time.Monday, 8, time.Date(2024, 3, 11, 8, 0, 0, 0, loc)},
	} {
		if got := nextWeekday(now, tc.day, tc.h, 0); !got.Equal(tc.want) {
			t.Errorf("next %v %d:00 = %v, want %v", tc.day, tc.h, got, tc.want)
		}
	}
}

// TestChartTicks checks the axis picks a step that leaves labels room, on midnights.
func TestChartTicks(t *testing.T) {
	loc := time.UTC
	from := time.Date(2024, 3, 1, 18, 0, 0, 0, loc)
	for _, tc := range []struct {
		span  time.Duration
		width float32
		step  time.Duration
	}{
		{3 * time.Hour, 800, 30 * time.Minute},
		{72 * time.Hour, 800, 12 * time.Hour},
		{30 * 24 * time.Hour, 800, 7 * 24 * time.Hour},
	} {
		ticks, step := chartTicks(from, from.Add(tc.span), tc.width)
		if step != tc.step {
			t.Errorf("span %v width %v: step %v, want %v", tc.span, tc.width, step, tc.step)
		}
		if len(ticks) == 0 || len(ticks) > int(tc.width/78)+1 {
			t.Errorf("span %v: %d ticks for %v pixels", tc.span, len(ticks), tc.width)
		}
		for _, tk := range ticks {
			if tk.Before(from) || tk.After(from.Add(tc.span)) {
				t.Errorf("tick %v outside the range", tk)
			}
		}
	}
}
