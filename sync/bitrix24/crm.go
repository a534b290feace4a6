package bitrix24

import (
	"strconv"
	"strings"
)

// CRM's numeric entity type IDs (entityTypeId) for the types that carry robots.
const (
	EntityTypeLead         = 1
	EntityTypeDeal         = 2
	EntityTypeQuote        = 7
	EntityTypeSmartInvoice = 31
)

// EntityCode is the document type code of a CRM entity type: 1 → LEAD, 2 → DEAL,
// 31 → SMART_INVOICE, a smart process's entityTypeId → DYNAMIC_<id>.
func EntityCode(typeID int) string {
	switch typeID {
	case EntityTypeLead:
		return "LEAD"
	case EntityTypeDeal:
		return "DEAL"
	case EntityTypeQuote:
		return "QUOTE"
	case EntityTypeSmartInvoice:
		return "SMART_INVOICE"
	}
	return "DYNAMIC_" + strconv.Itoa(typeID)
}

// EntityTypeID is the inverse of EntityCode; false for a code it does not know.
func EntityTypeID(code string) (int, bool) {
	switch code {
	case "LEAD":
		return EntityTypeLead, true
	case "DEAL":
		return EntityTypeDeal, true
	case "QUOTE":
		return EntityTypeQuote, true
	case "SMART_INVOICE":
		return EntityTypeSmartInvoice, true
	}
	if id, ok := strings.CutPrefix(code, "DYNAMIC_"); ok {
		if n, err := strconv.Atoi(id); err == nil && n > 0 {
			return n, true
		}
	}
	return 0, false
}

// StageEntityID is the ENTITY_ID of the status directory (crm.status.list) holding the stages of
// a pipeline: STATUS for leads, DEAL_STAGE for the general deal pipeline and DEAL_STAGE_<n> for
// the others, QUOTE_STATUS, SMART_INVOICE_STAGE_<n>, DYNAMIC_<type>_STAGE_<n>.
func StageEntityID(entity string, category int) string {
	switch {
	case entity == "LEAD":
		return "STATUS"
	case entity == "QUOTE":
		return "QUOTE_STATUS"
	case entity == "DEAL" && category == 0:
		return "DEAL_STAGE"
	}
	return entity + "_STAGE_" + strconv.Itoa(category)
}
