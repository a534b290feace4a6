package pull

import (
	"strings"

	"robodesk/model"
)

// fieldFrom maps a crm.*.fields description to a model field. key is the object key; the
// field's ID is its upper-case code, which is what robots write ({=Document:UF_CRM_…}).
func fieldFrom(key string, w fieldWire) model.Field {
	id := string(w.UpperName)
	if id == "" {
		id = key
	}
	f := model.Field{ID: id, Title: fieldTitle(id, w), Type: fieldType(id, w), Required: bool(w.IsRequired), Multiple: bool(w.IsMultiple)}
	for _, it := range w.Items {
		f.Options = append(f.Options, model.Option{ID: string(it.ID), Title: string(it.Value)})
	}
	return f
}

// fieldTitle prefers the labels of user fields: crm.deal.fields leaves their title as the code.
func fieldTitle(id string, w fieldWire) string {
	title := string(w.Title)
	if title != "" && title != id {
		return title
	}
	for _, l := range []string{string(w.FormLabel), string(w.ListLabel), string(w.FilterLabel)} {
		if l != "" {
			return l
		}
	}
	if title != "" {
		return title
	}
	return id
}

// fieldType maps CRM REST field types to the bizproc types robots use.
func fieldType(id string, w fieldWire) string {
	t := strings.ToLower(string(w.Type))
	switch t {
	case "integer":
		return "int"
	case "char", "boolean":
		return "bool"
	case "employee":
		return "user"
	case "enumeration", "crm_currency", "crm_category":
		return "select"
	case "crm_status":
		if isStageDirectory(string(w.StatusType)) {
			return "stage"
		}
		switch id {
		case "STAGE_ID", "STATUS_ID", "PREVIOUS_STAGE_ID":
			return "stage"
		}
		return "select"
	case "crm_multifield":
		switch {
		case strings.Contains(id, "PHONE"):
			return "phone"
		case strings.Contains(id, "EMAIL"):
			return "email"
		case strings.Contains(id, "WEB"):
			return "url"
		}
		return "string"
	case "crm", "crm_entity", "crm_lead", "crm_deal", "crm_contact", "crm_company", "crm_quote":
		return "crm"
	case "location", "address", "iblock_element", "iblock_section", "resourcebooking", "product_property":
		return "string"
	case "":
		return "string"
	}
	return t
}

// isStageDirectory tells stage directories (STATUS, DEAL_STAGE_3, DYNAMIC_128_STAGE_5, …) from
// value lists such as SOURCE.
func isStageDirectory(entityID string) bool {
	return entityID == "STATUS" || entityID == "QUOTE_STATUS" || strings.Contains(entityID, "_STAGE")
}

// stageFrom maps a crm.status.list record to a stage.
func stageFrom(w statusWire) model.Stage {
	s := model.Stage{StatusID: string(w.StatusID), Name: string(w.Name), Sort: int(w.Sort), Color: string(w.Color)}
	if s.Color == "" {
		s.Color = string(w.Extra.Color)
	}
	switch {
	case w.Semantics == "S" || w.Semantics == "F":
		s.Semantics = string(w.Semantics)
	case w.Extra.Semantics == "success":
		s.Semantics = model.SemanticsSuccess
	case w.Extra.Semantics == "failure" || w.Extra.Semantics == "apology":
		s.Semantics = model.SemanticsFailure
	default:
		s.Semantics = model.SemanticsProcess
	}
	return s
}
