package preview

import (
	"sort"
	"strings"

	"robodesk/model"
	"robodesk/model/catalog"
)

// technical are text properties that hold settings rather than words for a person (the SMS
// provider, the messenger line, ad account IDs); they are shown only when they hold a template.
var technical = map[string]bool{
	"ProviderId": true, "MessageFrom": true, "EmailType": true, "PhoneType": true, "line": true,
	"clientId": true, "accountId": true, "audienceId": true, "audiencePhoneId": true, "audienceEmailId": true,
	"Tags": true,
}

// HasTemplate tells whether a text holds a placeholder or a calculation.
func HasTemplate(s string) bool {
	return strings.Contains(s, "{=") || strings.Contains(s, "{{") || strings.HasPrefix(strings.TrimSpace(s), "=")
}

// textProp is one text of a robot to render.
type textProp struct {
	path  string
	text  string
	prop  *catalog.Prop
	order int
}

// textProps lists the texts of a robot worth previewing, in the catalog's order: every templated
// property (nested keys such as MessageFields.MessageText and Fields.TITLE included, each item of
// a list on its own), dates and numbers computed by a template, and for a robot type the catalog
// does not know, or keys it does not describe, every string that holds a template.
func textProps(r *model.Robot) []textProp {
	entry := catalog.Lookup(r.Type, r.Properties)
	var out []textProp
	r.Texts(func(path, text string) {
		if path == "Title" {
			return
		}
		prop, order := propOf(entry, path)
		if !wanted(prop, path, text) {
			return
		}
		out = append(out, textProp{path: path, text: text, prop: prop, order: order})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].order != out[j].order {
			return out[i].order < out[j].order
		}
		return out[i].path < out[j].path
	})
	return out
}

// propOf finds the catalog property a path belongs to: the key itself, an item of it
// ("Members[1]") or a member of an object-valued one ("DynamicEntitiesFields.2_TITLE").
func propOf(entry *catalog.Robot, path string) (*catalog.Prop, int) {
	if entry == nil {
		return nil, 1 << 20
	}
	for i := range entry.Props {
		p := &entry.Props[i]
		if path == p.Key || strings.HasPrefix(path, p.Key+"[") || strings.HasPrefix(path, p.Key+".") {
			return p, i
		}
	}
	return nil, 1 << 20
}

func wanted(prop *catalog.Prop, path, text string) bool {
	if strings.TrimSpace(text) == "" {
		return false
	}
	if prop == nil {
		return HasTemplate(text)
	}
	if prop.Hidden {
		return false
	}
	switch {
	case prop.Kind == catalog.TextKind:
		return true
	case prop.Kind.Templated():
		return HasTemplate(text) || !technical[prop.Key]
	case prop.Kind == catalog.Date || prop.Kind == catalog.DateTime || prop.Kind == catalog.Int ||
		prop.Kind == catalog.Double || prop.Kind == catalog.Fields:
		return HasTemplate(text)
	}
	return false
}
