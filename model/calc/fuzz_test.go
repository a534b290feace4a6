package calc

import (
	"testing"
)

// FuzzCalc feeds arbitrary text to the compiler and the evaluator: whatever a user types into a
// robot setting, the calculator must answer with a value or an *Error, never a panic.
func FuzzCalc(f *testing.F) {
	for _, tc := range calcCases {
		f.Add(tc.expr)
	}
	for _, s := range []string{
		"((((1", "))))", ";;;", "f(", "if(,,)", "{=", "{=A:B>c,d}", "'", `"`, "1e5", "-", "%%%",
		"dateadd(,)", "workdateadd('31.12.9999 23:59:59','999999999d')", "addworkdays(1,-99999999999)",
		"numberformat(1e308,100)", "substr('x',-9999999999,-9999999999)", "round(1e308,-400)",
		"datediff('01.01.0001','31.12.9999','%a')", "strtotime('-9999999 years')", "settime(1,99999999,99999999)",
		"merge(merge(merge(1,2),3),4)", "trim(merge())", "locdate('rDlFM','01.01.2024')", "date('BcrUuveIOPpTZ')",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Compile(src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("compile error of type %T: %v", err, err)
			}
			return
		}
		v, err := p.Eval(testEnv())
		if err != nil {
			return
		}
		_ = DefaultFormats.Join(v)
	})
}
