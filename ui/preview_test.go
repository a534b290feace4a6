package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/model/preview"
	"robodesk/model/sample"
	"robodesk/model/store"
)

// fixedNow is the moment preview tests render at: a Tuesday morning in March 2024, Moscow.
var fixedNow = time.Date(2024, 3, 5, 10, 30, 0, 0, time.FixedZone("MSK", 3*3600))

// openPreview opens a robot in the editor with its preview rendering at once, at fixedNow.
func (td *testDesk) openPreview(title string) *previewPanel {
	td.t.Helper()
	td.pv.wait = 0
	td.pv.now = func() time.Time { return fixedNow }
	r := td.robot(title)
	td.revealRobot(r.ID)
	if td.editor.id != r.ID || td.pv.panel == nil {
		td.t.Fatalf("the editor shows %q with panel %v, want «%s» with its preview", td.editor.id, td.pv.panel, title)
	}
	return td.pv.panel
}

// richString is what a RichText shows.
func richString(rt *widget.RichText) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		b.WriteString(s.Textual())
	}
	return b.String()
}

// segmentsIn are a RichText's text segments in a color.
func segmentsIn(rt *widget.RichText, color string) []string {
	var out []string
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && string(ts.Style.ColorName) == color {
			out = append(out, ts.Text)
		}
	}
	return out
}

// viewFor finds the preview of a property among the panel's texts.
func viewFor(t *testing.T, p *previewPanel, key string) *textPreview {
	t.Helper()
	for _, v := range p.views {
		if v.t.Key == key {
			return v
		}
	}
	var keys []string
	for _, v := range p.views {
		keys = append(keys, v.t.Key)
	}
	t.Fatalf("the preview has no text %q; it has %v", key, keys)
	return nil
}

// sampleRecord reads a sample of the project as the engine gets it.
func (td *testDesk) sampleRecord(entity, name string) sample.Record {
	td.t.Helper()
	set, err := sample.Load(td.doc, entity)
	if err != nil {
		td.t.Fatal(err)
	}
	rec, ok := set.Get(name)
	if !ok {
		td.t.Fatalf("no sample %q of %s", name, entity)
	}
	return rec
}

// TestPreviewFollowsSampleAndDraft renders a robot for each demo sample, checks the preview
// against the engine for the same record, then types into the robot's text and checks the
// preview shows the draft before it is saved.
func TestPreviewFollowsSampleAndDraft(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	p := td.openPreview("Уведомление о новой сделке")
	r := td.robot("Уведомление о новой сделке")
	for _, tc := range []struct {
		sample string
		want   string // a piece of the rendered text only this sample gives
	}{
		{"Типичная", "Плитка и сантехника для ООО «ЭкоДом»"},
		{"Длинные значения", "Констанция-Александра"},
		{"Почти пустая", "Сделка #1601"},
	} {
		t.Run(tc.sample, func(t *testing.T) {
			p.sample.SetSelected(tc.sample)
			v := viewFor(t, p, "MessageText")
			rec := td.sampleRecord("DEAL", tc.sample)
			want := preview.Draft(td.doc.Project(), td.editor.ref, -1, r, rec, fixedNow)
			if len(want) != len(p.views) {
				t.Fatalf("preview shows %d texts, the engine renders %d", len(p.views), len(want))
			}
			if v.t.Rendered != want[0].Rendered {
				t.Fatalf("preview rendered %q, engine %q", v.t.Rendered, want[0].Rendered)
			}
			if !strings.Contains(richString(v.body), tc.want) {
				t.Errorf("preview shows %q, want it to contain %q", richString(v.body), tc.want)
			}
		})
	}

	// Typing renders the draft: nothing is saved yet (the burst is still open).
	p.sample.SetSelected("Типичная")
	msg := td.entry("MessageText")
	td.w.Canvas().Focus(msg)
	msg.SetText("")
	test.Type(msg, "Сумма: {{Сумма > printable}}")
	v := viewFor(t, p, "MessageText")
	if got := richString(v.body); got != "Сумма: 185 000 ₽" {
		t.Fatalf("preview of the typed text shows %q, want «Сумма: 185 000 ₽»", got)
	}
	saved, _, _, _ := td.doc.Project().Robot(r.ID)
	if saved.Properties["MessageText"] == "Сумма: {=Document:OPPORTUNITY > printable}" {
		t.Fatal("the draft was saved while typing; the test needs it unsaved to prove the preview follows the draft")
	}
	td.w.Canvas().Unfocus()
}

// TestPreviewDebounces checks that a burst of typing renders once, after the pause: the
// pending render is restarted by each keystroke, and only the last one renders.
func TestPreviewDebounces(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	p := td.openPreview("Уведомление о новой сделке")
	var pending []func()
	stopped := 0
	td.pv.wait = time.Second
	td.pv.after = func(d time.Duration, f func()) func() {
		if d != time.Second {
			t.Errorf("render scheduled after %v, want the pause", d)
		}
		pending = append(pending, f)
		return func() { stopped++ }
	}
	before := p.renders
	msg := td.entry("MessageText")
	td.w.Canvas().Focus(msg)
	test.Type(msg, "abc")
	if p.renders != before {
		t.Fatalf("the preview rendered %d times during the burst, want none until the pause", p.renders-before)
	}
	if len(pending) != 3 || stopped != 2 {
		t.Fatalf("3 keystrokes scheduled %d renders and stopped %d, want 3 and 2", len(pending), stopped)
	}
	// The stopped timers may still fire, as a real timer can race its Stop: they do nothing.
	for _, f := range pending {
		f()
	}
	if p.renders != before+1 {
		t.Fatalf("after the pause the preview rendered %d times, want once", p.renders-before)
	}
	if !strings.HasPrefix(viewFor(t, p, "MessageText").t.Rendered, "abc") {
		t.Fatalf("the debounced render missed the typing: %q", viewFor(t, p, "MessageText").t.Rendered)
	}
}

// TestPreviewSMSLimit types texts of several lengths into an SMS to an employee and checks the
// 200-character bar: fine, near, and red past the limit.
func TestPreviewSMSLimit(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	p := td.openPreview("SMS логисту об отгрузке")
	red := themeColor(theme.ColorNameError)
	for _, tc := range []struct {
		name string
		n    int
		want limitState
	}{
		{"short", 120, limitFine},
		{"near", 195, limitNear},
		{"at the limit", 200, limitNear},
		{"one over", 201, limitOver},
		{"far over", 320, limitOver},
	} {
		t.Run(tc.name, func(t *testing.T) {
			td.entry("MessageText").SetText(strings.Repeat("я", tc.n))
			v := viewFor(t, p, "MessageText")
			if !v.limit.Visible() || v.t.MaxLen != 200 {
				t.Fatalf("limit bar visible %v for max %d, want the 200-character bar", v.limit.Visible(), v.t.MaxLen)
			}
			if v.t.Chars != tc.n || v.limit.state() != tc.want {
				t.Fatalf("%d characters rate %v (chars %d), want %v", tc.n, v.limit.state(), v.t.Chars, tc.want)
			}
			fill := test.WidgetRenderer(v.limit).(*limitRenderer).fill.FillColor
			if (fill == red) != (tc.want == limitOver) {
				t.Errorf("bar color %v for %d characters; red is %v", fill, tc.n, red)
			}
			if !v.t.SMS || !strings.Contains(v.stats.Text, "UCS-2") {
				t.Errorf("SMS stats %q, want the UCS-2 parts of a Cyrillic SMS", v.stats.Text)
			}
		})
	}
	// The long sample makes the demo's own text too long.
	td.entry("MessageText").SetText("Отгрузка: {{Адрес доставки}}, {{Название сделки}}")
	p.sample.SetSelected("Длинные значения")
	if v := viewFor(t, p, "MessageText"); v.limit.state() != limitOver {
		t.Errorf("the long sample renders %d characters, rated %v, want over the limit", v.t.Chars, v.limit.state())
	}
}

// TestPreviewMarksEmptyPlaceholders checks that placeholders the sample leaves empty are named
// in place, in the warning color, and explained under the text.
func TestPreviewMarksEmptyPlaceholders(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	p := td.openPreview("Уведомление о новой сделке")
	p.sample.SetSelected("Почти пустая")
	v := viewFor(t, p, "MessageText")
	marked := segmentsIn(v.body, string(theme.ColorNameWarning))
	if len(marked) == 0 || !contains(marked, "[Имя контакта]") {
		t.Fatalf("marked segments %q, want «[Имя контакта]» in the warning color; text %q", marked, richString(v.body))
	}
	var notes []string
	for _, o := range v.notes.Objects {
		notes = append(notes, o.(*widget.Label).Text)
	}
	if !strings.Contains(strings.Join(notes, "\n"), "«Имя контакта» is empty in the sample") {
		t.Errorf("notes %q, want the empty contact name explained", notes)
	}
	// The typical sample fills it: nothing is marked.
	p.sample.SetSelected("Типичная")
	if m := segmentsIn(viewFor(t, p, "MessageText").body, string(theme.ColorNameWarning)); len(m) != 0 {
		t.Errorf("the typical sample still marks %q", m)
	}
}

// TestPreviewCalcErrorAtPosition types calculations that fail and checks the marker stands at
// the failing character and the message names its position in the typed text.
func TestPreviewCalcErrorAtPosition(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	p := td.openPreview("Уведомление о новой сделке")
	for _, tc := range []struct {
		text   string
		before string // the rendered text up to the marker
		note   string
	}{
		{"Итого {{=foo(1)}} конец", "Итого {{=", "⚠1 Character 10: Unknown function \"foo\""},
		{"{{Название сделки}}: {{=1/0}}", "Плитка и сантехника для ООО «ЭкоДом»: {{=1", "⚠1 Character 26: Division by zero"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			td.entry("MessageText").SetText(tc.text)
			v := viewFor(t, p, "MessageText")
			var before strings.Builder
			found := false
			for _, s := range v.body.Segments {
				ts := s.(*widget.TextSegment)
				if ts.Text == "⚠1" && ts.Style.ColorName == theme.ColorNameError {
					found = true
					break
				}
				before.WriteString(ts.Text)
			}
			if !found || before.String() != tc.before {
				t.Fatalf("marker found %v after %q, want after %q; segments %q", found, before.String(), tc.before, richString(v.body))
			}
			if len(v.notes.Objects) == 0 || !strings.HasPrefix(v.notes.Objects[0].(*widget.Label).Text, tc.note) {
				t.Errorf("first note %v, want it to start %q", v.notes.Objects, tc.note)
			}
		})
	}
}

// TestTextPieces covers the splitting of a rendered text on its own: marks that overlap or
// cannot be placed are dropped rather than shown in the wrong place.
func TestTextPieces(t *testing.T) {
	at := func(s, e int) *preview.Span { return &preview.Span{Start: s, End: e} }
	for _, tc := range []struct {
		name string
		t    preview.Text
		want []piece
	}{
		{"plain", preview.Text{Rendered: "abc"}, []piece{{"abc", piecePlain}}},
		{"empty inserted", preview.Text{Rendered: "a, b", Empty: []preview.Empty{{Field: "X", Rendered: at(1, 1)}}},
			[]piece{{"a", piecePlain}, {"[X]", pieceEmpty}, {", b", piecePlain}}},
		{"left as written", preview.Text{Rendered: "a {=A1:B} b", Empty: []preview.Empty{{Field: "A1:B", Rendered: at(2, 9)}}},
			[]piece{{"a ", piecePlain}, {"{=A1:B}", pieceEmpty}, {" b", piecePlain}}},
		{"unplaced", preview.Text{Rendered: "ab", Empty: []preview.Empty{{Field: "X"}}}, []piece{{"ab", piecePlain}}},
		{"calc not found", preview.Text{Source: "{{=x(}}", Rendered: "zz", Errors: []preview.CalcError{{At: 4, Span: preview.Span{Start: 0, End: 7}}}},
			[]piece{{"zz", piecePlain}}},
		{"empty", preview.Text{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := textPieces(tc.t)
			if len(got) != len(tc.want) {
				t.Fatalf("pieces %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("pieces %q, want %q", got, tc.want)
				}
			}
		})
	}
}

// benchDesk is a desk over a temp-file demo project for benchmarks.
func benchDesk(b *testing.B) *Desk {
	b.Helper()
	a := test.NewTempApp(b)
	a.Settings().SetTheme(newTheme())
	setLang(b, "en")
	s, err := store.CreateDemo(filepath.Join(b.TempDir(), "p.sqlite"))
	if err != nil {
		b.Fatal(err)
	}
	w := test.NewTempWindow(b, widget.NewLabel(""))
	d := NewDesk(w, s, nil)
	b.Cleanup(d.Close)
	d.idle, d.pv.wait = 0, 0
	if err := d.ShowPipeline("DEAL:0"); err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkPreviewRender is one re-render of the editor's preview while typing: the e-mail to
// the responsible (subject and a long body) for the typical sample.
func BenchmarkPreviewRender(b *testing.B) {
	d := benchDesk(b)
	for _, ref := range d.doc.Project().Stages() {
		for _, r := range d.doc.Project().Robots(ref) {
			if r.Title() == "Письмо ответственному о новой сделке" {
				d.revealRobot(r.ID)
			}
		}
	}
	p := d.pv.panel
	if p == nil || len(p.views) != 2 {
		b.Fatal("the preview of the e-mail is not open")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.render()
	}
}

// BenchmarkTimelineRun is one simulation of the new-deal stage as the timeline shows it:
// simulate, chart and list.
func BenchmarkTimelineRun(b *testing.B) {
	d := benchDesk(b)
	tl := newTimeline(d, model.StageRef{Entity: "DEAL", Status: "NEW"})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tl.run()
	}
}

// TestPreviewAfterLanguageSwitch switches the interface to Russian with a robot open: the
// preview is made again in Russian and keeps the sample picked.
func TestPreviewAfterLanguageSwitch(t *testing.T) {
	td := newTestDesk(t, "DEAL:0")
	p := td.openPreview("Уведомление о новой сделке")
	p.sample.SetSelected("Почти пустая")
	if got := viewFor(t, p, "MessageText").label.Text; got != "Message text" {
		t.Fatalf("English label %q", got)
	}
	td.SetLanguage("ru")
	q := td.pv.panel
	if q == nil || q == p {
		t.Fatal("the preview was not made again for the new language")
	}
	v := viewFor(t, q, "MessageText")
	if v.label.Text != "Текст уведомления" || q.sample.Selected != "Почти пустая" {
		t.Errorf("after the switch: label %q, sample %q", v.label.Text, q.sample.Selected)
	}
	if !strings.Contains(richString(v.body), "[Имя контакта]") {
		t.Errorf("after the switch the empty placeholder is not marked: %q", richString(v.body))
	}
}
