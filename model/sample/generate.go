package sample

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	"robodesk/model"
)

// Generate fills a record for every field of the entity from the field's type, with plausible
// Russian values: a person's name, phones +7 …, e-mails, amounts, relative dates, options of
// select fields and active users of the portal. The same rnd state gives the same record.
// Fields the robot designer cannot meaningfully fill (files, CRM links) are left out.
func Generate(entity *model.Entity, portal *model.Portal, rnd *rand.Rand) Record {
	if rnd == nil {
		rnd = rand.New(rand.NewPCG(1, 2))
	}
	g := &generator{rnd: rnd, portal: portal, entity: entity, rec: Record{}}
	g.person()
	if entity == nil {
		return g.rec
	}
	for _, f := range entity.Fields {
		if _, done := g.rec[f.ID]; done {
			continue
		}
		if v, ok := g.value(f); ok {
			g.rec[f.ID] = v
		}
	}
	// Printable twins are text fields on the portal; keep them in step with their fields.
	for _, f := range entity.Fields {
		base, ok := strings.CutSuffix(f.ID, "_PRINTABLE")
		if !ok {
			continue
		}
		if v, ok := g.rec[base]; ok {
			g.rec[f.ID] = Value{strings.Join(v, ", ")}
		}
	}
	return g.rec
}

type generator struct {
	rnd    *rand.Rand
	portal *model.Portal
	entity *model.Entity
	rec    Record
	// the person the record is about, so that names, e-mail and title agree
	first, last, company string
}

func (g *generator) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

func (g *generator) person() {
	if g.rnd.IntN(2) == 0 {
		g.first, g.last = g.pick(maleNames), g.pick(maleSurnames)
	} else {
		g.first, g.last = g.pick(femaleNames), femaleSurname(g.pick(maleSurnames))
	}
	g.company = g.pick(companies)
}

func (g *generator) value(f model.Field) (Value, bool) {
	if v, ok := g.byID(f); ok {
		return v, true
	}
	n := 1
	if f.Multiple {
		n = 2
	}
	vals := make(Value, 0, n)
	// One random start per field, so the values of a multiple field differ from each other.
	start := g.rnd.IntN(1 << 20)
	for i := 0; i < n; i++ {
		s, ok := g.byType(f, start+i, i)
		if !ok {
			return nil, false
		}
		vals = append(vals, s)
	}
	return vals, true
}

// byID knows the standard CRM fields, whose meaning the type alone does not tell.
func (g *generator) byID(f model.Field) (Value, bool) {
	switch f.ID {
	case "ID":
		return Value{strconv.Itoa(100 + g.rnd.IntN(9900))}, true
	case "TITLE":
		return Value{g.title()}, true
	case "NAME":
		return Value{g.first}, true
	case "LAST_NAME":
		return Value{g.last}, true
	case "SECOND_NAME":
		return Value{""}, true
	case "CONTACT_NAME", "FULL_NAME":
		return Value{g.first + " " + g.last}, true
	case "COMPANY_TITLE":
		return Value{g.company}, true
	case "POST":
		return Value{g.pick(positions)}, true
	case "OPPORTUNITY":
		return Value{strconv.Itoa((5 + g.rnd.IntN(400)) * 1000)}, true
	case "PROBABILITY":
		return Value{strconv.Itoa(10 * (1 + g.rnd.IntN(9)))}, true
	case "CURRENCY_ID":
		if g.portal != nil && g.portal.Currency != "" {
			return Value{g.portal.Currency}, true
		}
	case "COMMENTS":
		return Value{g.pick(comments)}, true
	case "BIRTHDATE":
		return Value{fmt.Sprintf("%d-%02d-%02d", 1965+g.rnd.IntN(35), 1+g.rnd.IntN(12), 1+g.rnd.IntN(28))}, true
	case "DATE_CREATE", "DATE_MODIFY":
		return Value{"now"}, true
	case "BEGINDATE":
		return Value{"today"}, true
	case "CLOSEDATE":
		return Value{"+" + strconv.Itoa(7+g.rnd.IntN(21)) + "d"}, true
	}
	if strings.Contains(f.ID, "ADDRESS") && (f.Type == "string" || f.Type == "text") {
		return Value{g.address()}, true
	}
	return nil, false
}

func (g *generator) title() string {
	switch {
	case g.entity != nil && g.entity.ID == "LEAD":
		return "Заявка с сайта: " + g.pick(goods)
	case g.entity != nil && strings.HasPrefix(g.entity.ID, "DYNAMIC_"):
		return "Возврат: " + g.pick(goods)
	}
	return "Заказ №" + strconv.Itoa(1000+g.rnd.IntN(9000)) + ", " + g.pick(goods)
}

func (g *generator) address() string {
	return fmt.Sprintf("г. %s, %s, д. %d", g.pick(cities), g.pick(streets), 1+g.rnd.IntN(120))
}

func (g *generator) phone() string {
	return fmt.Sprintf("+7 9%02d %03d-%02d-%02d", g.rnd.IntN(100), g.rnd.IntN(1000), g.rnd.IntN(100), g.rnd.IntN(100))
}

func (g *generator) email(i int) string {
	if i > 0 {
		// A second address is the company's.
		name := g.company
		if _, inner, ok := strings.Cut(name, "«"); ok {
			name, _, _ = strings.Cut(inner, "»")
		}
		name = translit(name)
		if len(name) > 12 {
			name = name[:12]
		}
		return "info@" + name + ".ru"
	}
	return translit(g.first)[:1] + "." + translit(g.last) + "@" + g.pick(mailDomains)
}

func (g *generator) user(k int) (string, bool) {
	if g.portal == nil {
		return "", false
	}
	var active []model.User
	for _, u := range g.portal.Users {
		if u.Active {
			active = append(active, u)
		}
	}
	if len(active) == 0 {
		return "", false
	}
	return "user_" + strconv.Itoa(active[k%len(active)].ID), true
}

// byType makes the i-th value of a field from its type; k is i counted from a random start.
func (g *generator) byType(f model.Field, k, i int) (string, bool) {
	switch f.Type {
	case "string":
		return g.pick(goods), true
	case "text":
		return g.pick(comments), true
	case "int", "integer":
		return strconv.Itoa(1 + g.rnd.IntN(50)), true
	case "double", "float", "money":
		return strconv.Itoa((1 + g.rnd.IntN(500)) * 100), true
	case "bool", "boolean", "char":
		return []string{"Y", "N"}[g.rnd.IntN(2)], true
	case "date":
		return "+" + strconv.Itoa(1+g.rnd.IntN(14)) + "d", true
	case "datetime":
		return fmt.Sprintf("+%dd %02d:00", 1+g.rnd.IntN(7), 10+g.rnd.IntN(8)), true
	case "user", "employee":
		return g.user(k)
	case "select", "enumeration":
		if len(f.Options) == 0 {
			return "", false
		}
		return f.Options[k%len(f.Options)].ID, true
	case "stage", "status":
		if g.entity == nil || len(g.entity.Pipelines) == 0 || len(g.entity.Pipelines[0].Stages) == 0 {
			return "", false
		}
		return g.entity.Pipelines[0].Stages[0].StatusID, true
	case "phone":
		return g.phone(), true
	case "email":
		return g.email(i), true
	case "url":
		return "https://docs.example.ru/" + strconv.Itoa(1000+g.rnd.IntN(9000)) + ".pdf", true
	}
	return "", false
}

// translit spells a Russian word in Latin letters for e-mail addresses.
func translit(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if t, ok := translitTable[r]; ok {
			b.WriteString(t)
		} else if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "client"
	}
	return b.String()
}
