// Package model is RoboDesk's domain: the portal snapshot, stage templates, robots exactly as
// Bitrix24 stores them, the edit commands that are the only way robots change, and validation.
// It is pure Go: no UI, no SQL, no HTTP.
package model

import (
	"strings"
)

// Robot is one entry of a stage template's ROBOTS array, field for field as Bitrix24's robot
// editor writes it. ID and Pos are local bookkeeping and never leave the project.
type Robot struct {
	// ID is the robot's local identity (a UUID); it survives edits, moves and syncs.
	ID string
	// Pos orders robots inside a stage; only the relative order matters.
	Pos float64

	// Name is the activity name, A#####_#####_#####_#####, unique in its template; other robots
	// read its return values as {=<Name>:<Prop>}.
	Name string
	// Type is the activity code, e.g. SocNetMessageActivity, or rest_<md5> for app robots.
	Type string
	// Properties are the activity properties, Title included, as decoded JSON values
	// (string, json.Number, bool, nil, []any, map[string]any).
	Properties Properties
	// Activated is false for a robot switched off in the editor ("Activated":"N").
	Activated bool
	// Delay is when the robot runs; nil means immediately and no Delay key at all.
	Delay *Delay
	// DelayName is the name of the DelayActivity Bitrix24 generates for a delay.
	DelayName string
	// Condition gates the robot; nil means always.
	Condition *Condition
	// ExecuteAfterPrevious chains the robot after the previous one instead of in parallel.
	ExecuteAfterPrevious bool
	// Extra keeps top-level keys this version does not know, verbatim, so nothing is lost.
	Extra map[string][]byte
}

// Properties are a robot's activity properties keyed by their stored names.
type Properties map[string]any

// Title is the robot's title as shown on its card.
func (r *Robot) Title() string {
	s, _ := r.Properties["Title"].(string)
	return s
}

// Delay types.
const (
	DelayAfter  = "after"
	DelayBefore = "before"
	DelayIn     = "in"
)

// Delay bases that are not document fields.
const (
	BasisNow  = "{=System:Now}"
	BasisDate = "{=System:Date}"
)

// Delay is Bitrix24's DelayInterval: when a robot runs relative to a basis.
type Delay struct {
	// Type is after, before or in.
	Type string
	// Value counts ValueType units.
	Value int
	// ValueType is i (minutes), h (hours) or d (days).
	ValueType string
	// Basis is {=System:Now} or a date field expression such as {=Document:CLOSEDATE}.
	Basis string
	// WorkTime counts only working time.
	WorkTime bool
	// WaitWorkDay waits for the responsible's working day.
	WaitWorkDay bool
	// InTime is a time of day [hour, minute]; nil when unset.
	InTime []int
	// Extra keeps keys newer portals add, verbatim.
	Extra map[string][]byte
}

// IsNow reports Bitrix24's "immediately": no DelayActivity is generated for it.
func (d *Delay) IsNow() bool {
	return d == nil || (d.Type == DelayAfter && d.Value == 0 && d.Basis == BasisNow && !d.WorkTime && !d.WaitWorkDay && d.InTime == nil)
}

// BasisField returns the document field ID of a {=Document:FIELD} basis, or "".
func (d *Delay) BasisField() string {
	if d == nil {
		return ""
	}
	b := strings.TrimSpace(d.Basis)
	if !strings.HasPrefix(b, "{=Document:") || !strings.HasSuffix(b, "}") {
		return ""
	}
	return strings.TrimSpace(b[len("{=Document:") : len(b)-1])
}

// Condition is Bitrix24's ConditionGroup: items joined left to right, where OR splits groups and
// AND binds within one, so A AND B OR C means (A and B) or C.
type Condition struct {
	// Type is field or mixed.
	Type  string
	Items []ConditionItem
	// Extra keeps other keys such as activityNames verbatim.
	Extra map[string][]byte
}

// Joiners of condition items.
const (
	JoinAnd = "AND"
	JoinOr  = "OR"
)

// ConditionItem is one comparison; Joiner links it to the next item.
type ConditionItem struct {
	Object   string
	Field    string
	Operator string
	// Value is a string, or a list for in/!in/between.
	Value  any
	Joiner string
}

// Operators lists the condition operators Bitrix24 knows, in its editor's order.
var Operators = []string{"=", "!=", ">", ">=", "<", "<=", "in", "!in", "contain", "!contain", "!empty", "empty", "between"}

// Clone returns a deep copy; edits never share mutable state with the project.
func (r *Robot) Clone() *Robot {
	if r == nil {
		return nil
	}
	c := *r
	c.Properties = cloneValue(map[string]any(r.Properties)).(map[string]any)
	if r.Delay != nil {
		d := *r.Delay
		if d.InTime != nil {
			d.InTime = append([]int(nil), d.InTime...)
		}
		d.Extra = cloneExtra(r.Delay.Extra)
		c.Delay = &d
	}
	if r.Condition != nil {
		cond := *r.Condition
		cond.Items = make([]ConditionItem, len(r.Condition.Items))
		for i, it := range r.Condition.Items {
			it.Value = cloneValue(it.Value)
			cond.Items[i] = it
		}
		cond.Extra = cloneExtra(r.Condition.Extra)
		c.Condition = &cond
	}
	c.Extra = cloneExtra(r.Extra)
	return &c
}

func cloneExtra(m map[string][]byte) map[string][]byte {
	if m == nil {
		return nil
	}
	out := make(map[string][]byte, len(m))
	for k, v := range m {
		out[k] = append([]byte(nil), v...)
	}
	return out
}

func cloneValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = cloneValue(x)
		}
		return out
	case Properties:
		return cloneValue(map[string]any(t))
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = cloneValue(x)
		}
		return out
	case []string:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = x
		}
		return out
	}
	return v
}
