package lint

import (
	"sort"
	"strings"
	"testing"
	"time"

	"robodesk/assets"
	"robodesk/model"
	"robodesk/model/sample"
)

func demo(tb testing.TB) (*model.Project, sample.Samples) {
	tb.Helper()
	p, err := assets.DemoProject()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := assets.DemoSamples()
	if err != nil {
		tb.Fatal(err)
	}
	return p, s
}

// TestDemo pins what the linter says about the bundled demo: no errors, and the warnings the
// demo is built to show.
func TestDemo(t *testing.T) {
	p, s := demo(t)
	fs := Lint(p, s, tuesday)
	if n := model.Errors(fs); n > 0 {
		for _, f := range fs {
			if f.Severity == model.SevError {
				t.Error(f)
			}
		}
	}
	var warnings []string
	for _, f := range fs {
		if f.Severity == model.SevWarning {
			warnings = append(warnings, f.Code+" "+f.Stage.String()+" «"+f.Title+"» "+f.Args["sample"])
		}
	}
	sort.Strings(warnings)
	want := []string{
		"empty_placeholder DEAL/C1:PREPAYMENT_INVOICE «SMS дилеру о счете» Почти пустая",
		"empty_placeholder DEAL/NEW «Приветствие клиенту в WhatsApp» Почти пустая",
		"empty_placeholder DEAL/NEW «Приветствие клиенту в WhatsApp» Почти пустая",
		"empty_placeholder DEAL/PREPAYMENT_INVOICE «Письмо клиенту со счетом» Почти пустая",
		"empty_placeholder DEAL/WON «Благодарность клиенту» Почти пустая",
		"first_message_total DEAL/NEW «Приветствие клиенту в WhatsApp» ",
		"first_message_volume DEAL/NEW «Приветствие клиенту в WhatsApp» ",
		"first_message_volume LEAD/NEW «WhatsApp новому лиду» ",
		"outside_hours LEAD/NEW «WhatsApp новому лиду» Типичная",
		"too_long_rendered DEAL/FINAL_INVOICE «SMS логисту об отгрузке» Длинные значения",
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
}

func BenchmarkLintDemo(b *testing.B) {
	p, s := demo(b)
	now := time.Date(2024, 3, 5, 10, 0, 0, 0, msk)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Lint(p, s, now)
	}
}
