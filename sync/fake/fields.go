package fake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"time"
	"unicode"

	"robodesk/model"
	"robodesk/sync/bitrix24"
)

// fieldDesc is a field as crm.*.fields describe it.
type fieldDesc struct {
	Type        string     `json:"type"`
	IsRequired  bool       `json:"isRequired"`
	IsReadOnly  bool       `json:"isReadOnly"`
	IsImmutable bool       `json:"isImmutable"`
	IsMultiple  bool       `json:"isMultiple"`
	IsDynamic   bool       `json:"isDynamic"`
	Title       string     `json:"title"`
	UpperName   string     `json:"upperName,omitempty"`
	StatusType  string     `json:"statusType,omitempty"`
	Items       []itemDesc `json:"items,omitempty"`
	ListLabel   string     `json:"listLabel,omitempty"`
	FormLabel   string     `json:"formLabel,omitempty"`
	FilterLabel string     `json:"filterLabel,omitempty"`
}

// itemDesc is one value of an enumeration field.
type itemDesc struct {
	ID    string `json:"ID"`
	Value string `json:"VALUE"`
}

// ordered is a JSON object that keeps its keys in order; the portal lists fields in a fixed
// order and so must the emulator, or every pull would reorder them.
type ordered []kv

type kv struct {
	key string
	val any
}

// MarshalJSON writes the members in order.
func (o ordered) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(kv.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(kv.val)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func isUserField(id string) bool { return strings.HasPrefix(id, "UF_") }

// directoryOf names the status directory behind a system select field: SOURCE_ID → SOURCE.
func directoryOf(fieldID string) string {
	if d := strings.TrimSuffix(fieldID, "_ID"); d != "" {
		return d
	}
	return fieldID
}

// describe renders a model field in the REST vocabulary. legacy selects crm.lead/deal.fields,
// which spell flags as char and label user fields in listLabel/formLabel, leaving title as the
// code.
func describe(e *model.Entity, f model.Field, legacy bool) fieldDesc {
	d := fieldDesc{Type: f.Type, IsRequired: f.Required, IsMultiple: f.Multiple, IsDynamic: isUserField(f.ID), Title: f.Title}
	switch f.Type {
	case "int":
		d.Type = "integer"
	case "bool":
		d.Type = "boolean"
		if legacy && !d.IsDynamic {
			d.Type = "char"
		}
	case "select":
		if d.IsDynamic {
			d.Type = "enumeration"
			for _, o := range f.Options {
				d.Items = append(d.Items, itemDesc{ID: o.ID, Value: o.Title})
			}
		} else {
			d.Type = "crm_status"
			d.StatusType = directoryOf(f.ID)
		}
	case "phone", "email":
		d.Type = "crm_multifield"
	case "stage":
		d.Type = "crm_status"
		cat := 0
		if len(e.Pipelines) > 0 {
			cat = e.Pipelines[0].ID
		}
		d.StatusType = bitrix24.StageEntityID(e.ID, cat)
	}
	if legacy && d.IsDynamic {
		d.ListLabel, d.FormLabel, d.FilterLabel = f.Title, f.Title, f.Title
		d.Title = f.ID
	}
	return d
}

func (s *Server) legacyFields(entity string) (answer, *apiError) {
	e := s.data.Portal.Entity(entity)
	out := ordered{}
	if e != nil {
		for _, f := range e.Fields {
			out = append(out, kv{f.ID, describe(e, f, true)})
		}
	}
	return answer{result: out}, nil
}

func (s *Server) itemFields(p params, _ time.Time) (answer, *apiError) {
	id, ok := p.int("entityTypeId")
	if !ok {
		return answer{}, argError("Parameter entityTypeId is required")
	}
	e := s.entityByType(id)
	if e == nil {
		return answer{}, &apiError{http.StatusBadRequest, bitrix24.CodeNotFound, "Smart process not found"}
	}
	original := truthy(p.str("useOriginalUfNames"))
	out := ordered{}
	for _, f := range e.Fields {
		d := describe(e, f, false)
		d.UpperName = f.ID
		key := camel(f.ID)
		if original && isUserField(f.ID) {
			key = f.ID
		}
		out = append(out, kv{key, d})
	}
	return answer{result: map[string]any{"fields": out}}, nil
}

// camel spells a field code the way crm.item.fields does: ASSIGNED_BY_ID → assignedById,
// UF_CRM_5_1639 → ufCrm5_1639.
func camel(code string) string {
	var b strings.Builder
	prevDigits := false
	for i, part := range strings.Split(strings.ToLower(code), "_") {
		if part == "" {
			continue
		}
		digits := strings.IndexFunc(part, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
		switch {
		case i == 0:
			b.WriteString(part)
		case digits && prevDigits:
			b.WriteString("_" + part)
		default:
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
		prevDigits = digits
	}
	return b.String()
}
