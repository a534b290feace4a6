package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/sync/bitrix24"
)

// ConnectorVersion is the connector release the emulator claims to be.
const ConnectorVersion = "1.0.0-emulator"

// connectorMethods implement docs/portal-protocol.md.
var connectorMethods = map[string]handler{
	bitrix24.MethodConnectorInfo: func(_ *Server, _ params, _ time.Time) (answer, *apiError) {
		return answer{result: map[string]any{
			"VERSION":      ConnectorVersion,
			"PROTOCOL":     bitrix24.ConnectorProtocol,
			"CAPABILITIES": []string{bitrix24.CapTemplateList, bitrix24.CapTemplateGet, bitrix24.CapTemplateSet},
		}}, nil
	},
	bitrix24.MethodTemplateList: (*Server).templateList,
	bitrix24.MethodTemplateGet:  (*Server).templateGet,
	bitrix24.MethodTemplateSet:  (*Server).templateSet,
}

func stageRef(entity, status string) model.StageRef {
	return model.StageRef{Entity: entity, Status: status}
}

// templateJSON is one stage template on the wire.
type templateJSON struct {
	Status           string          `json:"DOCUMENT_STATUS"`
	Revision         string          `json:"REVISION"`
	ExternalModified string          `json:"IS_EXTERNAL_MODIFIED"`
	Robots           json.RawMessage `json:"ROBOTS"`
}

func wireTemplate(status string, t Template) templateJSON {
	ext := "N"
	if t.ExternalModified {
		ext = "Y"
	}
	return templateJSON{Status: status, Revision: strconv.Itoa(t.Revision), ExternalModified: ext, Robots: t.Robots}
}

// documentType resolves DOCUMENT_TYPE, the triple ["crm", "<class>", "<entity>"], to an entity
// of the portal.
func (s *Server) documentType(p params) (*model.Entity, *apiError) {
	v, ok := get(p.m, "DOCUMENT_TYPE")
	if !ok {
		return nil, argError("Parameter DOCUMENT_TYPE is required")
	}
	parts := list(v)
	if len(parts) != 3 {
		return nil, &apiError{http.StatusBadRequest, bitrix24.CodeDocumentType, "DOCUMENT_TYPE must be [module, class, type]"}
	}
	entity := text(parts[2])
	want := model.DocumentType(entity)
	if text(parts[0]) != want[0] || text(parts[1]) != want[1] {
		return nil, &apiError{http.StatusBadRequest, bitrix24.CodeDocumentType, fmt.Sprintf("Unknown document type %s/%s/%s", text(parts[0]), text(parts[1]), entity)}
	}
	e := s.data.Portal.Entity(entity)
	if e == nil {
		return nil, &apiError{http.StatusBadRequest, bitrix24.CodeDocumentType, "The portal has no document type " + entity}
	}
	return e, nil
}

// stage resolves DOCUMENT_STATUS within the entity.
func stage(e *model.Entity, p params) (string, *apiError) {
	status := p.str("DOCUMENT_STATUS")
	if status == "" {
		return "", argError("Parameter DOCUMENT_STATUS is required")
	}
	if _, _, ok := e.Stage(status); !ok {
		return "", &apiError{http.StatusBadRequest, bitrix24.CodeStageNotFound, fmt.Sprintf("%s has no stage %s", e.ID, status)}
	}
	return status, nil
}

func (s *Server) templateList(p params, _ time.Time) (answer, *apiError) {
	e, aerr := s.documentType(p)
	if aerr != nil {
		return answer{}, aerr
	}
	cat := 0
	if v, ok := get(p.m, "CATEGORY_ID"); ok {
		n, ok := toInt(v, true)
		if !ok {
			return answer{}, argError("CATEGORY_ID must be a number")
		}
		cat = n
	}
	pl := e.Pipeline(cat)
	if pl == nil {
		return answer{}, &apiError{http.StatusBadRequest, bitrix24.CodeNotFound, fmt.Sprintf("%s has no pipeline %d", e.ID, cat)}
	}
	var items []any
	for _, st := range pl.Stages {
		items = append(items, wireTemplate(st.StatusID, s.data.template(stageRef(e.ID, st.StatusID))))
	}
	return page(items, p), nil
}

func (s *Server) templateGet(p params, _ time.Time) (answer, *apiError) {
	e, aerr := s.documentType(p)
	if aerr != nil {
		return answer{}, aerr
	}
	status, aerr := stage(e, p)
	if aerr != nil {
		return answer{}, aerr
	}
	return answer{result: wireTemplate(status, s.data.template(stageRef(e.ID, status)))}, nil
}

func (s *Server) templateSet(p params, _ time.Time) (answer, *apiError) {
	e, aerr := s.documentType(p)
	if aerr != nil {
		return answer{}, aerr
	}
	status, aerr := stage(e, p)
	if aerr != nil {
		return answer{}, aerr
	}
	expected := strings.TrimSpace(p.str("REVISION"))
	if expected == "" {
		return answer{}, argError("Parameter REVISION is required: the revision the change is based on, 0 for a stage never written")
	}
	robots, aerr := robotsParam(p)
	if aerr != nil {
		return answer{}, aerr
	}
	ref := stageRef(e.ID, status)
	current := s.data.template(ref)
	if expected != strconv.Itoa(current.Revision) {
		return answer{}, &apiError{http.StatusBadRequest, bitrix24.CodeRevisionConflict,
			fmt.Sprintf("Template %s is at revision %d, not %s", ref, current.Revision, expected)}
	}
	if current.ExternalModified {
		return answer{}, &apiError{http.StatusBadRequest, bitrix24.CodeExternalModified,
			fmt.Sprintf("Template %s was changed in the business process designer and cannot be replaced", ref)}
	}
	if err := s.data.SetRobots(ref, robots); err != nil {
		return answer{}, argError(err.Error())
	}
	return answer{result: map[string]any{"DOCUMENT_STATUS": status, "REVISION": strconv.Itoa(current.Revision + 1)}}, nil
}

// robotsParam reads ROBOTS byte for byte: a JSON array in a JSON body, or a string holding the
// array (the only faithful form inside a batch command's query string).
func robotsParam(p params) (json.RawMessage, *apiError) {
	const hint = "ROBOTS must be a JSON array (in a batch command, a string holding the array)"
	if raw, ok := rawParam(p, "ROBOTS"); ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			raw = json.RawMessage(s)
		}
		if !isJSONArray(raw) {
			return nil, argError(hint)
		}
		return raw, nil
	}
	v, ok := get(p.m, "ROBOTS")
	if !ok {
		return nil, argError("Parameter ROBOTS is required")
	}
	s, isString := v.(string)
	if !isString || !isJSONArray(json.RawMessage(s)) {
		return nil, argError(hint)
	}
	return json.RawMessage(s), nil
}

// rawParam finds a top-level value of a JSON body, case-insensitively.
func rawParam(p params, key string) (json.RawMessage, bool) {
	if v, ok := p.raw[key]; ok {
		return v, true
	}
	for k, v := range p.raw {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}
