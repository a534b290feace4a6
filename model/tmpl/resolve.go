package tmpl

import (
	"strings"
	"time"

	"robodesk/model/calc"
)

// Reason tells why a placeholder rendered empty or was left as written.
type Reason uint8

// Reasons, from the most to the least likely to be intended.
const (
	EmptyValue    Reason = iota // the value exists but prints as nothing
	NoSample                    // the field is known but has no sample value
	UnknownField                // the object has no such field
	UnknownObject               // no such robot or System value: the portal leaves the text as is
)

var reasonNames = [...]string{"empty value", "no sample value", "unknown field", "unknown object"}

// String describes the reason.
func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "unknown"
}

// lookup finds the value of a reference the way the portal's getRealParameterValue does and
// applies its modifiers. found is false when the portal would leave the reference unreplaced.
func (r *renderer) lookup(ref calc.Ref, inText bool) (v calc.Value, reason Reason, found bool) {
	mods := ref.Mods
	if inText && len(mods) == 0 {
		mods = stringMods
	}
	src := r.src
	obj, field := ref.Object, ref.Field
	var f *Field
	have := false
	reason = EmptyValue
	switch obj {
	case "Document":
		fd, ok := src.Field(obj, field)
		if !ok && len(field) > 10 && strings.EqualFold(field[len(field)-10:], "_PRINTABLE") {
			field = field[:len(field)-10]
			if !containsString(mods, "printable") {
				mods = append(append([]string(nil), mods...), "printable")
			}
			fd, ok = src.Field(obj, field)
		}
		if v, have = src.Sample(obj, field); !have {
			if !ok {
				return calc.String(""), UnknownField, true
			}
			return calc.String(""), NoSample, true
		}
		if !ok {
			return v, EmptyValue, true // a value without metadata is used as it is
		}
		f = &fd
	case "Template", "Variable", "Constant", "GlobalConst", "GlobalVar":
		fd, ok := src.Field(obj, field)
		if !ok && strings.HasSuffix(field, "_printable") {
			field = field[:len(field)-10]
			mods = []string{"printable"}
			fd, ok = src.Field(obj, field)
		}
		if ok {
			f = &fd
		} else {
			reason = UnknownField
		}
		if v, have = src.Sample(obj, field); !have && ok {
			reason = NoSample
		}
	case "Workflow":
		v, f = calc.String(r.ctx.WorkflowID), &Field{Type: TypeString}
	case "User":
		if strings.HasSuffix(field, "_printable") {
			mods = []string{"printable"}
		}
		v, f = calc.Int(0), &Field{Type: TypeUser}
		if r.ctx.CurrentUser > 0 {
			v = calc.String("user_" + itoaInt(r.ctx.CurrentUser))
		}
	case "System":
		if strings.HasSuffix(field, "_printable") {
			field = field[:len(field)-10]
			mods = []string{"printable"}
		}
		now := r.env.CurrentTime()
		f = &Field{Type: TypeDateTime}
		switch strings.ToLower(field) {
		case "now":
			v = calc.DateTime(now)
		case "nowlocal":
			v = calc.DateTime(now.In(r.userZone()))
		case "date":
			y, m, d := now.Date()
			v, f = calc.Date(time.Date(y, m, d, 0, 0, 0, 0, now.Location())), &Field{Type: TypeDate}
		case "eol":
			v, f = calc.String("\n"), &Field{Type: TypeString}
		case "hosturl":
			v, f = calc.String(r.env.Document.HostURL), &Field{Type: TypeString}
		default:
			return calc.Null(), UnknownObject, false
		}
	default: // a robot's return value
		if !src.HasObject(obj) {
			return calc.Null(), UnknownObject, false
		}
		fd, ok := src.Field(obj, field)
		if ok {
			f = &fd
		} else {
			reason = UnknownField
		}
		if v, have = src.Sample(obj, field); !have && ok {
			reason = NoSample
		}
	}
	return r.applyModifiers(f, v, mods), reason, true
}

func (r *renderer) userZone() *time.Location {
	if r.env.Users != nil && r.ctx.CurrentUser > 0 {
		if u, ok := r.env.Users.User(r.ctx.CurrentUser); ok && u.TimeZone != "" {
			if loc, err := time.LoadLocation(u.TimeZone); err == nil {
				return loc
			}
		}
	}
	return r.env.Location()
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// noSource is the Source of a context without one: nothing is known.
type noSource struct{}

// Field, Sample and HasObject of noSource know nothing.
func (noSource) Field(string, string) (Field, bool)       { return Field{}, false }
func (noSource) Sample(string, string) (calc.Value, bool) { return calc.Null(), false }
func (noSource) HasObject(string) bool                    { return false }
