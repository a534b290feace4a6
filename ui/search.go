package ui

import (
	"strings"
	"unicode"

	"robodesk/model"
	"robodesk/model/catalog"
	"robodesk/model/tmpl"
)

// matcher finds robots whose title, type or texts contain a query, ignoring case. Texts are
// searched both as stored ({=Document:OPPORTUNITY}) and as shown ({{Сумма}}).
type matcher struct {
	q   []rune
	cat *tmpl.Catalog
}

// newMatcher returns nil for an empty query: everything matches.
func newMatcher(query string, cat *tmpl.Catalog) *matcher {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil
	}
	return &matcher{q: lowerRunes(q), cat: cat}
}

// match reports whether a robot matches; when the match is not in the title, snippet is the
// stretch of text around it, so the card can show why it matched.
func (m *matcher) match(r *model.Robot) (ok bool, snippet string) {
	if m == nil {
		return true, ""
	}
	if _, ok := m.find(r.Title()); ok {
		return true, ""
	}
	if e := catalog.Lookup(r.Type, r.Properties); e != nil {
		for _, t := range []string{e.Title.RU, e.Title.EN} {
			if _, ok := m.find(t); ok {
				return true, ""
			}
		}
	}
	if _, ok := m.find(r.Type); ok {
		return true, ""
	}
	r.Texts(func(path, text string) {
		if ok || path == "Title" {
			return
		}
		shown := tmpl.ToFriendly(text, m.cat)
		for _, t := range []string{shown, text} {
			if _, found := m.find(t); found {
				ok, snippet = true, m.snippet(t)
				return
			}
		}
	})
	return ok, snippet
}

// find returns the rune index of the query in s.
func (m *matcher) find(s string) (int, bool) {
	rs := lowerRunes(s)
	n := len(m.q)
outer:
	for i := 0; i+n <= len(rs); i++ {
		for j := 0; j < n; j++ {
			if rs[i+j] != m.q[j] {
				continue outer
			}
		}
		return i, true
	}
	return -1, false
}

func lowerRunes(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
	return rs
}

// snippet cuts a one-line stretch of s around the query.
func (m *matcher) snippet(s string) string {
	const context = 18
	flat := strings.Join(strings.Fields(s), " ")
	rs := []rune(flat)
	at, ok := m.find(flat)
	if !ok {
		at = 0
	}
	from, to := at-context, at+len(m.q)+context
	prefix, suffix := "…", "…"
	if from <= 0 {
		from, prefix = 0, ""
	}
	if to >= len(rs) {
		to, suffix = len(rs), ""
	}
	return prefix + string(rs[from:to]) + suffix
}
