package model

import (
	"fmt"
	"strconv"
	"strings"
)

// PipelineKey names a pipeline: LEAD, DEAL:<categoryId> (General is DEAL:0) or
// DYNAMIC_<typeId>:<categoryId>.
type PipelineKey struct {
	Entity   string
	Category int
}

// String formats the key; leads have a single pipeline and no category part.
func (k PipelineKey) String() string {
	if k.Entity == "LEAD" {
		return "LEAD"
	}
	return k.Entity + ":" + strconv.Itoa(k.Category)
}

// ParsePipelineKey reads LEAD, DEAL:3, DYNAMIC_128:0. A bare DEAL means the General pipeline.
func ParsePipelineKey(s string) (PipelineKey, error) {
	s = strings.TrimSpace(s)
	entity, cat, hasCat := strings.Cut(s, ":")
	entity = strings.ToUpper(entity)
	if !validEntity(entity) {
		return PipelineKey{}, fmt.Errorf("pipeline key %q: entity must be LEAD, DEAL, SMART_INVOICE or DYNAMIC_<typeId>", s)
	}
	k := PipelineKey{Entity: entity}
	if !hasCat {
		return k, nil
	}
	if entity == "LEAD" {
		return PipelineKey{}, fmt.Errorf("pipeline key %q: leads have no pipelines, use LEAD", s)
	}
	n, err := strconv.Atoi(cat)
	if err != nil || n < 0 {
		return PipelineKey{}, fmt.Errorf("pipeline key %q: category %q is not a non-negative number", s, cat)
	}
	k.Category = n
	return k, nil
}

func validEntity(e string) bool {
	switch e {
	case "LEAD", "DEAL", "SMART_INVOICE", "QUOTE":
		return true
	}
	id, ok := strings.CutPrefix(e, "DYNAMIC_")
	if !ok {
		return false
	}
	n, err := strconv.Atoi(id)
	return err == nil && n > 0
}
