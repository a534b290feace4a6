package fake

import (
	"fmt"
	"strconv"

	"robodesk/model"
	"robodesk/model/calendar"
)

// Gen sizes a generated portal.
type Gen struct {
	// Pipelines are spread round-robin over deals and the smart processes.
	Pipelines int
	// Stages per pipeline, the last two being success and failure.
	Stages int
	// Users and Departments to create.
	Users       int
	Departments int
	// SmartProcesses adds that many smart process types.
	SmartProcesses int
}

// Generate builds a large, regular portal for benchmarks: leads plus Pipelines pipelines of
// Stages stages, fields including select fields, Users users in Departments departments.
func Generate(g Gen) *model.Portal {
	g.Stages = max(g.Stages, 2)
	g.Departments = max(g.Departments, 1)
	p := &model.Portal{Name: "big.example", Locale: "en", Currency: "USD", Calendar: calendar.Default()}
	fields := func(entity string) []model.Field {
		return []model.Field{
			{ID: "TITLE", Title: "Title", Type: "string", Required: true},
			{ID: "ASSIGNED_BY_ID", Title: "Responsible", Type: "user"},
			{ID: "OPPORTUNITY", Title: "Amount", Type: "double"},
			{ID: "SOURCE_ID", Title: "Source", Type: "select", Options: []model.Option{{ID: "CALL", Title: "Call"}, {ID: "WEB", Title: "Website"}}},
			{ID: "UF_CRM_" + entity + "_KIND", Title: "Kind", Type: "select", Options: []model.Option{{ID: "1", Title: "New"}, {ID: "2", Title: "Repeat"}}},
			{ID: "UF_CRM_" + entity + "_DUE", Title: "Due", Type: "datetime"},
		}
	}
	stages := func(prefix string) []model.Stage {
		out := make([]model.Stage, g.Stages)
		for i := range out {
			out[i] = model.Stage{StatusID: prefix + "S" + strconv.Itoa(i+1), Name: "Stage " + strconv.Itoa(i+1), Sort: (i + 1) * 10,
				Color: fmt.Sprintf("#%06X", (i*0x2F3B5)&0xFFFFFF), Semantics: model.SemanticsProcess}
		}
		out[g.Stages-2].Semantics = model.SemanticsSuccess
		out[g.Stages-1].Semantics = model.SemanticsFailure
		return out
	}
	lead := &model.Entity{ID: "LEAD", TypeID: 1, Title: "Lead", Fields: fields("LEAD"),
		Pipelines: []*model.Pipeline{{ID: 0, Name: "Lead", IsDefault: true, Stages: stages("")}}}
	owners := []*model.Entity{{ID: "DEAL", TypeID: 2, Title: "Deal", Fields: fields("DEAL")}}
	for i := 0; i < g.SmartProcesses; i++ {
		id := 1030 + 2*i
		owners = append(owners, &model.Entity{ID: "DYNAMIC_" + strconv.Itoa(id), TypeID: id,
			Title: "Process " + strconv.Itoa(i+1), Fields: fields(strconv.Itoa(id))})
	}
	next := map[*model.Entity]int{}
	for i := 0; i < g.Pipelines; i++ {
		e := owners[i%len(owners)]
		cat := next[e]
		next[e]++
		if e.ID != "DEAL" {
			cat += 10 // smart process categories never start at 0
		}
		prefix := ""
		switch {
		case e.ID == "DEAL" && cat > 0:
			prefix = "C" + strconv.Itoa(cat) + ":"
		case e.ID != "DEAL":
			prefix = "DT" + strconv.Itoa(e.TypeID) + "_" + strconv.Itoa(cat) + ":"
		}
		e.Pipelines = append(e.Pipelines, &model.Pipeline{ID: cat, Name: e.Title + " pipeline " + strconv.Itoa(cat),
			Sort: (next[e]) * 100, IsDefault: next[e] == 1, Stages: stages(prefix)})
	}
	p.Entities = append([]*model.Entity{lead}, owners...)
	for i := 1; i <= g.Departments; i++ {
		d := model.Department{ID: i, Name: "Department " + strconv.Itoa(i)}
		if i > 1 {
			d.Parent = 1
		}
		p.Departments = append(p.Departments, d)
	}
	for i := 1; i <= g.Users; i++ {
		p.Users = append(p.Users, model.User{ID: i, Name: "User", LastName: strconv.Itoa(i), Email: "u" + strconv.Itoa(i) + "@big.example",
			Departments: []int{1 + (i-1)%g.Departments}, Active: i%17 != 0, Position: "Manager"})
	}
	return p
}
