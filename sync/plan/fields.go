package plan

import (
	"encoding/json"
	"sort"
	"strings"

	"robodesk/model"
)

// FieldDiff is one field of a robot that differs between two versions: its path
// ("Properties.MessageText", "Delay.value", "Condition", "Activated", "ExecuteAfterPrevious")
// and both values as compact JSON. An empty value means the field is absent in that version.
type FieldDiff struct {
	Path string `json:"path"`
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
}

// String reads `Properties.Title: "old" → "new"`, with "(none)" for an absent value.
func (f FieldDiff) String() string {
	show := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return s
	}
	return f.Path + ": " + show(f.Old) + " → " + show(f.New)
}

// Fields lists what differs between two versions of a robot, field by field: each property,
// each key of the delay, the condition as a whole, the activity type, the on/off switch and the
// chain flag. A robot that is absent compares as having no fields at all.
func Fields(a, b *model.Robot) []FieldDiff {
	fa, fb := flatten(a), flatten(b)
	paths := map[string]bool{}
	for p := range fa {
		paths[p] = true
	}
	for p := range fb {
		paths[p] = true
	}
	var out []FieldDiff
	for p := range paths {
		if fa[p] != fb[p] {
			out = append(out, FieldDiff{Path: p, Old: fa[p], New: fb[p]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return fieldLess(out[i].Path, out[j].Path) })
	return out
}

// fieldRank orders the paths as the robot editor shows them: what the robot is, its
// properties (title first), when it runs, under which condition, how it chains.
func fieldRank(p string) int {
	switch {
	case p == "Type":
		return 0
	case p == "Activated":
		return 1
	case p == "Properties.Title":
		return 2
	case strings.HasPrefix(p, "Properties."):
		return 3
	case strings.HasPrefix(p, "Delay"):
		return 4
	case p == "Condition":
		return 5
	case p == "ExecuteAfterPrevious":
		return 6
	}
	return 7
}

func fieldLess(a, b string) bool {
	if ra, rb := fieldRank(a), fieldRank(b); ra != rb {
		return ra < rb
	}
	return a < b
}

// flatten turns a robot into path → compact JSON value.
func flatten(r *model.Robot) map[string]string {
	out := map[string]string{}
	if r == nil {
		return out
	}
	val := func(v any) string {
		b, err := model.MarshalValue(v)
		if err != nil {
			return "?"
		}
		return string(b)
	}
	out["Type"] = val(r.Type)
	out["Activated"] = val(yn(r.Activated))
	out["ExecuteAfterPrevious"] = val(r.ExecuteAfterPrevious)
	for k, v := range r.Properties {
		out["Properties."+k] = val(v)
	}
	if r.Delay != nil {
		if b, err := r.Delay.MarshalJSON(); err == nil {
			var m map[string]json.RawMessage
			if json.Unmarshal(b, &m) == nil {
				for k, v := range m {
					out["Delay."+k] = compact(v)
				}
			}
		}
	}
	if r.DelayName != "" {
		out["DelayName"] = val(r.DelayName)
	}
	if r.Condition != nil {
		if b, err := r.Condition.MarshalJSON(); err == nil {
			out["Condition"] = compact(b)
		}
	}
	for k, v := range r.Extra {
		out[k] = compact(v)
	}
	return out
}

func compact(raw []byte) string {
	var b strings.Builder
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return string(raw)
	}
	enc, err := model.MarshalValue(v)
	if err != nil {
		return string(raw)
	}
	b.Write(enc)
	return b.String()
}

func yn(on bool) string {
	if on {
		return "Y"
	}
	return "N"
}
