package fake

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/sync/bitrix24"
)

// handler answers one method; it runs with s.mu held.
type handler func(s *Server, p params, now time.Time) (answer, *apiError)

// official are the Bitrix24 methods the emulator knows.
var official = map[string]handler{
	"server.time": func(_ *Server, _ params, now time.Time) (answer, *apiError) {
		return answer{result: now.Format(time.RFC3339)}, nil
	},
	"profile":                 (*Server).profile,
	"crm.type.list":           (*Server).typeList,
	"crm.category.list":       (*Server).categoryList,
	"crm.status.list":         (*Server).statusList,
	"crm.status.entity.items": (*Server).statusEntityItems,
	"crm.lead.fields":         func(s *Server, p params, _ time.Time) (answer, *apiError) { return s.legacyFields("LEAD") },
	"crm.deal.fields":         func(s *Server, p params, _ time.Time) (answer, *apiError) { return s.legacyFields("DEAL") },
	"crm.item.fields":         (*Server).itemFields,
	"crm.enum.ownertype":      (*Server).ownerTypes,
	"crm.currency.base.get": func(s *Server, _ params, _ time.Time) (answer, *apiError) {
		return answer{result: s.data.Portal.Currency}, nil
	},
	"user.get":       (*Server).userGet,
	"department.get": (*Server).departmentGet,
}

// dispatch runs one method, a batch included; s.mu is held.
func (s *Server) dispatch(method string, p params, now time.Time) (answer, *apiError) {
	s.stats.Commands++
	s.stats.Methods[method]++
	if method == "batch" {
		return s.batch(p, now)
	}
	if code, ok := s.opts.Refuse[method]; ok {
		return answer{}, &apiError{http.StatusBadRequest, code, "Refused by the emulator's configuration"}
	}
	h, ok := official[method]
	if !ok && !s.opts.NoConnector {
		h, ok = connectorMethods[method]
	}
	if !ok {
		return answer{}, &apiError{http.StatusNotFound, bitrix24.CodeMethodNotFound, "Method not found!"}
	}
	return h(s, p, now)
}

func argError(desc string) *apiError {
	return &apiError{http.StatusBadRequest, bitrix24.CodeArgument, desc}
}

// page cuts one page of 50 out of a list, as list methods do with start.
func page(items []any, p params) answer {
	start, _ := p.int("start")
	start = max(start, 0)
	end := min(start+bitrix24.PageSize, len(items))
	out := make([]any, 0, max(end-start, 0))
	if start < len(items) {
		out = append(out, items[start:end]...)
	}
	a := answer{result: out, total: len(items), hasTotal: true}
	if end < len(items) {
		a.next, a.hasNext = end, true
	}
	return a
}

// wrapped puts a page under a key, as the crm.item family answers: {"categories": […]}.
func wrapped(key string, a answer) answer {
	a.result = map[string]any{key: a.result}
	return a
}

func typeIDOf(e *model.Entity) int {
	if e.TypeID > 0 {
		return e.TypeID
	}
	id, _ := bitrix24.EntityTypeID(e.ID)
	return id
}

func (s *Server) entityByType(id int) *model.Entity {
	for _, e := range s.data.Portal.Entities {
		if typeIDOf(e) == id {
			return e
		}
	}
	return nil
}

func isSmartProcess(e *model.Entity) bool { return strings.HasPrefix(e.ID, "DYNAMIC_") }

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func (s *Server) profile(_ params, _ time.Time) (answer, *apiError) {
	u, _ := s.data.Portal.User(s.opts.WebhookUser)
	return answer{result: map[string]any{"ID": strconv.Itoa(s.opts.WebhookUser), "ADMIN": true, "NAME": u.Name, "LAST_NAME": u.LastName}}, nil
}

func (s *Server) typeList(p params, _ time.Time) (answer, *apiError) {
	var items []any
	n := 0
	for _, e := range s.data.Portal.Entities {
		if !isSmartProcess(e) {
			continue
		}
		n++
		categories := len(e.Pipelines) > 1 || (len(e.Pipelines) == 1 && e.Pipelines[0].ID != 0)
		items = append(items, map[string]any{
			"id": n, "title": e.Title, "code": "", "createdBy": 1, "entityTypeId": typeIDOf(e),
			"customSectionId": nil, "isCategoriesEnabled": yn(categories), "isStagesEnabled": "Y",
			"isBeginCloseDatesEnabled": "Y", "isClientEnabled": "Y", "isAutomationEnabled": "Y",
			"isBizProcEnabled": "Y", "isSetOpenPermissions": "Y",
		})
	}
	return wrapped("types", page(items, p)), nil
}

func (s *Server) categoryList(p params, _ time.Time) (answer, *apiError) {
	id, ok := p.int("entityTypeId")
	if !ok {
		return answer{}, argError("Parameter entityTypeId is required")
	}
	if id == bitrix24.EntityTypeLead {
		return answer{}, &apiError{http.StatusBadRequest, "ENTITY_TYPE_NOT_SUPPORTED", "Entity type LEAD is not supported"}
	}
	e := s.entityByType(id)
	if e == nil {
		return answer{}, &apiError{http.StatusBadRequest, bitrix24.CodeNotFound, "Smart process not found"}
	}
	var items []any
	for i, pl := range e.Pipelines {
		sortKey := pl.Sort
		if sortKey == 0 {
			sortKey = (i + 1) * 100
		}
		items = append(items, map[string]any{
			"id": pl.ID, "name": pl.Name, "sort": sortKey, "entityTypeId": id,
			"isDefault": yn(pl.IsDefault || (pl.ID == 0 && e.ID == "DEAL")),
		})
	}
	return wrapped("categories", page(items, p)), nil
}

// status is one record of a CRM status directory.
type status struct {
	ID         string  `json:"ID"`
	EntityID   string  `json:"ENTITY_ID"`
	StatusID   string  `json:"STATUS_ID"`
	Name       string  `json:"NAME"`
	NameInit   string  `json:"NAME_INIT"`
	Sort       string  `json:"SORT"`
	System     string  `json:"SYSTEM"`
	CategoryID *string `json:"CATEGORY_ID"`
	Color      string  `json:"COLOR"`
	Semantics  *string `json:"SEMANTICS"`
	Extra      struct {
		Semantics string `json:"SEMANTICS"`
		Color     string `json:"COLOR"`
	} `json:"EXTRA"`
}

// statuses lists every directory the portal has: the stages of each pipeline, then the
// directories behind the entities' select fields.
func (s *Server) statuses() []status {
	var out []status
	add := func(st status) {
		st.ID = strconv.Itoa(len(out) + 1)
		out = append(out, st)
	}
	for _, e := range s.data.Portal.Entities {
		for _, pl := range e.Pipelines {
			dir := bitrix24.StageEntityID(e.ID, pl.ID)
			var cat *string
			if e.ID != "LEAD" && !(e.ID == "DEAL" && pl.ID == 0) {
				c := strconv.Itoa(pl.ID)
				cat = &c
			}
			for i, st := range pl.Stages {
				rec := status{EntityID: dir, StatusID: st.StatusID, Name: st.Name, Sort: strconv.Itoa(stageSort(st, i)),
					System: yn(st.Semantics == model.SemanticsSuccess), CategoryID: cat, Color: st.Color}
				rec.Extra.Color = st.Color
				switch st.Semantics {
				case model.SemanticsSuccess, model.SemanticsFailure:
					sem := st.Semantics
					rec.Semantics = &sem
					rec.Extra.Semantics = map[string]string{"S": "success", "F": "failure"}[sem]
				default:
					rec.Extra.Semantics = "process"
				}
				add(rec)
			}
		}
	}
	seen := map[string]bool{}
	for _, e := range s.data.Portal.Entities {
		for _, f := range e.Fields {
			if f.Type != "select" || isUserField(f.ID) {
				continue
			}
			dir := directoryOf(f.ID)
			if seen[dir] {
				continue
			}
			seen[dir] = true
			for i, o := range f.Options {
				add(status{EntityID: dir, StatusID: o.ID, Name: o.Title, Sort: strconv.Itoa((i + 1) * 10), System: "N"})
			}
		}
	}
	return out
}

func stageSort(st model.Stage, i int) int {
	if st.Sort != 0 {
		return st.Sort
	}
	return (i + 1) * 10
}

func (s *Server) statusList(p params, _ time.Time) (answer, *apiError) {
	filter := p.obj("filter")
	entityID, hasEntity := get(filter, "ENTITY_ID")
	statusID, hasStatus := get(filter, "STATUS_ID")
	var items []any
	for _, st := range s.statuses() {
		if hasEntity && st.EntityID != text(entityID) || hasStatus && st.StatusID != text(statusID) {
			continue
		}
		items = append(items, st)
	}
	return page(items, p), nil
}

func (s *Server) statusEntityItems(p params, _ time.Time) (answer, *apiError) {
	entityID := p.str("entityId")
	if entityID == "" {
		return answer{}, argError("Parameter entityId is required")
	}
	items := []any{}
	for _, st := range s.statuses() {
		if st.EntityID == entityID {
			n, _ := strconv.Atoi(st.Sort)
			items = append(items, map[string]any{"NAME": st.Name, "SORT": n, "STATUS_ID": st.StatusID})
		}
	}
	return answer{result: items}, nil
}

func (s *Server) ownerTypes(_ params, _ time.Time) (answer, *apiError) {
	items := []any{}
	for _, e := range s.data.Portal.Entities {
		short := e.ID[:1]
		if isSmartProcess(e) {
			short = "T" + strconv.FormatInt(int64(typeIDOf(e)), 16)
		}
		items = append(items, map[string]any{"ID": typeIDOf(e), "NAME": e.Title, "SYMBOL_CODE": e.ID, "SYMBOL_CODE_SHORT": short})
	}
	return answer{result: items}, nil
}

func (s *Server) userGet(p params, _ time.Time) (answer, *apiError) {
	filter := p.obj("filter")
	active, onlyActive := get(filter, "ACTIVE")
	id, byID := p.int("ID")
	if v, ok := get(filter, "ID"); ok {
		id, byID = toInt(v, true)
	}
	users := append([]model.User(nil), s.data.Portal.Users...)
	sort.Slice(users, func(i, j int) bool { return users[i].ID < users[j].ID })
	var items []any
	for _, u := range users {
		if onlyActive && truthy(active) && !u.Active || byID && u.ID != id {
			continue
		}
		deps := u.Departments
		if deps == nil {
			deps = []int{}
		}
		items = append(items, map[string]any{
			"ID": strconv.Itoa(u.ID), "ACTIVE": u.Active, "NAME": u.Name, "LAST_NAME": u.LastName, "SECOND_NAME": "",
			"EMAIL": u.Email, "PERSONAL_MOBILE": u.Phone, "WORK_PHONE": "", "WORK_POSITION": u.Position,
			"UF_DEPARTMENT": deps, "TIME_ZONE": u.TZ, "USER_TYPE": "employee",
		})
	}
	return page(items, p), nil
}

func (s *Server) departmentGet(p params, _ time.Time) (answer, *apiError) {
	id, byID := p.int("ID")
	deps := append([]model.Department(nil), s.data.Portal.Departments...)
	sort.Slice(deps, func(i, j int) bool { return deps[i].ID < deps[j].ID })
	var items []any
	for _, d := range deps {
		if byID && d.ID != id {
			continue
		}
		rec := map[string]any{"ID": strconv.Itoa(d.ID), "NAME": d.Name, "SORT": 500}
		if d.Parent != 0 {
			rec["PARENT"] = strconv.Itoa(d.Parent)
		}
		if d.Head != 0 {
			rec["UF_HEAD"] = strconv.Itoa(d.Head)
		}
		items = append(items, rec)
	}
	return page(items, p), nil
}
