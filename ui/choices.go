package ui

import (
	"sort"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"robodesk/model"
	"robodesk/model/catalog"
	"robodesk/model/tmpl"
)

// userChoices are the values a user property or condition can take: the document's user
// fields («Ответственный» first), then employees, then departments.
func userChoices(p *model.Portal, e *model.Entity) []choice {
	var out []choice
	fields := lang.L("Document fields")
	if e != nil {
		var rest []choice
		for _, f := range e.Fields {
			if f.Type != "user" {
				continue
			}
			ch := choice{Value: "{=Document:" + f.ID + "}", Label: f.Title, Group: fields}
			if f.ID == "ASSIGNED_BY_ID" {
				out = append(out, ch)
			} else {
				rest = append(rest, ch)
			}
		}
		out = append(out, rest...)
	}
	if len(out) == 0 || out[0].Value != catalog.Responsible {
		out = append([]choice{{Value: catalog.Responsible, Label: lang.L("Responsible"), Group: fields}}, out...)
	}
	if p == nil {
		return out
	}
	users := append([]model.User(nil), p.Users...)
	sort.SliceStable(users, func(i, j int) bool { return users[i].FullName() < users[j].FullName() })
	for _, u := range users {
		if !u.Active {
			continue
		}
		out = append(out, choice{Value: "user_" + strconv.Itoa(u.ID), Label: u.FullName(), Detail: u.Position, Group: lang.L("Employees")})
	}
	for _, d := range p.Departments {
		out = append(out, choice{Value: "group_dr" + strconv.Itoa(d.ID), Label: d.Name, Group: lang.L("Departments")})
	}
	return out
}

// optionChoices are a select field's options.
func optionChoices(f model.Field) []choice {
	out := make([]choice, len(f.Options))
	for i, o := range f.Options {
		out[i] = choice{Value: o.ID, Label: o.Title}
	}
	return out
}

// insertGroup is one submenu of a text field's «Insert field» menu.
type insertGroup struct {
	Title string
	Items []insertItem
}

// insertItem is one entry: its label, and the text it types into the field (the friendly form
// the field shows).
type insertItem struct {
	Label, Text string
}

// insertGroups builds the «Insert field» menu for a robot at index of a stage: the document's
// fields, the return values of robots that run before it, and the system values.
func insertGroups(e *model.Entity, robots []*model.Robot, index int, cat *tmpl.Catalog) []insertGroup {
	var groups []insertGroup
	if e != nil && len(e.Fields) > 0 {
		fs := append([]model.Field(nil), e.Fields...)
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Title < fs[j].Title })
		g := insertGroup{Title: lang.L("Document fields")}
		for _, f := range fs {
			sys := "{=Document:" + f.ID + "}"
			switch f.Type {
			case "user", "select", "money", "bool", "crm":
				// In a message the reader wants the name, not the stored ID.
				sys = "{=Document:" + f.ID + " > printable}"
			}
			g.Items = append(g.Items, insertItem{Label: f.Title, Text: tmpl.ToFriendly(sys, cat)})
		}
		groups = append(groups, g)
	}
	var rv insertGroup
	rv.Title = lang.L("Results of earlier robots")
	for i := 0; i < index && i < len(robots); i++ {
		r := robots[i]
		ce := catalog.Lookup(r.Type, r.Properties)
		if ce == nil {
			continue
		}
		title := r.Title()
		if title == "" {
			title = ce.Title.In(langCode())
		}
		for _, ret := range ce.Returns {
			rv.Items = append(rv.Items, insertItem{
				Label: title + ": " + ret.Title.In(langCode()),
				Text:  "{{~" + r.Name + ":" + ret.Key + "}}",
			})
		}
	}
	if len(rv.Items) > 0 {
		groups = append(groups, rv)
	}
	groups = append(groups, insertGroup{Title: lang.L("System"), Items: []insertItem{
		{Label: lang.L("Current date and time"), Text: model.BasisNow},
		{Label: lang.L("Today's date"), Text: model.BasisDate},
	}})
	return groups
}
