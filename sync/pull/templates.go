package pull

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"robodesk/model"
	"robodesk/sync/bitrix24"
)

// Template is the robot template of one stage as the portal's connector reports it. Robots is
// Bitrix24's own ROBOTS array, untouched. Revision is opaque: it changes with every write and is
// what SetTemplate expects back; "0" is a stage never written.
type Template struct {
	Entity   string
	Status   string
	Revision string
	Robots   json.RawMessage
	// ExternalModified says the template was changed in the business-process designer: the
	// robot editor cannot show it and RoboDesk must not overwrite it.
	ExternalModified bool
}

// ConflictError says the stage changed on the portal since the revision a write was based on.
// It carries what the portal holds now, for the three-way plan to be redone.
type ConflictError struct {
	Entity, Status string
	// Expected is the revision the write was based on, Current the portal's.
	Expected, Current string
	// Robots are the portal's current robots.
	Robots json.RawMessage
	err    error
}

// Error names the stage and both revisions.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("robots of %s/%s changed on the portal: revision %s, the change was based on %s",
		e.Entity, e.Status, e.Current, e.Expected)
}

// Unwrap returns the portal's REVISION_CONFLICT error, so errors.Is(err,
// bitrix24.ErrRevisionConflict) holds.
func (e *ConflictError) Unwrap() error { return e.err }

type templateWire struct {
	Status   bitrix24.String `json:"DOCUMENT_STATUS"`
	Revision bitrix24.String `json:"REVISION"`
	External bitrix24.Bool   `json:"IS_EXTERNAL_MODIFIED"`
	Robots   json.RawMessage `json:"ROBOTS"`
}

func (w templateWire) template(entity string) Template {
	robots := w.Robots
	if len(bytes.TrimSpace(robots)) == 0 || string(bytes.TrimSpace(robots)) == "null" {
		robots = json.RawMessage("[]")
	}
	return Template{Entity: entity, Status: string(w.Status), Revision: string(w.Revision), Robots: robots,
		ExternalModified: bool(w.External)}
}

// connectorErr turns "method not found" into bitrix24.ErrNoConnector, so a portal without the
// connector reads as such and not as a failure.
func connectorErr(method string, err error) error {
	if errors.Is(err, bitrix24.ErrMethodNotFound) {
		return fmt.Errorf("%s: %w", method, bitrix24.ErrNoConnector)
	}
	return err
}

func documentType(entity string) []string {
	t := model.DocumentType(entity)
	return t[:]
}

// ListTemplates reads the robot templates of every stage of one pipeline (category 0 for leads
// and the general deal pipeline).
func ListTemplates(ctx context.Context, c *bitrix24.Client, entity string, category int) ([]Template, error) {
	list, err := bitrix24.ListAs[templateWire](ctx, c, bitrix24.MethodTemplateList,
		bitrix24.Params{"DOCUMENT_TYPE": documentType(entity), "CATEGORY_ID": category})
	if err != nil {
		return nil, connectorErr(bitrix24.MethodTemplateList, err)
	}
	out := make([]Template, len(list))
	for i, w := range list {
		out[i] = w.template(entity)
	}
	return out, nil
}

// GetTemplate reads the robot template of one stage.
func GetTemplate(ctx context.Context, c *bitrix24.Client, entity, status string) (Template, error) {
	var w templateWire
	err := c.Call(ctx, bitrix24.MethodTemplateGet, bitrix24.Params{"DOCUMENT_TYPE": documentType(entity), "DOCUMENT_STATUS": status}, &w)
	if err != nil {
		return Template{}, connectorErr(bitrix24.MethodTemplateGet, err)
	}
	t := w.template(entity)
	if t.Status == "" {
		t.Status = status
	}
	return t, nil
}

// SetTemplate replaces the robots of a stage, provided the portal still holds expectedRevision,
// and returns the new revision. If the stage changed meanwhile the result is a *ConflictError
// with the portal's current robots, and nothing is written; a conflict is never resolved here.
//
// The one exception is a portal that already holds exactly these robots: that happens when an
// earlier attempt of this very write reached the portal but its answer was lost, and the
// client's retry then found the revision moved on. The write has taken effect, so the current
// revision is returned.
func SetTemplate(ctx context.Context, c *bitrix24.Client, entity, status, expectedRevision string, robots json.RawMessage) (string, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(robots, &list); err != nil || list == nil {
		return "", fmt.Errorf("%s: robots of %s/%s are not a JSON array", bitrix24.MethodTemplateSet, entity, status)
	}
	if expectedRevision == "" {
		expectedRevision = "0"
	}
	var w templateWire
	err := c.Call(ctx, bitrix24.MethodTemplateSet, bitrix24.Params{
		"DOCUMENT_TYPE":   documentType(entity),
		"DOCUMENT_STATUS": status,
		"REVISION":        expectedRevision,
		"ROBOTS":          robots,
	}, &w)
	if errors.Is(err, bitrix24.ErrRevisionConflict) {
		current, gerr := GetTemplate(ctx, c, entity, status)
		if gerr != nil {
			return "", fmt.Errorf("%w (reading the current template failed: %v)", err, gerr)
		}
		if sameJSON(current.Robots, robots) {
			return current.Revision, nil
		}
		return "", &ConflictError{Entity: entity, Status: status, Expected: expectedRevision,
			Current: current.Revision, Robots: current.Robots, err: err}
	}
	if err != nil {
		return "", connectorErr(bitrix24.MethodTemplateSet, err)
	}
	if w.Revision == "" {
		return "", fmt.Errorf("%s: answer has no REVISION", bitrix24.MethodTemplateSet)
	}
	return string(w.Revision), nil
}

// sameJSON compares two JSON documents by value, ignoring layout and key order.
func sameJSON(a, b json.RawMessage) bool {
	decode := func(raw json.RawMessage) (any, bool) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		return v, dec.Decode(&v) == nil
	}
	va, okA := decode(a)
	vb, okB := decode(b)
	return okA && okB && reflect.DeepEqual(va, vb)
}

// ListAll reads the robot templates of every stage of every pipeline of portal: one
// template.list command per pipeline, sent together in batch calls, so a portal of 20 pipelines
// costs one HTTP request (plus one per round of further pages for pipelines of more than 50
// stages). Stages the connector did not list are absent from the result.
func ListAll(ctx context.Context, c *bitrix24.Client, portal *model.Portal) (map[model.StageRef]Template, error) {
	type page struct {
		entity   string
		category int
		start    int
	}
	var pages []page
	for _, e := range portal.Entities {
		for _, pl := range e.Pipelines {
			pages = append(pages, page{entity: e.ID, category: pl.ID})
		}
	}
	out := map[model.StageRef]Template{}
	for len(pages) > 0 {
		cmds := make([]bitrix24.Command, len(pages))
		for i, pg := range pages {
			cmds[i] = bitrix24.Command{Method: bitrix24.MethodTemplateList, Params: bitrix24.Params{
				"DOCUMENT_TYPE": documentType(pg.entity), "CATEGORY_ID": pg.category, "start": pg.start}}
		}
		results, err := c.Batch(ctx, cmds)
		if err != nil {
			return nil, connectorErr(bitrix24.MethodTemplateList, err)
		}
		var next []page
		for i, r := range results {
			pg := pages[i]
			if r.Err != nil {
				return nil, fmt.Errorf("robots of %s pipeline %d: %w", pg.entity, pg.category,
					connectorErr(bitrix24.MethodTemplateList, r.Err))
			}
			items, err := bitrix24.ListItems(r.Result)
			if err != nil {
				return nil, fmt.Errorf("robots of %s pipeline %d: %s: %w", pg.entity, pg.category, bitrix24.MethodTemplateList, err)
			}
			for j, raw := range items {
				var w templateWire
				if err := json.Unmarshal(raw, &w); err != nil {
					return nil, fmt.Errorf("robots of %s pipeline %d: template %d: %w", pg.entity, pg.category, pg.start+j, err)
				}
				t := w.template(pg.entity)
				out[model.StageRef{Entity: pg.entity, Status: t.Status}] = t
			}
			if r.HasNext && r.Next > pg.start && len(items) > 0 {
				next = append(next, page{entity: pg.entity, category: pg.category, start: r.Next})
			}
		}
		pages = next
	}
	return out, nil
}
