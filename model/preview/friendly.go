package preview

import (
	"fmt"

	"robodesk/model"
	"robodesk/model/tmpl"
)

// Catalog is the entity's field titles for the friendly form; an unknown entity gives an empty
// catalog, under which texts stay as stored.
func Catalog(p *model.Portal, entity string) *tmpl.Catalog {
	var fields []tmpl.Field
	if p != nil {
		if e := p.Entity(entity); e != nil {
			for _, f := range e.Fields {
				fields = append(fields, tmpl.Field{Object: "Document", ID: f.ID, Title: f.Title, Type: tmplType(f.Type), Multiple: f.Multiple})
			}
		}
	}
	return tmpl.NewCatalog(fields)
}

// Friendly shows a stored text the way the robot designer does: {=Document:TITLE} becomes
// {{Название сделки}} and {=A…:ChatId} becomes {{~A…:ChatId}}. References whose title is
// unknown or shared by two fields stay as stored.
func Friendly(p *model.Portal, entity, text string) string {
	return tmpl.ToFriendly(text, Catalog(p, entity))
}

// System turns a friendly text back into the stored form, as the portal does on saving. Every
// unknown or ambiguous title is reported (the error names it and its position) and left as
// written.
func System(p *model.Portal, entity, text string) (string, error) {
	out, err := tmpl.ToSystem(text, Catalog(p, entity))
	if err != nil {
		return out, fmt.Errorf("%s text: %w", entity, err)
	}
	return out, nil
}
