package assets

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"robodesk/model/sample"
)

func TestDemoSamples(t *testing.T) {
	portal, _, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	all, err := DemoSamples()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	names := []string{"Типичная", "Почти пустая", "Длинные значения"}
	for _, e := range portal.Entities {
		set := all[e.ID]
		if got := strings.Join(set.Names(), ","); got != strings.Join(names, ",") {
			t.Errorf("%s: samples %q, want %q", e.ID, got, names)
			continue
		}
		for _, n := range set {
			where := e.ID + " «" + n.Name + "»"
			for _, err := range n.Record.Check(portal, e) {
				t.Errorf("%s: %v", where, err)
			}
			for id, v := range n.Record {
				f, ok := e.Field(id)
				if !ok {
					t.Errorf("%s: field %s does not exist", where, id)
					continue
				}
				if len(v) > 1 && !f.Multiple {
					t.Errorf("%s: %s has %d values but is not multiple", where, id, len(v))
				}
				for _, s := range v {
					if s == "" {
						continue
					}
					switch f.Type {
					case "select":
						ok := false
						for _, o := range f.Options {
							ok = ok || o.ID == s
						}
						if !ok {
							t.Errorf("%s: %s = %q is not an option", where, id, s)
						}
					case "user":
						uid, err := strconv.Atoi(strings.TrimPrefix(s, "user_"))
						if _, ok := portal.User(uid); err != nil || !ok {
							t.Errorf("%s: %s = %q is not a portal user", where, id, s)
						}
					case "date", "datetime":
						if _, _, ok := sample.ParseTime(s, now); !ok {
							t.Errorf("%s: %s = %q is not a date", where, id, s)
						}
					case "money", "int":
						if _, err := strconv.ParseFloat(s, 64); err != nil {
							t.Errorf("%s: %s = %q is not a number", where, id, s)
						}
					}
				}
			}
		}
		long, _ := set.Get("Длинные значения")
		if n := utf8.RuneCountInString(long.First("TITLE")); n < 120 {
			t.Errorf("%s: the long sample's title has only %d characters", e.ID, n)
		}
		empty, _ := set.Get("Почти пустая")
		filled := 0
		for id := range empty {
			if !empty.IsEmpty(id) {
				filled++
			}
		}
		if filled > 8 {
			t.Errorf("%s: the almost empty sample fills %d fields", e.ID, filled)
		}
	}
	deal, _ := all["DEAL"].Get("Длинные значения")
	if amount, _ := strconv.ParseFloat(deal.First("OPPORTUNITY"), 64); amount <= 1_000_000 {
		t.Errorf("the long deal is %v, want over 1 000 000 for the large-deal robots", amount)
	}
	if len(deal["PHONE"]) < 2 {
		t.Errorf("the long deal has phones %v, want several", deal["PHONE"])
	}
}
