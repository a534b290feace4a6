package sample

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"robodesk/model"
)

// CheckValue tells whether a value fits a field of the entity, for a form that edits a sample:
// numbers for numeric fields, dates (absolute or relative, see ParseTime) for date fields, an
// option of a select field, a stage of the entity, a user of the portal, Y or N for a yes/no
// field, and one value only for a field that is not multiple. Empty values always fit, so a
// sample can leave a field blank on purpose. The error names the field.
func CheckValue(p *model.Portal, e *model.Entity, f model.Field, v Value) error {
	if len(v) > 1 && !f.Multiple {
		return fieldErr(f, "takes one value, not %d", len(v))
	}
	for _, s := range v {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if err := checkOne(p, e, f, s); err != nil {
			return err
		}
	}
	return nil
}

func checkOne(p *model.Portal, e *model.Entity, f model.Field, s string) error {
	switch f.Type {
	case "int", "integer":
		if _, err := strconv.Atoi(s); err != nil {
			return fieldErr(f, "%q is not a whole number", s)
		}
	case "double", "float", "money":
		amount, _, _ := strings.Cut(s, "|")
		if _, err := strconv.ParseFloat(strings.ReplaceAll(amount, " ", ""), 64); err != nil {
			return fieldErr(f, "%q is not a number", s)
		}
	case "bool", "boolean", "char":
		if s != "Y" && s != "N" {
			return fieldErr(f, "%q is not Y or N", s)
		}
	case "date", "datetime":
		if _, _, ok := ParseTime(s, time.Now()); !ok {
			return fieldErr(f, "%q is not a date: write 2024-03-05, 05.03.2024, 2024-03-05 15:30 or +3d, today, now", s)
		}
	case "select", "enumeration":
		if len(f.Options) == 0 {
			return nil
		}
		for _, o := range f.Options {
			if o.ID == s {
				return nil
			}
		}
		return fieldErr(f, "%q is not one of its options", s)
	case "stage", "status":
		if e == nil {
			return nil
		}
		if _, _, ok := e.Stage(s); !ok {
			return fieldErr(f, "%q is not a stage of %s", s, e.ID)
		}
	case "user", "employee":
		if p == nil || len(p.Users) == 0 {
			return nil
		}
		id, err := strconv.Atoi(strings.TrimPrefix(s, "user_"))
		if _, ok := p.User(id); err != nil || !ok {
			return fieldErr(f, "%q is not a user of the portal", s)
		}
	}
	return nil
}

func fieldErr(f model.Field, format string, args ...any) error {
	return fmt.Errorf("«%s» (%s): %s", f.Title, f.ID, fmt.Sprintf(format, args...))
}

// Check checks every value of the record against the entity's fields; values of fields the
// entity does not have are reported too, since no robot can read them.
func (r Record) Check(p *model.Portal, e *model.Entity) []error {
	var errs []error
	for _, id := range r.Fields() {
		if e == nil {
			break
		}
		f, ok := e.Field(id)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: %s has no such field", id, e.ID))
			continue
		}
		if err := CheckValue(p, e, f, r[id]); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
