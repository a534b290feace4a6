package tmpl

import (
	"strconv"
	"strings"

	"robodesk/model/calc"
)

// boolWords are the portal's "Yes"/"No" in the languages a portal is set up in.
var boolWords = map[string][2]string{
	"ru": {"Да", "Нет"},
	"en": {"Yes", "No"},
	"de": {"Ja", "Nein"},
	"ua": {"Так", "Ні"},
}

func (r *renderer) boolWord(yes bool) string {
	w, ok := boolWords[r.lang]
	if !ok {
		w = boolWords["en"]
	}
	if yes {
		return w[0]
	}
	return w[1]
}

// printable is the "printable" format of one value of field f.
func (r *renderer) printable(f Field, v calc.Value) string {
	switch f.Type {
	case TypeBool:
		s := r.text(v)
		return r.boolWord(strings.ToUpper(s) != "N" && v.Bool())
	case TypeSelect:
		s := r.text(v)
		for _, o := range f.Options {
			if o.Value == s {
				return o.Title
			}
		}
		return s
	case TypeUser:
		return r.userName(v, true)
	case TypeMoney:
		return r.money(f, v)
	case TypeDouble:
		if f.Currency != "" {
			return r.money(f, v)
		}
	case TypeDate:
		if t, ok := v.Time(); ok {
			return r.formats.Text(calc.Date(t))
		}
	case TypeDateTime:
		if t, ok := v.Time(); ok {
			return r.formats.Text(calc.DateTime(t))
		}
	}
	return r.text(v)
}

func (r *renderer) money(f Field, v calc.Value) string {
	s := r.text(v)
	if s == "" {
		return ""
	}
	amount, code := splitMoney(s, f.Currency)
	return FormatMoney(amount, code, r.currencies)
}

// userName is the portal's user list text: "Name Surname [ID]" for printable, without the ID
// for friendly. Values that are no known user ("group_…", unknown IDs) stay as they are.
func (r *renderer) userName(v calc.Value, withID bool) string {
	id := calc.UserID(v)
	if id == 0 || r.env.Users == nil {
		return r.text(v)
	}
	u, ok := r.env.Users.User(id)
	if !ok {
		return r.text(v)
	}
	name := strings.ReplaceAll(r.env.DisplayName(u), ",", " ")
	if withID {
		name += " [" + strconv.Itoa(u.ID) + "]"
	}
	return name
}

// text is PHP's string conversion with the portal's date formats.
func (r *renderer) text(v calc.Value) string { return r.formats.Text(v) }
