package model

import (
	"regexp"
	"sort"
	"strings"

	"robodesk/model/calc"
)

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

// Placeholders lists the placeholders of a text in order, read with the calculator's scanner
// of Bitrix24's pattern {=Object:Field > mod1, mod2}.
func Placeholders(text string) []Placeholder {
	var out []Placeholder
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "{=")
		if j < 0 {
			break
		}
		i += j
		ref, end, ok := calc.ScanRef(text, i)
		if !ok {
			i += 2
			continue
		}
		out = append(out, Placeholder{Object: ref.Object, Field: ref.Field, Start: i, End: end})
		i = end
	}
	return out
}

// StripPlaceholders removes every placeholder from a text, leaving what is written literally.
func StripPlaceholders(text string) string {
	phs := Placeholders(text)
	if len(phs) == 0 {
		return text
	}
	var b strings.Builder
	at := 0
	for _, ph := range phs {
		b.WriteString(text[at:ph.Start])
		at = ph.End
	}
	b.WriteString(text[at:])
	return b.String()
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
