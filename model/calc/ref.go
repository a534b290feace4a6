package calc

// Ref is a variable reference {=Object:Field > mod1,mod2} as the portal's pattern reads it.
type Ref struct {
	Object string
	Field  string
	// Mods holds at most two modifiers, as written.
	Mods []string
	// Text is the reference exactly as written; Offset is where it starts in the source.
	Text   string
	Offset int
}

func isRefSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// ScanRef reads a reference that starts exactly at s[i] with the portal's pattern
// \{=\s*[a-z0-9_]+\s*:\s*[a-z0-9_.]+(\s*>\s*[a-z0-9_:]+(\s*,\s*[a-z0-9_]+)?)?\s*\} (case
// insensitive). It returns the reference and the offset just after it, or ok=false.
func ScanRef(s string, i int) (ref Ref, end int, ok bool) {
	if i+1 >= len(s) || s[i] != '{' || s[i+1] != '=' {
		return Ref{}, 0, false
	}
	p := i + 2
	skip := func() {
		for p < len(s) && isRefSpace(s[p]) {
			p++
		}
	}
	word := func(extra byte, extra2 byte) string {
		st := p
		for p < len(s) && (isWordByte(s[p]) || (extra != 0 && s[p] == extra) || (extra2 != 0 && s[p] == extra2)) {
			p++
		}
		return s[st:p]
	}
	skip()
	obj := word(0, 0)
	if obj == "" {
		return Ref{}, 0, false
	}
	skip()
	if p >= len(s) || s[p] != ':' {
		return Ref{}, 0, false
	}
	p++
	skip()
	field := word('.', 0)
	if field == "" {
		return Ref{}, 0, false
	}
	afterField := p
	var mods []string
	skip()
	if p < len(s) && s[p] == '>' {
		p++
		skip()
		m1 := word(':', 0)
		if m1 == "" {
			return Ref{}, 0, false
		}
		mods = append(mods, m1)
		afterM1 := p
		skip()
		if p < len(s) && s[p] == ',' {
			p++
			skip()
			m2 := word(0, 0)
			if m2 == "" {
				return Ref{}, 0, false
			}
			mods = append(mods, m2)
		} else {
			p = afterM1
		}
	} else {
		p = afterField
	}
	skip()
	if p >= len(s) || s[p] != '}' {
		return Ref{}, 0, false
	}
	p++
	return Ref{Object: obj, Field: field, Mods: mods, Text: s[i:p], Offset: i}, p, true
}
