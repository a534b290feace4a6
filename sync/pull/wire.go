package pull

import (
	"bytes"
	"encoding/json"

	"robodesk/sync/bitrix24"
)

// Records as the portal sends them. The flexible bitrix24 scalars absorb the portal's habit of
// sending numbers as strings and flags as "Y"/"N".

type typeWire struct {
	ID                  bitrix24.Int    `json:"id"`
	Title               bitrix24.String `json:"title"`
	EntityTypeID        bitrix24.Int    `json:"entityTypeId"`
	IsAutomationEnabled *bitrix24.Bool  `json:"isAutomationEnabled"`
}

type categoryWire struct {
	ID        bitrix24.Int    `json:"id"`
	Name      bitrix24.String `json:"name"`
	Sort      bitrix24.Int    `json:"sort"`
	IsDefault bitrix24.Bool   `json:"isDefault"`
}

type statusWire struct {
	StatusID  bitrix24.String `json:"STATUS_ID"`
	Name      bitrix24.String `json:"NAME"`
	Sort      bitrix24.Int    `json:"SORT"`
	Color     bitrix24.String `json:"COLOR"`
	Semantics bitrix24.String `json:"SEMANTICS"`
	Extra     struct {
		Semantics bitrix24.String `json:"SEMANTICS"`
		Color     bitrix24.String `json:"COLOR"`
	} `json:"EXTRA"`
}

type fieldWire struct {
	Type        bitrix24.String `json:"type"`
	IsRequired  bitrix24.Bool   `json:"isRequired"`
	IsMultiple  bitrix24.Bool   `json:"isMultiple"`
	Title       bitrix24.String `json:"title"`
	UpperName   bitrix24.String `json:"upperName"`
	StatusType  bitrix24.String `json:"statusType"`
	ListLabel   bitrix24.String `json:"listLabel"`
	FormLabel   bitrix24.String `json:"formLabel"`
	FilterLabel bitrix24.String `json:"filterLabel"`
	Items       []struct {
		ID    bitrix24.String `json:"ID"`
		Value bitrix24.String `json:"VALUE"`
	} `json:"items"`
}

type ownerTypeWire struct {
	ID         bitrix24.Int    `json:"ID"`
	Name       bitrix24.String `json:"NAME"`
	SymbolCode bitrix24.String `json:"SYMBOL_CODE"`
}

type userWire struct {
	ID            bitrix24.Int    `json:"ID"`
	Active        bitrix24.Bool   `json:"ACTIVE"`
	Name          bitrix24.String `json:"NAME"`
	LastName      bitrix24.String `json:"LAST_NAME"`
	Email         bitrix24.String `json:"EMAIL"`
	Mobile        bitrix24.String `json:"PERSONAL_MOBILE"`
	WorkPhone     bitrix24.String `json:"WORK_PHONE"`
	PersonalPhone bitrix24.String `json:"PERSONAL_PHONE"`
	Position      bitrix24.String `json:"WORK_POSITION"`
	Departments   intList         `json:"UF_DEPARTMENT"`
	TimeZone      bitrix24.String `json:"TIME_ZONE"`
}

type departmentWire struct {
	ID     bitrix24.Int    `json:"ID"`
	Name   bitrix24.String `json:"NAME"`
	Parent bitrix24.Int    `json:"PARENT"`
	Head   bitrix24.Int    `json:"UF_HEAD"`
}

// intList is a list of IDs that some portals send as a single value, or as false when empty.
type intList []int

// UnmarshalJSON accepts [1,2], ["1"], 1, "1", false and null.
func (l *intList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null" || string(b) == "false" || string(b) == `""`:
		*l = nil
		return nil
	case b[0] == '[':
		var items []bitrix24.Int
		if err := json.Unmarshal(b, &items); err != nil {
			return err
		}
		out := make([]int, 0, len(items))
		for _, n := range items {
			if n != 0 {
				out = append(out, int(n))
			}
		}
		*l = out
		return nil
	}
	var n bitrix24.Int
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*l = intList{int(n)}
	return nil
}
