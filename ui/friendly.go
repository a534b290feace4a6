package ui

import (
	"robodesk/model"
	"robodesk/model/tmpl"
)

// fieldCatalog indexes an entity's fields by title for the friendly {{Title}} form that text
// fields show; the stored form stays {=Document:FIELD}.
func fieldCatalog(e *model.Entity) *tmpl.Catalog {
	if e == nil {
		return tmpl.NewCatalog(nil)
	}
	fs := make([]tmpl.Field, 0, len(e.Fields))
	for _, f := range e.Fields {
		fs = append(fs, tmpl.Field{Object: "Document", ID: f.ID, Title: f.Title, Type: tmpl.Type(f.Type), Multiple: f.Multiple})
	}
	return tmpl.NewCatalog(fs)
}
