package preview

import (
	"strings"
	"testing"
)

func TestSMS(t *testing.T) {
	a := strings.Repeat
	cases := []struct {
		name  string
		text  string
		enc   string
		units int
		count int
	}{
		{"empty", "", GSM7, 0, 0},
		{"latin", "Hello, world!", GSM7, 13, 1},
		{"GSM symbols", "@£$¥ÄÖÑÜ§¿", GSM7, 10, 1},
		{"160 septets is one SMS", a("a", 160), GSM7, 160, 1},
		{"161 septets are two parts", a("a", 161), GSM7, 161, 2},
		{"306 septets are two parts", a("a", 306), GSM7, 306, 2},
		{"307 septets are three parts", a("a", 307), GSM7, 307, 3},
		{"extension characters count two", a("€", 80), GSM7, 160, 1},
		{"one extension character over the single limit", a("a", 159) + "{", GSM7, 161, 2},
		{"an escape pair is never split", a("a", 152) + "€" + a("a", 152), GSM7, 306, 3},
		{"all extension characters", "^{}\\[~]|€\f", GSM7, 20, 1},
		{"Cyrillic switches to UCS-2", "Привет", UCS2, 6, 1},
		{"one Cyrillic letter switches everything", a("a", 100) + "я", UCS2, 101, 2},
		{"70 units is one SMS", a("я", 70), UCS2, 70, 1},
		{"71 units are two parts", a("я", 71), UCS2, 71, 2},
		{"134 units are two parts", a("я", 134), UCS2, 134, 2},
		{"135 units are three parts", a("я", 135), UCS2, 135, 3},
		{"euro in UCS-2 counts one", "Цена 100€", UCS2, 9, 1},
		{"emoji counts two units", "Ок 😀", UCS2, 5, 1},
		{"a surrogate pair is never split", a("я", 66) + "😀" + a("я", 66), UCS2, 134, 3},
		{"lower-case c cedilla is not GSM", "ç", UCS2, 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := SMS(c.text)
			if s.Encoding != c.enc || s.Units != c.units || s.Count != c.count {
				t.Fatalf("SMS = %+v, want %s %d units in %d", s, c.enc, c.units, c.count)
			}
			wantPer := map[string][2]int{GSM7: {160, 153}, UCS2: {70, 67}}[c.enc]
			if (c.count <= 1 && s.PerSegment != wantPer[0]) || (c.count > 1 && s.PerSegment != wantPer[1]) {
				t.Fatalf("per segment %d", s.PerSegment)
			}
		})
	}
}
