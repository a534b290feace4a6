package engine

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"robodesk/model"
	"robodesk/model/calendar"
	"robodesk/sync/bitrix24"
	"robodesk/sync/creds"
	"robodesk/sync/plan"
	"robodesk/sync/pull"
)

// Remote is the portal as read for one plan.
type Remote struct {
	Host string
	// Portal is the reference data, stamped with the time of the pull.
	Portal *model.Portal
	// Connector is nil on a portal without the RoboDesk connector; Templates are then empty.
	Connector *bitrix24.ConnectorInfo
	Templates map[model.StageRef]pull.Template
	At        time.Time
}

// Fetch reads the portal: reference data, the connector, and the robots of every stage. A
// portal without the connector still gives its reference data.
func (e *Engine) Fetch(ctx context.Context, doc plan.Doc) (*Remote, error) {
	c, host, err := e.connected(ctx, doc)
	if err != nil {
		return nil, err
	}
	portal, err := pull.Pull(ctx, c)
	if err != nil {
		return nil, err
	}
	r := &Remote{Host: host, Portal: portal, At: portal.PulledAt}
	info, err := c.ConnectorInfo(ctx)
	switch {
	case errors.Is(err, bitrix24.ErrNoConnector):
		e.log.Info("sync: portal has no connector", "portal", host)
		return r, nil
	case err != nil:
		return nil, err
	case info.Protocol != bitrix24.ConnectorProtocol || !info.Has(bitrix24.CapTemplateList) || !info.Has(bitrix24.CapTemplateSet):
		return nil, fmt.Errorf("%s: the RoboDesk connector %s speaks protocol %d with %v; this RoboDesk needs protocol %d with template.list and template.set",
			host, info.Version, info.Protocol, info.Capabilities, bitrix24.ConnectorProtocol)
	}
	r.Connector = info
	if r.Templates, err = pull.ListAll(ctx, c, portal); err != nil {
		return nil, fmt.Errorf("pull robots of %s: %w", host, err)
	}
	e.log.Info("sync: pulled", "portal", host, "stages", len(r.Templates), "requests", c.Stats().Requests)
	return r, nil
}

// Pull reads the portal, takes its reference data into the project (pipelines, stages, fields,
// users; never robots; see Save) and makes the plan. Robots change only when the plan is
// applied.
func (e *Engine) Pull(ctx context.Context, doc plan.Doc) (*plan.Plan, error) {
	r, err := e.Fetch(ctx, doc)
	if err != nil {
		return nil, err
	}
	if err := Save(doc, r); err != nil {
		return nil, err
	}
	return MakePlan(doc, r)
}

// Save takes what was fetched into the project: the portal snapshot (SavePortal) and the time
// of the pull. Robots are not touched.
func Save(doc plan.Doc, r *Remote) error {
	if err := SavePortal(doc, r.Portal); err != nil {
		return err
	}
	connector := ""
	if r.Connector != nil {
		connector = r.Connector.Version
	}
	return updateState(doc, func(st *State) {
		st.Host, st.Connector, st.LastPull = creds.Host(r.Host), connector, r.At
	})
}

// Plan reads the portal and makes the plan without changing the project.
func (e *Engine) Plan(ctx context.Context, doc plan.Doc) (*plan.Plan, error) {
	r, err := e.Fetch(ctx, doc)
	if err != nil {
		return nil, err
	}
	return MakePlan(doc, r)
}

// portalSetter is the part of a project that takes a new portal snapshot (*store.Store has it).
type portalSetter interface {
	SetPortal(p *model.Portal) error
}

// SavePortal replaces the project's portal snapshot with a pulled one. What REST cannot tell —
// the portal's language, date formats and working calendar — is kept from the snapshot the
// project had, since a pull only knows the defaults.
func SavePortal(doc plan.Doc, p *model.Portal) error {
	ps, ok := doc.(portalSetter)
	if !ok {
		return errors.New("this project cannot take a portal snapshot")
	}
	merged := *p
	if old := doc.Project().Portal; old != nil {
		if merged.Locale == "" {
			merged.Locale = old.Locale
		}
		if merged.DateFormat == "" {
			merged.DateFormat = old.DateFormat
		}
		if merged.DateTimeFormat == "" {
			merged.DateTimeFormat = old.DateTimeFormat
		}
		if !reflect.DeepEqual(old.Calendar, calendar.Calendar{}) {
			merged.Calendar = old.Calendar
		}
	}
	if err := ps.SetPortal(&merged); err != nil {
		return fmt.Errorf("save the portal snapshot of %s: %w", p.Name, err)
	}
	return nil
}

// MakePlan makes the three-way plan of every stage of the portal, and of the project's stages
// with robots that the portal lacks.
func MakePlan(doc plan.Doc, r *Remote) (*plan.Plan, error) {
	host := creds.Host(r.Host)
	p := &plan.Plan{Host: host, MadeAt: r.At, NoConnector: r.Connector == nil}
	if r.Connector == nil {
		return p, nil
	}
	p.Connector = r.Connector.Version
	proj := doc.Project()
	seen := map[model.StageRef]bool{}
	for _, e := range r.Portal.Entities {
		for _, pl := range e.Pipelines {
			key := e.Key(pl).String()
			for _, st := range pl.Stages {
				ref := model.StageRef{Entity: e.ID, Status: st.StatusID}
				seen[ref] = true
				in := plan.Input{Ref: ref, Pipeline: key, StageName: st.Name, Local: proj.Robots(ref)}
				t, ok := r.Templates[ref]
				if !ok {
					in.Missing = true
				} else {
					remote, err := plan.DecodeRobots(t.Robots)
					if err != nil {
						return nil, fmt.Errorf("the portal's robots of %s: %w", ref, err)
					}
					in.Remote, in.Revision, in.ExternalModified = remote, t.Revision, t.ExternalModified
				}
				b, base, ok := readBase(doc, host, ref)
				in.Base, in.HasBase, in.BaseRevision = base, ok, b.Revision
				p.Stages = append(p.Stages, plan.Diff(in))
			}
		}
	}
	for _, ref := range proj.Stages() {
		if seen[ref] || len(proj.Robots(ref)) == 0 {
			continue
		}
		b, base, ok := readBase(doc, host, ref)
		p.Stages = append(p.Stages, plan.Diff(plan.Input{Ref: ref, Pipeline: pipelineOf(proj.Portal, ref), Local: proj.Robots(ref),
			Base: base, HasBase: ok, BaseRevision: b.Revision, Missing: true}))
	}
	return p, nil
}

// pipelineOf names the pipeline of a stage from the project's snapshot, or the entity alone.
func pipelineOf(p *model.Portal, ref model.StageRef) string {
	if p != nil {
		if e, pl, _, err := p.Stage(ref); err == nil {
			return e.Key(pl).String()
		}
	}
	return ref.Entity
}
