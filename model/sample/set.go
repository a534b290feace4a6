package sample

import (
	"errors"
	"fmt"
	"strings"

	"robodesk/model"
)

// Named is a sample record with the name the designer picks it by («Типичная»).
type Named struct {
	Name   string `json:"name"`
	Record Record `json:"record"`
}

// Set is the named samples of one entity, in the order the designer lists them; the first one
// is the default.
type Set []Named

// Samples are the sets of every entity, keyed by entity ID (LEAD, DEAL, DYNAMIC_128).
type Samples map[string]Set

// Get returns the record with the given name.
func (s Set) Get(name string) (Record, bool) {
	for _, n := range s {
		if n.Name == name {
			return n.Record, true
		}
	}
	return nil, false
}

// Default is the first record, or an empty one when the set is empty.
func (s Set) Default() Named {
	if len(s) == 0 {
		return Named{Record: Record{}}
	}
	return s[0]
}

// Names lists the records' names in order.
func (s Set) Names() []string {
	out := make([]string, len(s))
	for i, n := range s {
		out[i] = n.Name
	}
	return out
}

// Put replaces the record with the given name, or appends it.
func (s *Set) Put(name string, r Record) {
	for i := range *s {
		if (*s)[i].Name == name {
			(*s)[i].Record = r
			return
		}
	}
	*s = append(*s, Named{Name: name, Record: r})
}

// Delete removes the record with the given name and tells whether there was one.
func (s *Set) Delete(name string) bool {
	for i := range *s {
		if (*s)[i].Name == name {
			*s = append((*s)[:i], (*s)[i+1:]...)
			return true
		}
	}
	return false
}

// Rename gives a record a new name; the new name must be free.
func (s Set) Rename(old, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("rename sample: the name is empty")
	}
	if _, taken := s.Get(name); taken && name != old {
		return fmt.Errorf("rename sample %q: %q is taken", old, name)
	}
	for i := range s {
		if s[i].Name == old {
			s[i].Name = name
			return nil
		}
	}
	return fmt.Errorf("rename sample %q: no such sample", old)
}

// Pick returns the named record of the set, or the default one when name is "".
func (s Set) Pick(name string) (Named, error) {
	if name == "" {
		return s.Default(), nil
	}
	if r, ok := s.Get(name); ok {
		return Named{Name: name, Record: r}, nil
	}
	return Named{}, fmt.Errorf("no sample %q; the samples are %s", name, quoteAll(s.Names()))
}

func quoteAll(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "«" + n + "»"
	}
	return strings.Join(q, ", ")
}

// Docs reads and writes named project documents; *store.Store satisfies it.
type Docs interface {
	Get(key string, v any) (bool, error)
	Put(key string, v any) error
}

// Key is the project document that holds an entity's samples: "samples/<ENTITY>".
func Key(entity string) string { return "samples/" + entity }

// Load reads an entity's samples; a project without any yields an empty set.
func Load(d Docs, entity string) (Set, error) {
	var s Set
	if _, err := d.Get(Key(entity), &s); err != nil {
		return nil, fmt.Errorf("samples of %s: %w", entity, err)
	}
	return s, nil
}

// Save writes an entity's samples.
func Save(d Docs, entity string, s Set) error {
	if s == nil {
		s = Set{}
	}
	if err := d.Put(Key(entity), s); err != nil {
		return fmt.Errorf("samples of %s: %w", entity, err)
	}
	return nil
}

// LoadAll reads the samples of every entity of the portal.
func LoadAll(d Docs, p *model.Portal) (Samples, error) {
	out := Samples{}
	if p == nil {
		return out, nil
	}
	for _, e := range p.Entities {
		s, err := Load(d, e.ID)
		if err != nil {
			return nil, err
		}
		if len(s) > 0 {
			out[e.ID] = s
		}
	}
	return out, nil
}

// SaveAll writes every entity's samples.
func SaveAll(d Docs, all Samples) error {
	for entity, s := range all {
		if err := Save(d, entity, s); err != nil {
			return err
		}
	}
	return nil
}
