package pull

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"robodesk/model"
	"robodesk/model/calendar"
	"robodesk/sync/bitrix24"
)

// job is one command of a pull. Its handler digests the command's result and may ask for more
// commands, which go into the next batch round: categories once the types are known, stages once
// the categories are, further pages once the first page told the total.
type job struct {
	cmd bitrix24.Command
	// what says what the command fetches, for errors: "stages of DEAL pipeline 3".
	what string
	// optional commands may fail without failing the pull (a portal without smart invoices).
	optional bool
	handle   func(r bitrix24.Result) ([]job, error)
}

// Pull reads the portal's reference data into a snapshot stamped with the time of the pull:
// leads, deals, smart invoices and smart processes with automation, their pipelines, stages
// (colour, semantics) and fields (select options included), users of all pages and departments.
// Robots are not part of it; see ListTemplates.
func Pull(ctx context.Context, c *bitrix24.Client) (*model.Portal, error) {
	p := &puller{
		c:        c,
		entities: map[string]*model.Entity{},
		titles:   map[string]string{},
		dirs:     map[string][]fieldRef{},
		values:   map[string][]model.Option{},
	}
	if err := p.run(ctx, p.firstRound()); err != nil {
		return nil, fmt.Errorf("pull %s: %w", c.Host(), err)
	}
	return p.portal(), nil
}

// puller accumulates the snapshot while the rounds run.
type puller struct {
	c        *bitrix24.Client
	entities map[string]*model.Entity
	smart    []string                  // smart process codes in crm.type.list order
	titles   map[string]string         // entity code → crm.enum.ownertype name
	dirs     map[string][]fieldRef     // status directory → select fields drawing on it
	values   map[string][]model.Option // status directory → its values
	users    []model.User
	deps     []model.Department
	currency string
}

// fieldRef points at a select field whose options live in a status directory.
type fieldRef struct {
	entity *model.Entity
	index  int
}

func (p *puller) entity(code string) *model.Entity {
	e := p.entities[code]
	if e == nil {
		id, _ := bitrix24.EntityTypeID(code)
		e = &model.Entity{ID: code, TypeID: id}
		p.entities[code] = e
	}
	return e
}

// run sends rounds of jobs until none are left.
func (p *puller) run(ctx context.Context, jobs []job) error {
	for len(jobs) > 0 {
		cmds := make([]bitrix24.Command, len(jobs))
		for i, j := range jobs {
			cmds[i] = j.cmd
		}
		results, err := p.c.Batch(ctx, cmds)
		if err != nil {
			return err
		}
		var next []job
		for i, r := range results {
			j := jobs[i]
			if r.Err != nil {
				if j.optional {
					continue
				}
				return fmt.Errorf("%s: %w", j.what, r.Err)
			}
			more, err := j.handle(r)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", j.what, j.cmd.Method, err)
			}
			next = append(next, more...)
		}
		jobs = next
	}
	return nil
}

// pageHandler digests one page of records and may ask for more commands.
type pageHandler func([]json.RawMessage) ([]job, error)

// listJob fetches every page of a list method. The pages after the first go out together in the
// next round, as soon as the first page tells the total.
func listJob(what, method string, params bitrix24.Params, each pageHandler) job {
	return pageJob(what, method, params, 0, each)
}

func pageJob(what, method string, params bitrix24.Params, start int, each pageHandler) job {
	p := bitrix24.Params{"start": start}
	for k, v := range params {
		p[k] = v
	}
	return job{
		cmd:  bitrix24.Command{Method: method, Params: p},
		what: what,
		handle: func(r bitrix24.Result) ([]job, error) {
			items, err := bitrix24.ListItems(r.Result)
			if err != nil {
				return nil, err
			}
			more, err := each(items)
			if err != nil {
				return nil, err
			}
			if !r.HasNext || r.Next <= start || len(items) == 0 {
				return more, nil
			}
			if !r.HasTotal { // no total: walk page by page
				return append(more, pageJob(what, method, params, r.Next, each)), nil
			}
			if start == 0 {
				for s := r.Next; s < r.Total; s += bitrix24.PageSize {
					more = append(more, pageJob(what, method, params, s, each))
				}
			}
			return more, nil
		},
	}
}

// decodeEach decodes a page's records into T and hands them over one by one.
func decodeEach[T any](fn func(T) []job) pageHandler {
	return func(items []json.RawMessage) ([]job, error) {
		var more []job
		for i, raw := range items {
			var v T
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, fmt.Errorf("record %d: %w", i, err)
			}
			more = append(more, fn(v)...)
		}
		return more, nil
	}
}

// simple is a command with a single, non-list result.
func simple(what, method string, params bitrix24.Params, optional bool, fn func(json.RawMessage) ([]job, error)) job {
	return job{
		cmd: bitrix24.Command{Method: method, Params: params}, what: what, optional: optional,
		handle: func(r bitrix24.Result) ([]job, error) { return fn(r.Result) },
	}
}

func (p *puller) firstRound() []job {
	lead := p.entity("LEAD")
	lead.Pipelines = []*model.Pipeline{{ID: 0, IsDefault: true}}
	p.entity("DEAL")
	return []job{
		simple("entity type names", "crm.enum.ownertype", nil, true, func(raw json.RawMessage) ([]job, error) {
			var types []ownerTypeWire
			if err := json.Unmarshal(raw, &types); err != nil {
				return nil, err
			}
			for _, t := range types {
				p.titles[string(t.SymbolCode)] = string(t.Name)
			}
			return nil, nil
		}),
		listJob("smart processes", "crm.type.list", nil, decodeEach(func(t typeWire) []job {
			if t.IsAutomationEnabled != nil && !*t.IsAutomationEnabled {
				return nil // robots cannot exist there
			}
			code := bitrix24.EntityCode(int(t.EntityTypeID))
			p.entity(code).Title = string(t.Title)
			p.smart = append(p.smart, code)
			return []job{p.categoriesJob(code, false), p.itemFieldsJob(code, false)}
		})),
		p.categoriesJob("DEAL", false),
		p.categoriesJob("SMART_INVOICE", true),
		p.legacyFieldsJob("LEAD", "crm.lead.fields"),
		p.legacyFieldsJob("DEAL", "crm.deal.fields"),
		p.stagesJob(lead, lead.Pipelines[0]),
		listJob("users", "user.get", bitrix24.Params{"sort": "ID", "order": "ASC"}, decodeEach(func(u userWire) []job {
			phone := string(u.Mobile)
			if phone == "" {
				phone = string(u.WorkPhone)
			}
			if phone == "" {
				phone = string(u.PersonalPhone)
			}
			p.users = append(p.users, model.User{ID: int(u.ID), Name: string(u.Name), LastName: string(u.LastName),
				Email: string(u.Email), Phone: phone, Position: string(u.Position), Departments: []int(u.Departments),
				Active: bool(u.Active), TZ: string(u.TimeZone)})
			return nil
		})),
		listJob("departments", "department.get", bitrix24.Params{"sort": "ID", "order": "ASC"}, decodeEach(func(d departmentWire) []job {
			p.deps = append(p.deps, model.Department{ID: int(d.ID), Name: string(d.Name), Parent: int(d.Parent), Head: int(d.Head)})
			return nil
		})),
		simple("base currency", "crm.currency.base.get", nil, true, func(raw json.RawMessage) ([]job, error) {
			var s bitrix24.String
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, err
			}
			p.currency = string(s)
			return nil, nil
		}),
	}
}

// categoriesJob lists the pipelines of an entity and asks for each one's stages. An optional
// entity (smart invoices) that the portal does not have is left out; its fields are asked for
// only once it turns out to exist.
func (p *puller) categoriesJob(code string, optional bool) job {
	typeID, _ := bitrix24.EntityTypeID(code)
	j := listJob("pipelines of "+code, "crm.category.list", bitrix24.Params{"entityTypeId": typeID}, decodeEach(func(c categoryWire) []job {
		e := p.entity(code)
		pl := &model.Pipeline{ID: int(c.ID), Name: string(c.Name), Sort: int(c.Sort), IsDefault: bool(c.IsDefault)}
		e.Pipelines = append(e.Pipelines, pl)
		more := []job{p.stagesJob(e, pl)}
		if optional && len(e.Pipelines) == 1 {
			more = append(more, p.itemFieldsJob(code, true))
		}
		return more
	}))
	j.optional = optional
	return j
}

func (p *puller) stagesJob(e *model.Entity, pl *model.Pipeline) job {
	dir := bitrix24.StageEntityID(e.ID, pl.ID)
	what := fmt.Sprintf("stages of %s pipeline %d (ENTITY_ID=%s)", e.ID, pl.ID, dir)
	return listJob(what, "crm.status.list", bitrix24.Params{"filter": bitrix24.Params{"ENTITY_ID": dir}, "order": bitrix24.Params{"SORT": "ASC"}},
		decodeEach(func(s statusWire) []job {
			pl.Stages = append(pl.Stages, stageFrom(s))
			return nil
		}))
}

func (p *puller) legacyFieldsJob(code, method string) job {
	return simple("fields of "+code, method, nil, false, func(raw json.RawMessage) ([]job, error) {
		return p.fields(p.entity(code), raw)
	})
}

func (p *puller) itemFieldsJob(code string, optional bool) job {
	typeID, _ := bitrix24.EntityTypeID(code)
	params := bitrix24.Params{"entityTypeId": typeID, "useOriginalUfNames": "Y"}
	return simple("fields of "+code, "crm.item.fields", params, optional, func(raw json.RawMessage) ([]job, error) {
		var wrapped struct {
			Fields json.RawMessage `json:"fields"`
		}
		if err := json.Unmarshal(raw, &wrapped); err != nil {
			return nil, err
		}
		return p.fields(p.entity(code), wrapped.Fields)
	})
}

// fields reads a crm.*.fields object into the entity, and asks for the status directories that
// hold the options of select fields (SOURCE and the like), each directory once per pull.
func (p *puller) fields(e *model.Entity, raw json.RawMessage) ([]job, error) {
	keys, vals, err := bitrix24.Members(raw)
	if err != nil {
		return nil, err
	}
	var more []job
	for i, key := range keys {
		var w fieldWire
		if err := json.Unmarshal(vals[i], &w); err != nil {
			return nil, fmt.Errorf("field %s: %w", key, err)
		}
		f := fieldFrom(key, w)
		e.Fields = append(e.Fields, f)
		dir := string(w.StatusType)
		if f.Type != "select" || dir == "" || len(f.Options) > 0 {
			continue
		}
		if _, asked := p.dirs[dir]; !asked {
			more = append(more, p.directoryJob(dir))
		}
		p.dirs[dir] = append(p.dirs[dir], fieldRef{entity: e, index: len(e.Fields) - 1})
	}
	return more, nil
}

func (p *puller) directoryJob(dir string) job {
	j := listJob("values of "+dir, "crm.status.list", bitrix24.Params{"filter": bitrix24.Params{"ENTITY_ID": dir}, "order": bitrix24.Params{"SORT": "ASC"}},
		decodeEach(func(s statusWire) []job {
			p.values[dir] = append(p.values[dir], model.Option{ID: string(s.StatusID), Title: string(s.Name)})
			return nil
		}))
	j.optional = true // a field without its values is still a field
	return j
}

// portal assembles the snapshot in a stable order.
func (p *puller) portal() *model.Portal {
	out := &model.Portal{
		Name:        p.c.Host(),
		Currency:    p.currency,
		Users:       p.users,
		Departments: p.deps,
		Calendar:    calendar.Default(),
		PulledAt:    p.c.Now().UTC(),
	}
	// Directory values are filled in only now: a field may turn up after its directory was read.
	for dir, refs := range p.dirs {
		for _, ref := range refs {
			ref.entity.Fields[ref.index].Options = append([]model.Option(nil), p.values[dir]...)
		}
	}
	defaults := map[string]string{"LEAD": "Lead", "DEAL": "Deal", "SMART_INVOICE": "Invoice"}
	order := append([]string{"LEAD", "DEAL", "SMART_INVOICE"}, p.smart...)
	for _, code := range order {
		e := p.entities[code]
		if e == nil {
			continue
		}
		if t := p.titles[code]; t != "" && (e.Title == "" || defaults[code] != "") {
			e.Title = t
		}
		if e.Title == "" {
			e.Title = defaults[code]
		}
		if code == "LEAD" {
			if len(e.Pipelines[0].Stages) == 0 {
				continue // leads are off on this portal
			}
			e.Pipelines[0].Name = e.Title
		}
		if len(e.Pipelines) == 0 {
			continue
		}
		sort.SliceStable(e.Pipelines, func(i, j int) bool {
			a, b := e.Pipelines[i], e.Pipelines[j]
			if a.Sort != b.Sort {
				return a.Sort < b.Sort
			}
			return a.ID < b.ID
		})
		for _, pl := range e.Pipelines {
			sort.SliceStable(pl.Stages, func(i, j int) bool { return pl.Stages[i].Sort < pl.Stages[j].Sort })
			if pl.Stages == nil {
				pl.Stages = []model.Stage{}
			}
		}
		if e.Fields == nil {
			e.Fields = []model.Field{}
		}
		out.Entities = append(out.Entities, e)
	}
	sort.SliceStable(out.Users, func(i, j int) bool { return out.Users[i].ID < out.Users[j].ID })
	sort.SliceStable(out.Departments, func(i, j int) bool { return out.Departments[i].ID < out.Departments[j].ID })
	if out.Users == nil {
		out.Users = []model.User{}
	}
	if out.Departments == nil {
		out.Departments = []model.Department{}
	}
	return out
}
