package tmpl

import "robodesk/model/calc"

// Type is a field's base type as the portal's document service names it.
type Type string

// The types a rendered value may have. Money is the CRM "amount|CURRENCY" type; a double field
// with a Currency set is rendered as money too.
const (
	TypeString   Type = "string"
	TypeText     Type = "text"
	TypeInt      Type = "int"
	TypeDouble   Type = "double"
	TypeBool     Type = "bool"
	TypeDate     Type = "date"
	TypeDateTime Type = "datetime"
	TypeSelect   Type = "select"
	TypeUser     Type = "user"
	TypeMoney    Type = "money"
	TypeFile     Type = "file"
)

// typeNames are the modifiers that convert rather than format (the portal's types map).
var typeNames = map[string]bool{
	"string": true, "text": true, "int": true, "double": true, "bool": true, "date": true,
	"datetime": true, "select": true, "user": true, "file": true,
}

// Option is one choice of a select field.
type Option struct {
	Value string
	Title string
}

// Field is what a placeholder may refer to: a document field, a template parameter, variable or
// constant, a global constant or variable, or a return value of a robot (Object is then the
// robot's name, e.g. "A12345_12345_12345_12345").
type Field struct {
	Object   string // "Document" when empty
	ID       string
	Title    string
	Type     Type
	Multiple bool
	Options  []Option
	// Currency is the currency of a money or double field whose values are bare numbers.
	Currency string
	// Group is the visibility name of a global constant or variable; its friendly form is
	// {{Group: Title}}.
	Group string
}

// ObjectName is the field's object with the "Document" default applied.
func (f Field) ObjectName() string {
	if f.Object == "" {
		return "Document"
	}
	return f.Object
}

// Source supplies field metadata and sample values. A robot designer has no real document, so
// samples stand in for the values (including return values of earlier robots).
type Source interface {
	// Field describes object:id; ok is false for an unknown field.
	Field(object, id string) (Field, bool)
	// Sample is the value used for object:id; ok is false when there is none.
	Sample(object, id string) (calc.Value, bool)
	// HasObject tells whether a robot with this name runs before the text (other objects, such
	// as Document, are always known).
	HasObject(object string) bool
}

type fieldKey struct{ object, id string }

// MapSource is a Source held in maps.
type MapSource struct {
	fields  map[fieldKey]Field
	samples map[fieldKey]calc.Value
	objects map[string]bool
	order   []Field
}

// NewSource makes a MapSource with the given fields and no samples.
func NewSource(fields ...Field) *MapSource {
	s := &MapSource{fields: map[fieldKey]Field{}, samples: map[fieldKey]calc.Value{}, objects: map[string]bool{}}
	for _, f := range fields {
		s.AddField(f)
	}
	return s
}

// AddField adds or replaces a field; a field of a robot also makes the robot known.
func (s *MapSource) AddField(f Field) {
	f.Object = f.ObjectName()
	k := fieldKey{f.Object, f.ID}
	if _, dup := s.fields[k]; !dup {
		s.order = append(s.order, f)
	} else {
		for i := range s.order {
			if s.order[i].Object == f.Object && s.order[i].ID == f.ID {
				s.order[i] = f
			}
		}
	}
	s.fields[k] = f
	s.objects[f.Object] = true
}

// SetSample sets the value used for object:id.
func (s *MapSource) SetSample(object, id string, v calc.Value) {
	s.samples[fieldKey{object, id}] = v
	s.objects[object] = true
}

// AddObject makes a robot known even before it declares any field.
func (s *MapSource) AddObject(object string) { s.objects[object] = true }

// Field implements Source.
func (s *MapSource) Field(object, id string) (Field, bool) {
	f, ok := s.fields[fieldKey{object, id}]
	return f, ok
}

// Sample implements Source.
func (s *MapSource) Sample(object, id string) (calc.Value, bool) {
	v, ok := s.samples[fieldKey{object, id}]
	return v, ok
}

// HasObject implements Source.
func (s *MapSource) HasObject(object string) bool { return s.objects[object] }

// Fields lists the fields in the order they were added.
func (s *MapSource) Fields() []Field { return s.order }

// Catalog builds the title catalog of the source's fields for the friendly form.
func (s *MapSource) Catalog() *Catalog { return NewCatalog(s.order) }
