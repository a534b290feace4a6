package tmpl

import (
	"errors"
	"strings"
	"testing"
)

func TestToFriendly(t *testing.T) {
	src, _ := fixture()
	cat := src.Catalog()
	cases := []struct{ in, want string }{
		{"Сделка {=Document:TITLE} на {=Document:OPPORTUNITY > printable}", "Сделка {{Название}} на {{Сумма > printable}}"},
		{"{=Document:ASSIGNED_BY_ID > user,printable}", "{{Ответственный > user,printable}}"},
		{"{=A11111_22222_33333_44444:ChatId}", "{{~A11111_22222_33333_44444:ChatId}}"},
		{"{=A11111_22222_33333_44444:ChatId > printable}", "{{~A11111_22222_33333_44444:ChatId > printable}}"},
		{"{=GlobalConst:Constant1}", "{{Для всех: Ставка НДС}}"},
		{"{=GlobalVar:Variable7}", "{{Процессы: Счётчик}}"},
		{"{=Document:UF_CRM_1}", "{=Document:UF_CRM_1}"},           // ambiguous title: kept
		{"{=Document:NOPE}", "{=Document:NOPE}"},                   // unknown: kept
		{"{=Variable:Variable1}", "{=Variable:Variable1}"},         // no friendly form
		{"{=Document:UF_CRM_GT}", "{{Цена > себестоимости}}"},      // ">" in a title survives
		{"{{{=Document:TITLE}", "{{{=Document:TITLE}"},             // "{" before would merge
		{"=6^2 + {=Document:OPPORTUNITY}/2", "=6^2 + {{Сумма}}/2"}, // the documented example
		{"{{= {=Document:OPPORTUNITY} + 1 }}", "{{= {{Сумма}} + 1 }}"},
	}
	for _, tc := range cases {
		if got := ToFriendly(tc.in, cat); got != tc.want {
			t.Errorf("ToFriendly(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestToSystem(t *testing.T) {
	src, _ := fixture()
	cat := src.Catalog()
	cases := []struct{ in, want string }{
		{"{{Название}}", "{=Document:TITLE}"},
		{"{{ Название }}", "{=Document:TITLE}"},
		{"{{Сумма > printable}}", "{=Document:OPPORTUNITY > printable}"},
		{"{{Ответственный >user, printable}}", "{=Document:ASSIGNED_BY_ID > user, printable}"},
		{"{{~A1_2:ChatId#Создать чат: ID чата}}", "{=A1_2:ChatId}"},
		{"{{~A1_2:ChatId > printable # комментарий}}", "{=A1_2:ChatId > printable}"},
		{"{{Для всех: Ставка НДС}}", "{=GlobalConst:Constant1}"},
		{"{{Цена > себестоимости > printable}}", "{=Document:UF_CRM_GT > printable}"},
		{"{{Цена &gt; себестоимости}}", "{=Document:UF_CRM_GT}"},
		{"=6^2 + {{Сумма}}/2", "=6^2 + {=Document:OPPORTUNITY}/2"},
		{"{{= {{Сумма}} + 1 }}", "{{= {=Document:OPPORTUNITY} + 1 }}"},
		{"{{={{Сумма}}}}", "{{={=Document:OPPORTUNITY}}}"},
		{"no braces", "no braces"},
	}
	for _, tc := range cases {
		got, err := ToSystem(tc.in, cat)
		if err != nil || got != tc.want {
			t.Errorf("ToSystem(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestToSystemErrors(t *testing.T) {
	src, _ := fixture()
	cat := src.Catalog()
	text := "a {{Дата}} b {{Нет такого > printable}} c {{~junk here}} d {{Сумма > не модификатор}}"
	out, err := ToSystem(text, cat)
	if out != text {
		t.Errorf("text with errors must stay as written, got %q", out)
	}
	var problems []*ConvertError
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *ConvertError
		if !errors.As(e, &ce) {
			t.Fatalf("%v is no ConvertError", e)
		}
		problems = append(problems, ce)
	}
	want := []string{
		`ambiguous field title "Дата" at byte 2: Document:UF_CRM_1, Document:UF_CRM_2`,
		`unknown field title "Нет такого" at byte 17`,
		`invalid return value reference "~junk here" at byte 55`,
		`invalid modifiers for field title "Сумма" at byte 72`,
	}
	if len(problems) != len(want) {
		t.Fatalf("got %v", err)
	}
	for i, p := range problems {
		if p.Error() != want[i] {
			t.Errorf("error %d = %q, want %q", i, p.Error(), want[i])
		}
		if !strings.HasPrefix(p.Span.Of(text), "{{") || !strings.HasSuffix(p.Span.Of(text), "}}") {
			t.Errorf("span %s does not cover the token: %q", p.Span, p.Span.Of(text))
		}
	}
}

func TestRoundTrip(t *testing.T) {
	src, _ := fixture()
	cat := src.Catalog()
	texts := []string{
		"Сделка {=Document:TITLE} ({=Document:ID}) на {=Document:OPPORTUNITY > printable}, {=Document:UF_CRM_1}",
		"{=A11111_22222_33333_44444:ChatId}{=Document:TITLE}{=GlobalConst:Constant1 > printable}",
		"={=Document:OPPORTUNITY} * 2 + {=Variable:Variable1}",
		"{{= {=Document:OPPORTUNITY} & ' ' & {=Document:ASSIGNED_BY_ID > user,printable} }} {=System:Now}",
		"{=Document:ASSIGNED_BY_ID > user, printable} и {=Document:UF_CRM_GT}",
	}
	for _, text := range texts {
		friendly := ToFriendly(text, cat)
		back, err := ToSystem(friendly, cat)
		if err != nil || back != text {
			t.Errorf("round trip of %q via %q gave %q, %v", text, friendly, back, err)
		}
	}
}

func TestParseFriendlySpans(t *testing.T) {
	src, ctx := fixture()
	text := "Сумма: {{Сумма > printable}}; пусто: {{Без значения}}; чат {{~A11111_22222_33333_44444:ChatId#Чат}}; {{= 1/0 }}"
	tpl, err := ParseFriendly(text, src.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	res := tpl.Render(ctx)
	if res.Text != "Сумма: 1 500 000 ₽; пусто: ; чат 42; {{= 1/0 }}" {
		t.Fatalf("text %q", res.Text)
	}
	if len(res.Empty) != 1 || res.Empty[0].Span.Of(text) != "{{Без значения}}" {
		t.Fatalf("empty %+v", res.Empty)
	}
	if len(res.Errors) != 1 || text[res.Errors[0].At] != '/' || res.Errors[0].Span.Of(text) != "{{= 1/0 }}" {
		t.Fatalf("errors %+v", res.Errors)
	}
	if _, err := ParseFriendly("{{Нет такого}}", src.Catalog()); err == nil {
		t.Fatal("unknown title must fail")
	}
}

func TestReturnRefs(t *testing.T) {
	text := "Чат {=A11111_22222_33333_44444:ChatId} и {{~A55555_66666_77777_88888:TaskId > printable#Задача}} и {{= {=A1_2:X} + 1}} но не {=Document:A1} и {=Alpha:X}"
	refs := ReturnRefs(text)
	if len(refs) != 3 {
		t.Fatalf("refs %+v", refs)
	}
	want := []struct {
		span, robot, field string
		friendly           bool
	}{
		{"{=A11111_22222_33333_44444:ChatId}", "A11111_22222_33333_44444", "ChatId", false},
		{"{{~A55555_66666_77777_88888:TaskId > printable#Задача}}", "A55555_66666_77777_88888", "TaskId", true},
		{"{=A1_2:X}", "A1_2", "X", false},
	}
	for i, w := range want {
		r := refs[i]
		if r.Span.Of(text) != w.span || r.Robot != w.robot || r.Field != w.field || r.Friendly != w.friendly {
			t.Errorf("ref %d = %+v (%q)", i, r, r.Span.Of(text))
		}
	}
	if len(refs[1].Mods) != 1 || refs[1].Mods[0] != "printable" {
		t.Errorf("mods %v", refs[1].Mods)
	}
}
