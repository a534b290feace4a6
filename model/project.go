package model

import (
	"encoding/json"
	"sort"
)

// Template is the robot template of one stage: its ordered robots and its triggers.
type Template struct {
	Stage StageRef
	Meta  StageMeta
	// Robots are ordered by Pos; the slice is owned by the project, read it, don't change it.
	Robots []*Robot
}

// StageMeta is what a stage template carries besides robots.
type StageMeta struct {
	// TemplateID is the portal's template ID; 0 until the stage was synced.
	TemplateID int `json:"templateId,omitempty"`
	// ExternalModified marks a template changed in the business-process designer: the robot
	// editor can't show it and RoboDesk must not overwrite it.
	ExternalModified bool `json:"externalModified,omitempty"`
	// Triggers are the stage's triggers in Bitrix24's JSON.
	Triggers []Trigger `json:"triggers,omitempty"`
}

// Trigger is one automation trigger of a stage, e.g. "e-mail received" or "webhook".
type Trigger struct {
	Name string `json:"NAME"`
	Code string `json:"CODE"`
	// Raw is the trigger's full JSON as the portal wrote it.
	Raw json.RawMessage `json:"RAW,omitempty"`
}

// Project is an open RoboDesk project: the portal snapshot and every stage's robots.
type Project struct {
	Portal    *Portal
	templates map[StageRef]*Template
	where     map[string]StageRef
}

// NewProject returns an empty project over a portal snapshot.
func NewProject(portal *Portal) *Project {
	if portal == nil {
		portal = &Portal{}
	}
	return &Project{Portal: portal, templates: map[StageRef]*Template{}, where: map[string]StageRef{}}
}

// Template returns the stage's template; a stage without robots yields an empty one.
func (p *Project) Template(ref StageRef) *Template {
	if t := p.templates[ref]; t != nil {
		return t
	}
	return &Template{Stage: ref}
}

// Robots returns the stage's robots in order.
func (p *Project) Robots(ref StageRef) []*Robot { return p.Template(ref).Robots }

// Stages lists every stage that has a template, robots or not.
func (p *Project) Stages() []StageRef {
	out := make([]StageRef, 0, len(p.templates))
	for ref := range p.templates {
		out = append(out, ref)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Entity != out[j].Entity {
			return out[i].Entity < out[j].Entity
		}
		return out[i].Status < out[j].Status
	})
	return out
}

// Robot finds a robot by ID with its stage and index there.
func (p *Project) Robot(id string) (r *Robot, ref StageRef, index int, ok bool) {
	ref, ok = p.where[id]
	if !ok {
		return nil, StageRef{}, -1, false
	}
	for i, x := range p.templates[ref].Robots {
		if x.ID == id {
			return x, ref, i, true
		}
	}
	return nil, StageRef{}, -1, false
}

// RobotCount is the number of robots in the project.
func (p *Project) RobotCount() int { return len(p.where) }

// ByName finds a robot by activity name within a stage.
func (p *Project) ByName(ref StageRef, name string) (*Robot, int) {
	for i, r := range p.Template(ref).Robots {
		if r.Name == name {
			return r, i
		}
	}
	return nil, -1
}

// Snapshot is a copy of the project's stages for reading on another goroutine while edits go
// on. Robots are shared: nothing changes a robot in place, edits replace them.
func (p *Project) Snapshot() *Project {
	out := NewProject(p.Portal)
	for ref, t := range p.templates {
		out.templates[ref] = &Template{Stage: ref, Meta: t.Meta, Robots: append([]*Robot(nil), t.Robots...)}
	}
	for id, ref := range p.where {
		out.where[id] = ref
	}
	return out
}

// Load places robots without recording a change; stores use it when reading a project.
// Robots are sorted by Pos within each stage.
func (p *Project) Load(ref StageRef, meta StageMeta, robots []*Robot) {
	t := p.templates[ref]
	if t == nil {
		t = &Template{Stage: ref}
		p.templates[ref] = t
	}
	t.Meta = meta
	t.Robots = append(t.Robots, robots...)
	sort.SliceStable(t.Robots, func(i, j int) bool { return t.Robots[i].Pos < t.Robots[j].Pos })
	for _, r := range robots {
		p.where[r.ID] = ref
	}
}
