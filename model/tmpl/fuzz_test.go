package tmpl

import (
	"strings"
	"testing"

	"robodesk/model/calc"
)

// FuzzParse parses and renders arbitrary texts and converts them between the two forms. No
// input may panic, and a text whose references are canonical and which has no "{{" of its own
// must survive the trip to the friendly form and back unchanged.
func FuzzParse(f *testing.F) {
	for _, tc := range renderCases {
		f.Add(tc.text)
	}
	for _, s := range []string{
		"{{Название}} {{~A1_2:X#y}} {{= {{Сумма}} }}", "{{=", "}}}", "{=", "{{{=Document:TITLE}}}",
		"{{={=Document:TITLE}}}", "={{=1}}", "{{=1}}}{{=2}}}", "{=A1:B > c:d, e}", "{{~}}", "{{>}}",
		"{{Цена > себестоимости > printable}}", "\x00{=Document:TITLE}\xff", "{{= '}}' }}",
	} {
		f.Add(s)
	}
	src, ctx := fixture()
	cat := src.Catalog()
	f.Fuzz(func(t *testing.T, text string) {
		tpl := Parse(text)
		res := tpl.Render(ctx)
		for _, e := range res.Empty {
			if e.Span.Start < 0 || e.Span.End > len(text) || e.Span.Start > e.Span.End {
				t.Fatalf("empty span %s out of %d bytes", e.Span, len(text))
			}
		}
		for _, e := range res.Errors {
			if e.At < 0 || e.At > len(text) {
				t.Fatalf("error position %d out of %d bytes", e.At, len(text))
			}
		}
		_, _ = tpl.Value(ctx)
		_ = ReturnRefs(text)

		friendly := ToFriendly(text, cat)
		back, err := ToSystem(friendly, cat)
		if canonical(text) {
			if err != nil || back != text {
				t.Fatalf("round trip of %q via %q gave %q, %v", text, friendly, back, err)
			}
		}
		if ft, err := ParseFriendly(friendly, cat); err == nil {
			fres := ft.Render(ctx)
			for _, e := range fres.Empty {
				if e.Span.Start < 0 || e.Span.End > len(friendly) || e.Span.Start > e.Span.End {
					t.Fatalf("friendly span %s out of %d bytes", e.Span, len(friendly))
				}
			}
		}
	})
}

// canonical tells whether every reference is written as "{=O:F}" or "{=O:F > mods}" and the
// only "{{" are calculation openers.
func canonical(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '{' && text[i+1] == '{' && (i+2 >= len(text) || text[i+2] != '=') {
			return false
		}
		if text[i] == '{' && text[i+1] == '=' {
			ref, _, ok := calc.ScanRef(text, i)
			if ok && ref.Text != systemForm(ref.Object, ref.Field, modsText(ref)) {
				return false
			}
		}
	}
	return !strings.Contains(text, "{{{")
}
