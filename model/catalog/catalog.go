// Package catalog describes every robot type RoboDesk knows: its activity code, titles, category,
// property schema and return values, as Bitrix24's robot editor presents them.
package catalog

import (
	"sort"
	"strings"
)

// Text is a string in the two bundled languages.
type Text struct {
	RU string `json:"ru"`
	EN string `json:"en"`
}

// In returns the text for a language code; anything but "ru" gets English.
func (t Text) In(lang string) string {
	if strings.HasPrefix(lang, "ru") && t.RU != "" {
		return t.RU
	}
	return t.EN
}

// Category groups robots in the "add robot" dialog, as the portal does.
type Category string

// Robot categories of Bitrix24's robot editor.
const (
	Employees Category = "employee"
	Clients   Category = "client"
	Ads       Category = "ads"
	Other     Category = "other"
)

// Categories in the order the editor shows them.
var Categories = []Category{Employees, Clients, Ads, Other}

// Kind is a property's value type; it picks the editor widget and the validation rules.
type Kind string

// Property kinds.
const (
	String   Kind = "string"   // one line, may hold placeholders
	TextKind Kind = "text"     // multi-line text, may hold placeholders
	User     Kind = "user"     // user_<ID>, group_dr<ID> or an expression such as {=Document:ASSIGNED_BY_ID}
	Select   Kind = "select"   // one of Options
	Bool     Kind = "bool"     // "Y" or "N"
	Int      Kind = "int"      // whole number or an expression
	Double   Kind = "double"   // number or an expression
	Date     Kind = "date"     // date or an expression
	DateTime Kind = "datetime" // date and time or an expression
	File     Kind = "file"     // file field expression or disk file IDs
	URL      Kind = "url"      // http(s) address
	Stage    Kind = "stage"    // a STATUS_ID of the document's entity
	Field    Kind = "field"    // a document field ID
	Chat     Kind = "chat"     // a chat ID, usually {=A…:ChatId}
	Fields   Kind = "fields"   // an object of document field values, e.g. a new item's fields
)

// Templated reports kinds whose values are texts with placeholders and calc expressions.
func (k Kind) Templated() bool { return k == String || k == TextKind || k == URL }

// Option is one choice of a select property.
type Option struct {
	Value string `json:"value"`
	Title Text   `json:"title"`
}

// Prop is one property of a robot type.
type Prop struct {
	// Key is the stored property name; a dotted key addresses a nested object (Fields.TITLE).
	Key      string   `json:"key"`
	Title    Text     `json:"title"`
	Kind     Kind     `json:"kind"`
	Required bool     `json:"required,omitempty"`
	Multiple bool     `json:"multiple,omitempty"`
	Options  []Option `json:"options,omitempty"`
	// Default is the value a new robot gets.
	Default any `json:"default,omitempty"`
	// MaxLen limits a text's length in characters after rendering; 0 means no limit.
	MaxLen int `json:"maxLen,omitempty"`
	// Min limits an int property from below; 0 means no limit.
	Min int `json:"min,omitempty"`
	// MinItems is the fewest values a multiple property accepts.
	MinItems int `json:"minItems,omitempty"`
	// Hidden properties are fixed by the robot type and not edited.
	Hidden bool `json:"hidden,omitempty"`
}

// Return is a value a robot hands to later robots as {=<Name>:<Key>}.
type Return struct {
	Key   string `json:"key"`
	Title Text   `json:"title"`
	Kind  Kind   `json:"kind"`
}

// Robot is a robot type of the catalog.
type Robot struct {
	// Type is the activity code stored in the robot's Type.
	Type string `json:"type"`
	// Preset are property values that tell this entry from others of the same Type (SMS to an
	// employee vs to a client) and that a new robot starts with.
	Preset      map[string]string `json:"preset,omitempty"`
	Title       Text              `json:"title"`
	Description Text              `json:"description"`
	Category    Category          `json:"category"`
	Props       []Prop            `json:"props"`
	Returns     []Return          `json:"returns,omitempty"`
	// Responsible is the property that holds the robot's responsible person, if any.
	Responsible string `json:"responsible,omitempty"`
	// ClientFacing robots send something to the client (e-mail, SMS, messenger).
	ClientFacing bool `json:"clientFacing,omitempty"`
	// FirstMessage robots can write to a client who never wrote first (messenger apps).
	FirstMessage bool `json:"firstMessage,omitempty"`
	// App marks a third-party app robot (Type rest_<md5>); it needs the app on the portal.
	App bool `json:"app,omitempty"`
}

// Prop returns the property with the given key.
func (r *Robot) Prop(key string) (Prop, bool) {
	for _, p := range r.Props {
		if p.Key == key {
			return p, true
		}
	}
	return Prop{}, false
}

// All returns every robot type, in category and then catalog order.
func All() []*Robot {
	out := append([]*Robot(nil), robots...)
	rank := map[Category]int{}
	for i, c := range Categories {
		rank[c] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Category] < rank[out[j].Category] })
	return out
}

// Lookup finds the catalog entry for a robot's Type and properties; nil for unknown types,
// which RoboDesk keeps and shows but can't check.
func Lookup(typ string, props map[string]any) *Robot {
	var fallback *Robot
	for _, r := range robots {
		if r.Type != typ {
			continue
		}
		if len(r.Preset) == 0 {
			fallback = r
			continue
		}
		match := true
		for k, v := range r.Preset {
			if s, _ := props[k].(string); s != v {
				match = false
				break
			}
		}
		if match {
			return r
		}
		if fallback == nil {
			fallback = r
		}
	}
	return fallback
}

// NewProperties returns the properties a new robot of this type starts with: its title,
// presets and defaults.
func (r *Robot) NewProperties(lang string) map[string]any {
	props := map[string]any{"Title": r.Title.In(lang)}
	for k, v := range r.Preset {
		props[k] = v
	}
	for _, p := range r.Props {
		if p.Default == nil {
			continue
		}
		SetPath(props, p.Key, cloneDefault(p.Default))
	}
	return props
}

func cloneDefault(v any) any {
	if a, ok := v.([]any); ok {
		return append([]any(nil), a...)
	}
	return v
}

// GetPath reads a dotted key from properties.
func GetPath(props map[string]any, key string) (any, bool) {
	head, rest, nested := strings.Cut(key, ".")
	v, ok := props[head]
	if !ok || !nested {
		return v, ok
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		return nil, false
	}
	return GetPath(m, rest)
}

// SetPath writes a dotted key into properties, creating nested objects as needed.
func SetPath(props map[string]any, key string, v any) {
	head, rest, nested := strings.Cut(key, ".")
	if !nested {
		props[head] = v
		return
	}
	m, ok := props[head].(map[string]any)
	if !ok {
		m = map[string]any{}
		props[head] = m
	}
	SetPath(m, rest, v)
}
