package model

import (
	"regexp"
	"sort"
	"strings"
)

// placeholder is Bitrix24's ValueSinglePattern: {=Object:Field > mod1, mod2}.
var placeholder = regexp.MustCompile(`(?i)\{=\s*([a-z0-9_]+)\s*:\s*([a-z0-9_.]+)(?:\s*>\s*[a-z0-9_:]+(?:\s*,\s*[a-z0-9_]+)?)?\s*\}`)

// activityName matches names Bitrix24 gives activities, which is how a placeholder's object is
// told to be another robot's return value.
var activityName = regexp.MustCompile(`^A\d+_\d+_\d+_\d+$`)

// Placeholder is one {=Object:Field} occurrence in a text.
type Placeholder struct {
	Object, Field string
	// Start and End are byte offsets of the whole placeholder in the text.
	Start, End int
}

// IsReturnValue reports a reference to another robot's return value, {=A…:ChatId}.
func (ph Placeholder) IsReturnValue() bool { return activityName.MatchString(ph.Object) }

// Placeholders lists the placeholders of a text in order.
func Placeholders(text string) []Placeholder {
	if !strings.Contains(text, "{=") {
		return nil
	}
	var out []Placeholder
	for _, m := range placeholder.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, Placeholder{Object: text[m[2]:m[3]], Field: text[m[4]:m[5]], Start: m[0], End: m[1]})
	}
	return out
}

// Texts calls f with every string inside a robot's properties, with its property path.
func (r *Robot) Texts(f func(path, text string)) {
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch t := v.(type) {
		case string:
			f(path, t)
		case map[string]any:
			for _, k := range sortedKeys(t) {
				walk(JoinPath(path, k), t[k])
			}
		case []any:
			for i, x := range t {
				walk(IndexPath(path, i), x)
			}
		}
	}
	for _, k := range sortedKeys(r.Properties) {
		walk(k, r.Properties[k])
	}
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
