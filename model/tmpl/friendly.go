package tmpl

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"robodesk/model/calc"
)

// ConvertError is a friendly expression that cannot be turned into a stored one.
type ConvertError struct {
	// Title is the field title (or the "~…" reference) as written; Span is the whole {{…}}.
	Title string
	Span  Span
	// Candidates are the "Object:ID" of the fields an ambiguous title matches.
	Candidates []string
	Reason     string
}

// Error names the title and where it is.
func (e *ConvertError) Error() string {
	s := fmt.Sprintf("%s %q at byte %d", e.Reason, e.Title, e.Span.Start)
	if len(e.Candidates) > 0 {
		s += ": " + strings.Join(e.Candidates, ", ")
	}
	return s
}

// The reasons a ConvertError gives.
const (
	reasonUnknown   = "unknown field title"
	reasonAmbiguous = "ambiguous field title"
	reasonBadRef    = "invalid return value reference"
	reasonBadMods   = "invalid modifiers for field title"
)

// edit records one replacement: the bytes at from in the input became the bytes at to.
type edit struct{ from, to Span }

// isRobotName is the portal's test for an activity name (^A[_0-9]+$) that gets the {{~…}} form.
func isRobotName(s string) bool {
	if len(s) < 2 || s[0] != 'A' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] != '_' && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// modsText is the modifier part of a reference as written ("user, printable"), "" if none.
func modsText(ref calc.Ref) string {
	if len(ref.Mods) == 0 {
		return ""
	}
	i := strings.IndexByte(ref.Text, '>')
	return strings.TrimSpace(strings.TrimSuffix(ref.Text[i+1:], "}"))
}

// systemForm is the canonical stored form of a reference: {=Object:Field} or
// {=Object:Field > mods}.
func systemForm(object, field, mods string) string {
	if mods == "" {
		return "{=" + object + ":" + field + "}"
	}
	return "{=" + object + ":" + field + " > " + mods + "}"
}

// ToFriendly shows a stored text the way the robot designer does: document fields and global
// constants and variables by title ({{Title}}, {{Title > printable}}, {{Group: Title}}) and
// robot return values as {{~A…:Prop}}. A reference is left as it is when its field is unknown,
// its title is shared by another field, or the friendly form would not read back to the same
// reference; so ToSystem(ToFriendly(s)) == s for every text whose references are written
// canonically ("{=Object:Field}" or "{=Object:Field > mods}") and which has no "{{" of its own
// other than inline calculations.
func ToFriendly(text string, cat *Catalog) string {
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(text); i++ {
		if text[i] != '{' || text[i+1] != '=' {
			continue
		}
		ref, end, ok := calc.ScanRef(text, i)
		if !ok {
			continue
		}
		if friendly, ok := friendlyToken(ref, cat); ok && (i == 0 || text[i-1] != '{') {
			b.WriteString(text[last:i])
			b.WriteString(friendly)
			last = end
		}
		i = end - 1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func friendlyToken(ref calc.Ref, cat *Catalog) (string, bool) {
	mods := modsText(ref)
	suffix := ""
	if mods != "" {
		suffix = " > " + mods
	}
	var token string
	switch {
	case isRobotName(ref.Object):
		token = "{{~" + ref.Object + ":" + ref.Field + suffix + "}}"
	case ref.Object == "Document" || ref.Object == "GlobalConst" || ref.Object == "GlobalVar":
		f, ok := cat.field(ref.Object, ref.Field)
		if !ok {
			return "", false
		}
		title, _ := FriendlyTitle(f)
		// "}" would end the token early in ToSystem's lazy scan; the read-back check below
		// catches every other title that would not survive the trip.
		if strings.Contains(title, "}") {
			return "", false
		}
		token = "{{" + title + suffix + "}}"
	default:
		return "", false
	}
	back, err := unconvertToken(token, cat, 0)
	if err != nil || back != systemForm(ref.Object, ref.Field, mods) {
		return "", false
	}
	return token, true
}

// ToSystem turns the friendly forms of a text back into stored references, as the portal does
// when a robot is saved: {{Title}} and {{Title > mods}} by exact title, {{Group: Title}} for
// global constants and variables, {{~A…:Prop}} with anything after "#" dropped. {{= …}} is a
// calculation and stays. Every unknown or ambiguous title is reported (errors joined, each a
// *ConvertError) and left as written in the returned text.
func ToSystem(text string, cat *Catalog) (string, error) {
	out, _, err := toSystem(text, cat)
	return out, err
}

func toSystem(text string, cat *Catalog) (string, []edit, error) {
	var b strings.Builder
	var edits []edit
	var errs []error
	last := 0
	i := 0
	for {
		rel := strings.Index(text[i:], "{{")
		if rel < 0 {
			break
		}
		start := i + rel
		if start+2 >= len(text) || text[start+2] == '=' {
			i = start + 1
			continue
		}
		closeRel := strings.Index(text[start+3:], "}}")
		if closeRel < 0 {
			break
		}
		end := start + 3 + closeRel + 2
		token := text[start:end]
		sys, err := unconvertToken(token, cat, start)
		if err != nil {
			errs = append(errs, err)
		} else {
			b.WriteString(text[last:start])
			to := Span{b.Len(), b.Len() + len(sys)}
			b.WriteString(sys)
			edits = append(edits, edit{from: Span{start, end}, to: to})
			last = end
		}
		i = end
	}
	if last == 0 {
		return text, nil, errors.Join(errs...)
	}
	b.WriteString(text[last:])
	return b.String(), edits, errors.Join(errs...)
}

var htmlBack = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&")

// unconvertToken converts one {{…}} (whose first inner character is not "=").
func unconvertToken(token string, cat *Catalog, at int) (string, error) {
	mixed := htmlBack.Replace(token[2 : len(token)-2])
	span := Span{at, at + len(token)}
	if strings.HasPrefix(mixed, "~") {
		expr := mixed[1:]
		if h := strings.IndexByte(expr, '#'); h >= 0 {
			expr = expr[:h]
		}
		sys := "{=" + strings.TrimSpace(expr) + "}"
		if _, end, ok := calc.ScanRef(sys, 0); !ok || end != len(sys) {
			return "", &ConvertError{Title: mixed, Span: span, Reason: reasonBadRef}
		}
		return sys, nil
	}
	pairs := strings.Split(mixed, ">")
	name := ""
	for n, pair := range pairs {
		if n == 0 {
			name = pair
		} else {
			name += ">" + pair
		}
		title := strings.TrimSpace(name)
		fields := cat.lookupTitle(title)
		if len(fields) == 0 {
			continue
		}
		if len(fields) > 1 {
			cands := make([]string, len(fields))
			for k, f := range fields {
				cands[k] = f.ObjectName() + ":" + f.ID
			}
			sort.Strings(cands)
			return "", &ConvertError{Title: title, Span: span, Candidates: cands, Reason: reasonAmbiguous}
		}
		mods := ""
		if n+1 < len(pairs) {
			mods = strings.TrimSpace(pairs[n+1])
		}
		sys := systemForm(fields[0].ObjectName(), fields[0].ID, mods)
		if _, end, ok := calc.ScanRef(sys, 0); !ok || end != len(sys) {
			return "", &ConvertError{Title: title, Span: span, Reason: reasonBadMods}
		}
		return sys, nil
	}
	return "", &ConvertError{Title: unknownTitle(mixed), Span: span, Reason: reasonUnknown}
}

// unknownTitle is the title part of an unmatched {{…}}: without a trailing "> modifiers".
func unknownTitle(mixed string) string {
	if i := strings.LastIndexByte(mixed, '>'); i >= 0 {
		tail := strings.TrimSpace(mixed[i+1:])
		if tail != "" && strings.Trim(strings.ToLower(tail), "abcdefghijklmnopqrstuvwxyz0123456789_:, ") == "" {
			return strings.TrimSpace(mixed[:i])
		}
	}
	return strings.TrimSpace(mixed)
}

// ParseFriendly parses a text written in the friendly form. Spans in the template's results
// refer to this text; Source() is its stored form. Unknown or ambiguous titles are an error.
func ParseFriendly(text string, cat *Catalog) (*Template, error) {
	sys, edits, err := toSystem(text, cat)
	if err != nil {
		return nil, err
	}
	t := Parse(sys)
	t.edits = edits
	if t.edits == nil {
		t.edits = []edit{}
	}
	return t, nil
}

// mapSpan moves a span of the stored text to the friendly text it was converted from: inside a
// converted reference it becomes that reference's friendly span.
func (t *Template) mapSpan(s Span) Span {
	return Span{t.mapPos(s.Start, false), t.mapPos(s.End, true)}
}

func (t *Template) mapPos(p int, isEnd bool) int {
	delta := 0
	for _, e := range t.edits {
		switch {
		case p < e.to.Start || (isEnd && p == e.to.Start):
			return p + delta
		case p < e.to.End || (isEnd && p == e.to.End):
			if isEnd {
				return e.from.End
			}
			return e.from.Start
		}
		delta = e.from.End - e.to.End
	}
	return p + delta
}
