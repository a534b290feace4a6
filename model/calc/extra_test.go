package calc

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRandomIsInjectable(t *testing.T) {
	run := func() string {
		env := testEnv()
		env.Random = rand.New(rand.NewPCG(7, 7))
		v, err := Eval("rand(1,1000) & '-' & randstring(6) & '-' & implode('', shuffle('a','b','c','d','e'))", env)
		if err != nil {
			t.Fatal(err)
		}
		return DefaultFormats.Text(v)
	}
	a, b := run(), run()
	if a != b {
		t.Fatalf("same seed, different results: %q vs %q", a, b)
	}
	parts := strings.Split(a, "-")
	if len(parts) != 3 || len(parts[1]) != 6 || len(parts[2]) != 5 {
		t.Fatalf("unexpected shape %q", a)
	}
	for _, c := range "abcde" {
		if !strings.ContainsRune(parts[2], c) {
			t.Fatalf("shuffle lost %c: %q", c, parts[2])
		}
	}
}

func TestPrintableUserB24(t *testing.T) {
	v, err := Eval("convert('user_2','printableuserb24','/company/personal/user/2/')", testEnv())
	if err != nil {
		t.Fatal(err)
	}
	s := DefaultFormats.Text(v)
	for _, part := range []string{`<a class="feed-post-user-name" id="bp_2_`, `href="/company/personal/user/2/"`, `bx-post-author-gender="F"`, `>Anna Smith</a>`} {
		if !strings.Contains(s, part) {
			t.Errorf("%q lacks %q", s, part)
		}
	}
	v, _ = Eval("convert('user_1','printableuserb24')", testEnv())
	if !strings.Contains(DefaultFormats.Text(v), `href="#" onClick="return false;"`) {
		t.Errorf("default link missing in %s", v)
	}
}

func TestErrorPositionsCountCharacters(t *testing.T) {
	_, err := Eval("'Привет' & 1 / 0", testEnv())
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatal(err)
	}
	if ce.Offset != 19 || ce.Rune != 13 {
		t.Fatalf("offset %d rune %d, want byte 19 and character 13", ce.Offset, ce.Rune)
	}
	if ce.Error() != "Division by zero at character 14" {
		t.Fatalf("Error() = %q", ce.Error())
	}
}

func TestResolverErrorIsWrapped(t *testing.T) {
	boom := errors.New("database closed")
	env := &Env{Resolver: ResolverFunc(func(Ref) (Value, error) { return Null(), boom })}
	_, err := Eval("1 + {=Document:X}", env)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "{=Document:X} at character 5") {
		t.Fatalf("got %v", err)
	}
}

func TestScanRef(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		obj  string
		fld  string
		mods string
	}{
		{"{=Document:TITLE}", true, "Document", "TITLE", ""},
		{"{= Document : ASSIGNED_BY_ID > user , printable }", true, "Document", "ASSIGNED_BY_ID", "user|printable"},
		{"{=A12345_12345_12345_12345:ChatId}", true, "A12345_12345_12345_12345", "ChatId", ""},
		{"{=Document:CONTACT.NAME>printable}", true, "Document", "CONTACT.NAME", "printable"},
		{"{=Document:X > a:b}", true, "Document", "X", "a:b"},
		{"{=Document:X > a,}", false, "", "", ""},
		{"{=Document:X >}", false, "", "", ""},
		{"{=Document X}", false, "", "", ""},
		{"{=:X}", false, "", "", ""},
		{"{=Document:Поле}", false, "", "", ""},
		{"{=Document:X", false, "", "", ""},
	}
	for _, tc := range cases {
		r, end, ok := ScanRef(tc.in, 0)
		if ok != tc.ok {
			t.Errorf("%q: ok=%v", tc.in, ok)
			continue
		}
		if !ok {
			continue
		}
		if r.Object != tc.obj || r.Field != tc.fld || strings.Join(r.Mods, "|") != tc.mods || end != len(tc.in) || r.Text != tc.in {
			t.Errorf("%q: got %+v end %d", tc.in, r, end)
		}
	}
}

func TestFormatFloat(t *testing.T) {
	cases := map[float64]string{
		11: "11", 2.5: "2.5", -0.5: "-0.5", 1e14: "1.0E+14", 1e13: "10000000000000",
		123456789012345: "1.2345678901234E+14", 0.0001: "0.0001", 0.00001: "1.0E-5", 1.5e-7: "1.5E-7",
		1.0 / 3: "0.33333333333333", 100: "100",
	}
	for f, want := range cases {
		if got := FormatFloat(f); got != want {
			t.Errorf("FormatFloat(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestProgramIsReusable(t *testing.T) {
	p, err := Compile("{=Document:OPPORTUNITY} / 2")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Refs()) != 1 || p.Refs()[0].Field != "OPPORTUNITY" {
		t.Fatalf("refs %+v", p.Refs())
	}
	for i := 0; i < 3; i++ {
		v, err := p.Eval(testEnv())
		if err != nil || show(v) != "float(750000)" {
			t.Fatalf("run %d: %s %v", i, show(v), err)
		}
	}
}

func TestZeroEnv(t *testing.T) {
	v, err := Eval("isworkday('06.01.2024') & '/' & {=Document:X}", nil)
	if err != nil || DefaultFormats.Text(v) != "/" {
		t.Fatalf("got %s %v: Saturday is a day off in the default calendar and variables are null", v, err)
	}
}

func TestFromBitrixFormat(t *testing.T) {
	cases := map[string]string{
		"DD.MM.YYYY":           "d.m.Y",
		"DD.MM.YYYY HH:MI:SS":  "d.m.Y H:i:s",
		"MM/DD/YYYY H:MI:SS T": "m/d/Y g:i:s a",
		"YYYY-MM-DD HH:MI":     "Y-m-d H:i",
		"DD MMMM YYYY г.":      "d F Y г.",
	}
	for in, want := range cases {
		if got := FromBitrixFormat(in); got != want {
			t.Errorf("FromBitrixFormat(%q) = %q, want %q", in, got, want)
		}
	}
	env := &Env{Formats: Formats{Date: FromBitrixFormat("MM/DD/YYYY"), DateTime: FromBitrixFormat("MM/DD/YYYY H:MI:SS T")}}
	v, err := Eval("dateadd('03/05/2024 1:30:00 pm', '1h')", env)
	if err != nil || DefaultFormats.Text(v) != "05.03.2024 14:30:00" || env.Formats.Text(v) != "03/05/2024 2:30:00 pm" {
		t.Fatalf("got %s / %s, %v", DefaultFormats.Text(v), env.Formats.Text(v), err)
	}
}
