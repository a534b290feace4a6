package calc

import "strings"

// bitrixTokens maps the portal's culture format tokens to PHP date() letters, longest first.
var bitrixTokens = []struct{ bitrix, php string }{
	{"YYYY", "Y"}, {"MMMM", "F"}, {"MI", "i"}, {"MM", "m"}, {"DD", "d"}, {"HH", "H"},
	{"SS", "s"}, {"TT", "A"}, {"YY", "y"}, {"M", "M"}, {"H", "g"}, {"T", "a"},
}

// FromBitrixFormat converts a format in the portal's own notation, as its settings report it
// ("DD.MM.YYYY HH:MI:SS", "MM/DD/YYYY H:MI:SS T"), into the PHP notation Formats uses
// ("d.m.Y H:i:s", "m/d/Y g:i:s a"). Other letters are kept literally.
func FromBitrixFormat(f string) string {
	var b strings.Builder
	for i := 0; i < len(f); {
		matched := false
		for _, tok := range bitrixTokens {
			if strings.HasPrefix(f[i:], tok.bitrix) {
				b.WriteString(tok.php)
				i += len(tok.bitrix)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		c := f[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}
