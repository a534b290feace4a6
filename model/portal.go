package model

import (
	"fmt"
	"strings"
	"time"

	"robodesk/model/calendar"
)

// Portal is a snapshot of the reference data of one Bitrix24 portal: everything robots refer to.
// It is pulled from the portal or bundled with the demo project.
type Portal struct {
	// Name is the portal's host, e.g. "example.bitrix24.ru".
	Name string `json:"name"`
	// Locale is the portal's language ("ru", "en"); it decides printable values.
	Locale string `json:"locale,omitempty"`
	// Currency is the portal's base currency code, e.g. "RUB".
	Currency string `json:"currency,omitempty"`
	// DateFormat and DateTimeFormat are the portal's PHP-style formats, e.g. "d.m.Y".
	DateFormat     string            `json:"dateFormat,omitempty"`
	DateTimeFormat string            `json:"dateTimeFormat,omitempty"`
	Entities       []*Entity         `json:"entities"`
	Users          []User            `json:"users"`
	Departments    []Department      `json:"departments"`
	Calendar       calendar.Calendar `json:"calendar"`
	// PulledAt is when the snapshot was taken from the portal; zero for a bundled one.
	PulledAt time.Time `json:"pulledAt,omitempty"`
}

// Entity is a CRM document type that can carry robots: LEAD, DEAL or a smart process DYNAMIC_<id>.
type Entity struct {
	// ID is the document type code: "LEAD", "DEAL", "DYNAMIC_128", "SMART_INVOICE".
	ID string `json:"id"`
	// TypeID is CRM's numeric entityTypeId (1 lead, 2 deal, 31 smart invoice, 128+ smart process).
	TypeID    int         `json:"typeId"`
	Title     string      `json:"title"`
	Fields    []Field     `json:"fields"`
	Pipelines []*Pipeline `json:"pipelines"`
}

// Pipeline is a category (funnel) of an entity. Leads have exactly one, with ID 0.
type Pipeline struct {
	ID        int     `json:"id"`
	Name      string  `json:"name"`
	Sort      int     `json:"sort"`
	IsDefault bool    `json:"isDefault,omitempty"`
	Stages    []Stage `json:"stages"`
}

// Stage semantics as CRM reports them.
const (
	SemanticsProcess = "P"
	SemanticsSuccess = "S"
	SemanticsFailure = "F"
)

// Stage is one status of a pipeline; its STATUS_ID keys the stage's robot template.
type Stage struct {
	StatusID  string `json:"statusId"`
	Name      string `json:"name"`
	Sort      int    `json:"sort"`
	Color     string `json:"color,omitempty"`
	Semantics string `json:"semantics,omitempty"`
}

// Field is a document field as robots see it ({=Document:<ID>}).
type Field struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Type is the bizproc field type: string, text, int, double, money, bool, date, datetime,
	// user, select, phone, email, file, url, crm, stage, ...
	Type     string   `json:"type"`
	Multiple bool     `json:"multiple,omitempty"`
	Required bool     `json:"required,omitempty"`
	Options  []Option `json:"options,omitempty"`
}

// Option is one value of a select field.
type Option struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// User is a portal employee.
type User struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	LastName    string `json:"lastName"`
	Email       string `json:"email,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Position    string `json:"position,omitempty"`
	Departments []int  `json:"departments,omitempty"`
	Active      bool   `json:"active"`
	TZ          string `json:"tz,omitempty"`
}

// FullName is how Bitrix24 prints a user: "Name LastName".
func (u User) FullName() string {
	return strings.TrimSpace(u.Name + " " + u.LastName)
}

// Department is a node of the company structure.
type Department struct {
	ID     int    `json:"id"`
	Name   string `json:"name"`
	Parent int    `json:"parent,omitempty"`
	Head   int    `json:"head,omitempty"`
}

// Entity returns the entity with the given document type code, or nil.
func (p *Portal) Entity(id string) *Entity {
	for _, e := range p.Entities {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// User returns the user with the given ID.
func (p *Portal) User(id int) (User, bool) {
	for _, u := range p.Users {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

// Department returns the department with the given ID.
func (p *Portal) Department(id int) (Department, bool) {
	for _, d := range p.Departments {
		if d.ID == id {
			return d, true
		}
	}
	return Department{}, false
}

// Field returns the entity's field with the given ID.
func (e *Entity) Field(id string) (Field, bool) {
	for _, f := range e.Fields {
		if f.ID == id {
			return f, true
		}
	}
	return Field{}, false
}

// Pipeline returns the entity's pipeline with the given category ID.
func (e *Entity) Pipeline(id int) *Pipeline {
	for _, p := range e.Pipelines {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Stage returns the stage with the given STATUS_ID from any pipeline of the entity.
func (e *Entity) Stage(statusID string) (*Pipeline, Stage, bool) {
	for _, p := range e.Pipelines {
		for _, s := range p.Stages {
			if s.StatusID == statusID {
				return p, s, true
			}
		}
	}
	return nil, Stage{}, false
}

// Key is the pipeline's key in the syntax used everywhere: LEAD, DEAL:0, DYNAMIC_128:3.
func (e *Entity) Key(p *Pipeline) PipelineKey {
	return PipelineKey{Entity: e.ID, Category: p.ID}
}

// StageRef names the robot template of one stage: the document type and the stage's STATUS_ID.
type StageRef struct {
	Entity string `json:"entity"`
	Status string `json:"status"`
}

func (s StageRef) String() string { return s.Entity + "/" + s.Status }

// Stage resolves a stage reference against the snapshot.
func (p *Portal) Stage(ref StageRef) (*Entity, *Pipeline, Stage, error) {
	e := p.Entity(ref.Entity)
	if e == nil {
		return nil, nil, Stage{}, fmt.Errorf("unknown entity %q", ref.Entity)
	}
	pl, st, ok := e.Stage(ref.Status)
	if !ok {
		return nil, nil, Stage{}, fmt.Errorf("unknown stage %q of %s", ref.Status, ref.Entity)
	}
	return e, pl, st, nil
}

// Pipeline resolves a pipeline key against the snapshot.
func (p *Portal) Pipeline(k PipelineKey) (*Entity, *Pipeline, error) {
	e := p.Entity(k.Entity)
	if e == nil {
		return nil, nil, fmt.Errorf("pipeline %s: unknown entity %q", k, k.Entity)
	}
	pl := e.Pipeline(k.Category)
	if pl == nil {
		return nil, nil, fmt.Errorf("pipeline %s: %s has no pipeline %d", k, e.ID, k.Category)
	}
	return e, pl, nil
}

// DocumentType is the bizproc document type triple of an entity, as Bitrix24 writes it in
// RoboPackage and REST calls: ["crm","CCrmDocumentDeal","DEAL"].
func DocumentType(entity string) [3]string {
	switch entity {
	case "LEAD":
		return [3]string{"crm", "CCrmDocumentLead", "LEAD"}
	case "DEAL":
		return [3]string{"crm", "CCrmDocumentDeal", "DEAL"}
	case "CONTACT":
		return [3]string{"crm", "CCrmDocumentContact", "CONTACT"}
	case "COMPANY":
		return [3]string{"crm", "CCrmDocumentCompany", "COMPANY"}
	case "QUOTE":
		return [3]string{"crm", `Bitrix\Crm\Integration\BizProc\Document\Quote`, "QUOTE"}
	case "SMART_INVOICE":
		return [3]string{"crm", `Bitrix\Crm\Integration\BizProc\Document\SmartInvoice`, "SMART_INVOICE"}
	}
	return [3]string{"crm", `Bitrix\Crm\Integration\BizProc\Document\Dynamic`, entity}
}
