package tmpl

import (
	"strings"

	"robodesk/model/calc"
)

// ReturnRef is a reference to a value an earlier robot returned.
type ReturnRef struct {
	Span     Span
	Robot    string // e.g. "A12345_12345_12345_12345"
	Field    string // e.g. "ChatId"
	Mods     []string
	Friendly bool // written as {{~A…:Prop}}
}

// ReturnRefs lists the robot return-value references of a text, in either form and inside
// calculations too, in order of position.
func ReturnRefs(text string) []ReturnRef {
	var out []ReturnRef
	for i := 0; i+1 < len(text); i++ {
		switch {
		case text[i] == '{' && text[i+1] == '=':
			ref, end, ok := calc.ScanRef(text, i)
			if !ok {
				continue
			}
			if isRobotName(ref.Object) {
				out = append(out, ReturnRef{Span: Span{i, end}, Robot: ref.Object, Field: ref.Field, Mods: ref.Mods})
			}
			i = end - 1
		case strings.HasPrefix(text[i:], "{{~"):
			closeRel := strings.Index(text[i+3:], "}}")
			if closeRel < 0 {
				continue
			}
			end := i + 3 + closeRel + 2
			sys, err := unconvertToken(text[i:end], nil, i)
			if err != nil {
				continue
			}
			ref, _, _ := calc.ScanRef(sys, 0)
			if isRobotName(ref.Object) {
				out = append(out, ReturnRef{Span: Span{i, end}, Robot: ref.Object, Field: ref.Field, Mods: ref.Mods, Friendly: true})
			}
			i = end - 1
		}
	}
	return out
}
