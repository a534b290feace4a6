package tmpl

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"robodesk/model/calc"
)

// renderCase is a text, what it renders to, and what the result reports: the empty
// placeholders as "span reason" and the calculation errors as "at message".
type renderCase struct {
	name   string
	text   string
	want   string
	empty  []string
	errors []string
	setup  func(*Context)
}

var renderCases = []renderCase{
	// document fields and types
	{name: "string", text: "{=Document:TITLE}", want: "Заказ №15"},
	{name: "money raw", text: "{=Document:OPPORTUNITY}", want: "1500000|RUB"},
	{name: "money printable", text: "{=Document:OPPORTUNITY > printable}", want: "1 500 000 ₽"},
	{name: "money in roubles of an older portal", text: "{=Document:OPPORTUNITY > printable}", want: "1 500 000 руб.",
		setup: func(c *Context) {
			c.Currencies = map[string]Currency{"RUB": {Format: "# руб.", Decimals: 2, DecPoint: ".", Thousands: " ", HideZero: true}}
		}},
	{name: "money with cents", text: "{=Document:OPPORTUNITY > printable}", want: "$250.75",
		setup: func(c *Context) {
			c.Source.(*MapSource).SetSample("Document", "OPPORTUNITY", calc.String("250.75|USD"))
		}},
	{name: "money of unknown currency", text: "{=Document:OPPORTUNITY > printable}", want: "1 000 XTS",
		setup: func(c *Context) { c.Source.(*MapSource).SetSample("Document", "OPPORTUNITY", calc.String("1000|XTS")) }},
	{name: "value without metadata", text: "{=Document:EXTRA > printable}", want: "x",
		setup: func(c *Context) { c.Source.(*MapSource).SetSample("Document", "EXTRA", calc.String("x")) }},
	{name: "double with currency", text: "{=Document:AMOUNT2 > printable}", want: "$2,500.50"},
	{name: "money as double", text: "{=Document:OPPORTUNITY > double}", want: "1500000"},
	{name: "multiple joined", text: "{=Document:PHONE}", want: "+79001112233, +79004445566"},
	{name: "printable field", text: "{=Document:PHONE_PRINTABLE}", want: "+79001112233, +79004445566"},
	{name: "printable suffix", text: "{=Document:EMAIL_PRINTABLE}", want: "a@x.ru, b@x.ru"},
	{name: "printable suffix any case", text: "{=Document:EMAIL_printable}", want: "a@x.ru, b@x.ru"},
	{name: "user raw", text: "{=Document:ASSIGNED_BY_ID}", want: "user_1"},
	{name: "user printable", text: "{=Document:ASSIGNED_BY_ID > printable}", want: "Иван Петров [1]"},
	{name: "user friendly", text: "{=Document:ASSIGNED_BY_ID > friendly}", want: "Иван Петров"},
	{name: "user two modifiers", text: "{=Document:ASSIGNED_BY_ID > user,printable}", want: "Иван Петров [1]"},
	{name: "users printable", text: "{=Document:OBSERVERS > printable}", want: "Иван Петров [1], Anna Smith [2]"},
	{name: "user to int", text: "{=Document:ASSIGNED_BY_ID > int}", want: "1"},
	{name: "date", text: "{=Document:BEGINDATE}", want: "01.03.2024"},
	{name: "date printable", text: "{=Document:BEGINDATE > printable}", want: "01.03.2024"},
	{name: "datetime", text: "{=Document:CLOSEDATE}", want: "29.03.2024 18:00:00"},
	{name: "datetime to date", text: "{=Document:CLOSEDATE > date}", want: "29.03.2024"},
	{name: "datetime in another format", text: "{=Document:CLOSEDATE}", want: "03/29/2024 06:00:00 pm",
		setup: func(c *Context) { c.Env.Formats = calc.Formats{Date: "m/d/Y", DateTime: "m/d/Y h:i:s a"} }},
	{name: "bool raw", text: "{=Document:IS_RETURN}", want: "Y"},
	{name: "bool printable", text: "{=Document:IS_RETURN > printable}", want: "Да"},
	{name: "bool printable no", text: "{=Document:OPENED > printable}", want: "Нет"},
	{name: "bool printable english", text: "{=Document:IS_RETURN > printable}", want: "Yes", setup: func(c *Context) { c.Env.Lang = "en" }},
	{name: "bool to int", text: "{=Document:IS_RETURN > int}", want: "1"},
	{name: "select raw", text: "{=Document:SOURCE_ID}", want: "WEB"},
	{name: "select printable", text: "{=Document:SOURCE_ID > printable}", want: "Веб-сайт"},
	{name: "multiple select printable", text: "{=Document:TAGS > printable}", want: "Звонок, Веб-сайт"},
	{name: "string printable", text: "{=Document:TITLE > printable}", want: "Заказ №15"},
	{name: "string,printable", text: "{=Document:TITLE > string,printable}", want: "Заказ №15"},
	{name: "format first", text: "{=Document:SOURCE_ID > printable,string}", want: "Веб-сайт"},
	{name: "unknown modifier is a no-op", text: "{=Document:TITLE > shout}", want: "Заказ №15"},
	{name: "spaces inside", text: "{= Document : TITLE > printable }", want: "Заказ №15"},
	{name: "three modifiers are no placeholder", text: "{=Document:TITLE > a,b,c}", want: "{=Document:TITLE > a,b,c}"},
	{name: "unclosed is text", text: "{=Document:TITLE", want: "{=Document:TITLE"},

	// empty and unknown
	{name: "empty value", text: "[{=Document:COMMENTS}]", want: "[]", empty: []string{"1:21 empty value"}},
	{name: "no sample", text: "{=Document:NO_SAMPLE}", want: "", empty: []string{"0:21 no sample value"}},
	{name: "unknown field", text: "a {=Document:NOPE} b", want: "a  b", empty: []string{"2:18 unknown field"}},
	{name: "object names are case sensitive", text: "{=document:TITLE}", want: "{=document:TITLE}", empty: []string{"0:17 unknown object"}},

	// other objects
	{name: "robot return value", text: "Чат {=A11111_22222_33333_44444:ChatId}", want: "Чат 42"},
	{name: "unknown robot stays", text: "{=A99999_1:ChatId}", want: "{=A99999_1:ChatId}", empty: []string{"0:18 unknown object"}},
	{name: "robot without sample", text: "{=A55555_66666_77777_88888:TaskId}", want: "", empty: []string{"0:34 no sample value"}},
	{name: "system date", text: "{=System:Date}", want: "05.03.2024"},
	{name: "system now", text: "{=System:Now}", want: "05.03.2024 10:30:00"},
	{name: "system now local", text: "{=System:NowLocal}", want: "05.03.2024 12:30:00"},
	{name: "system eol", text: "a{=System:Eol}b", want: "a\nb"},
	{name: "unknown system value stays", text: "{=System:Nope}", want: "{=System:Nope}", empty: []string{"0:14 unknown object"}},
	{name: "current user", text: "{=User:ID}", want: "user_2"},
	{name: "current user printable", text: "{=User:ID > printable}", want: "Anna Smith [2]"},
	{name: "workflow", text: "{=Workflow:ID}", want: "wf-1"},
	{name: "variable", text: "{=Variable:Variable1}", want: "5"},
	{name: "constant printable", text: "{=Constant:Const1 > printable}", want: "Да"},
	{name: "constant printable suffix", text: "{=Constant:Const1_printable}", want: "Да"},
	{name: "template parameter", text: "{=Template:Param1}", want: "abc"},
	{name: "global constant", text: "{=GlobalConst:Constant1}", want: "20"},

	// texts
	{name: "message", text: "Сделка {=Document:TITLE} на сумму {=Document:OPPORTUNITY > printable}", want: "Сделка Заказ №15 на сумму 1 500 000 ₽"},
	{name: "inline calc", text: "Итого: {{= {=Document:OPPORTUNITY} * 2 }} руб.", want: "Итого: 3000000 руб."},
	{name: "inline concat", text: "{{= 'a' & 'b' }}!", want: "ab!"},
	{name: "inline array", text: "{{= {=Document:PHONE} }}", want: "+79001112233, +79004445566"},
	{name: "inline null leaves text", text: "x{{= substr('', 1) }}y", want: "x{{= substr('', 1) }}y"},
	{name: "inline date function", text: "{{= dateadd({=Document:BEGINDATE}, '1d') }}", want: "02.03.2024 00:00:00"},
	{name: "inline working time", text: "{{= workdateadd({=System:Now}, '2h', {=Document:ASSIGNED_BY_ID}) }}", want: "05.03.2024 12:30:00"},
	{name: "inline document url", text: "{{= getdocumenturl('bb', true()) }}", want: "[url=https://b24.example/crm/deal/details/15/]Заказ №15[/url]"},
	{name: "char after }} is swallowed", text: "{{=1}}{{=2}}", want: "1{{=2}}", errors: []string{`4 Syntax error "}}{{=2"`}},
	{name: "unknown field in calc", text: "{{= {=Document:NOPE} + 1 }}", want: "1", empty: []string{"4:20 unknown field"}},
	{name: "strict unknown field in calc", text: "{{= {=Document:NOPE} + 1 }}", want: "{{=  + 1 }}",
		empty:  []string{"4:20 unknown field"},
		errors: []string{`4 Incorrect variable name - "{=Document:NOPE}"`},
		setup:  func(c *Context) { c.Strict = true }},
	{name: "division by zero", text: "{{= 1/0 }} и {=Document:TITLE}", want: "{{= 1/0 }} и Заказ №15", errors: []string{"5 Division by zero"}},
	{name: "unknown function", text: "a {{= foo(1) }}", want: "a {{= foo(1) }}", errors: []string{`6 Unknown function "foo"`}},
	{name: "unmatched bracket", text: "{{= (1 }} {=Document:TITLE}", want: "{{= (1 }} Заказ №15", errors: []string{`4 Unmatched opening bracket "("`}},

	// whole-value calculations
	{name: "whole", text: "=6^2 + 4/2", want: "38"},
	{name: "whole braces", text: "{{= 2+2 }}", want: "4"},
	{name: "whole with field", text: "={=Variable:Variable1} * 2", want: "10"},
	{name: "whole with friendly-saved field", text: "=6^2 + {=Document:OPPORTUNITY}/2", want: "750036"},
	{name: "whole syntax error falls back", text: "=abc", want: "=abc", errors: []string{`1 Syntax error "abc"`}},
	{name: "whole empty", text: "=", want: "=", errors: []string{"1 Empty"}},
	{name: "whole order error", text: "=1 2", want: "=1 2", errors: []string{"3 Incorrect order of operands"}},
}

func TestRender(t *testing.T) {
	for _, tc := range renderCases {
		t.Run(tc.name, func(t *testing.T) {
			_, ctx := fixture()
			if tc.setup != nil {
				tc.setup(ctx)
			}
			res := Parse(tc.text).Render(ctx)
			if res.Text != tc.want {
				t.Errorf("text %q, want %q", res.Text, tc.want)
			}
			var empty []string
			for _, e := range res.Empty {
				empty = append(empty, fmt.Sprintf("%s %s", e.Span, e.Reason))
			}
			if strings.Join(empty, "|") != strings.Join(tc.empty, "|") {
				t.Errorf("empty %q, want %q", empty, tc.empty)
			}
			var errs []string
			for _, e := range res.Errors {
				var ce *calc.Error
				if !errors.As(e, &ce) {
					t.Fatalf("error %v is no calc error", e)
				}
				errs = append(errs, fmt.Sprintf("%d %s", e.At, ce.Message()))
			}
			if strings.Join(errs, "|") != strings.Join(tc.errors, "|") {
				t.Errorf("errors %q, want %q", errs, tc.errors)
			}
		})
	}
}

func TestValue(t *testing.T) {
	cases := []struct {
		text string
		kind calc.Kind
		show string
	}{
		{"{=Document:PHONE}", calc.KindArray, "+79001112233, +79004445566"},
		{"{=Document:PHONE_PRINTABLE}", calc.KindString, "+79001112233, +79004445566"},
		{" {=Document:BEGINDATE} ", calc.KindDate, "01.03.2024"},
		{"{=Document:OBSERVERS}", calc.KindArray, "user_1, user_2"},
		{"=2*{=Variable:Variable1}", calc.KindFloat, "10"},
		{"{=A11111_22222_33333_44444:ChatId}", calc.KindInt, "42"},
		{"text {=Document:TITLE}", calc.KindString, "text Заказ №15"},
		{"{=Document:SOURCE_ID > printable}", calc.KindString, "Веб-сайт"},
	}
	for _, tc := range cases {
		_, ctx := fixture()
		v, res := Parse(tc.text).Value(ctx)
		if v.Kind() != tc.kind || res.Text != tc.show {
			t.Errorf("%q: %s %q, want %s %q", tc.text, v.Kind(), res.Text, tc.kind, tc.show)
		}
	}
}

func TestSegments(t *testing.T) {
	tpl := Parse("Hi {=Document:TITLE > printable}, {{= 1 + {=Variable:Variable1} }}!")
	var kinds []string
	for _, s := range tpl.Segments() {
		kinds = append(kinds, fmt.Sprintf("%d@%s", s.Kind, s.Span))
	}
	want := "0@0:3 1@3:32 0@32:34 2@34:66 0@66:67"
	if strings.Join(kinds, " ") != want {
		t.Fatalf("segments %s, want %s", strings.Join(kinds, " "), want)
	}
	calcSeg := tpl.Segments()[3]
	if calcSeg.Expr != "1 + {=Variable:Variable1}" || calcSeg.ExprSpan.Of(tpl.Source()) != calcSeg.Expr {
		t.Fatalf("expr %q at %s", calcSeg.Expr, calcSeg.ExprSpan)
	}
	if tpl.IsCalculation() || !Parse(" =1").IsCalculation() {
		t.Fatal("IsCalculation")
	}
}

func TestRenderWithoutContext(t *testing.T) {
	res := Parse("a {=Document:X} {{= 1+1 }}").Render(nil)
	if res.Text != "a  2" || len(res.Empty) != 1 {
		t.Fatalf("%+v", res)
	}
}
