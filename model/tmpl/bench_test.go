package tmpl

import (
	"strings"
	"testing"
	"text/template"
	"unicode/utf8"
)

// benchText is a 200-character robot message with five placeholders, padded to exactly 200
// characters by benchSetup.
const benchText = "Сделка «{=Document:TITLE}» на сумму {=Document:OPPORTUNITY > printable} в работе. " +
	"Ответственный: {=Document:ASSIGNED_BY_ID > printable}, телефоны: {=Document:PHONE}, закрыть до {=Document:CLOSEDATE}."

// benchGoText is the same message for text/template, with the values prepared beforehand:
// text/template has no notion of the portal's types, so it only gets to concatenate.
const benchGoText = "Сделка «{{.Title}}» на сумму {{.Amount}} в работе. " +
	"Ответственный: {{.Assigned}}, телефоны: {{.Phones}}, закрыть до {{.Close}}."

type benchData struct{ Title, Amount, Assigned, Phones, Close string }

func benchSetup(b *testing.B) (*Template, *Context, *template.Template, benchData, string) {
	pad := 200 - utf8.RuneCountInString(benchText)
	if pad < 0 {
		b.Fatalf("bench text is %d characters", utf8.RuneCountInString(benchText))
	}
	text := benchText + strings.Repeat(".", pad)
	if n := utf8.RuneCountInString(text); n != 200 {
		b.Fatalf("bench text is %d characters", n)
	}
	tpl := Parse(text)
	if got := len(tpl.Segments()); got != 11 {
		b.Fatalf("want 5 placeholders and 6 literals, got %d segments", got)
	}
	_, ctx := fixture()
	gt := template.Must(template.New("msg").Parse(benchGoText + strings.Repeat(".", pad)))
	data := benchData{"Заказ №15", "1 500 000 ₽", "Иван Петров [1]", "+79001112233, +79004445566", "29.03.2024 18:00:00"}
	var sb strings.Builder
	if err := gt.Execute(&sb, data); err != nil {
		b.Fatal(err)
	}
	if got := tpl.Render(ctx).Text; got != sb.String() {
		b.Fatalf("outputs differ:\n%s\n%s", got, sb.String())
	}
	return tpl, ctx, gt, data, text
}

// BenchmarkRender renders the 200-character, five-placeholder message with the portal's
// formatting (money, printable user, list, datetime).
func BenchmarkRender(b *testing.B) {
	tpl, ctx, _, _, _ := benchSetup(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := tpl.Render(ctx)
		if len(res.Text) == 0 {
			b.Fatal("empty")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "renders/s")
}

// BenchmarkTextTemplate renders the same message with text/template from prepared strings, for
// comparison.
func BenchmarkTextTemplate(b *testing.B) {
	_, _, gt, data, _ := benchSetup(b)
	b.ReportAllocs()
	b.ResetTimer()
	var sb strings.Builder
	for i := 0; i < b.N; i++ {
		sb.Reset()
		if err := gt.Execute(&sb, data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "renders/s")
}

// BenchmarkParse measures reading the message once, which Render does not repeat.
func BenchmarkParse(b *testing.B) {
	_, _, _, _, text := benchSetup(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = Parse(text)
	}
}
