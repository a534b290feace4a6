package sample

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Value is a field's sample: one string, or several for a multiple field such as PHONE.
type Value []string

// Record is a sample CRM item: field ID → value. A field that is absent has no sample (the
// preview says so); a field present with "" is deliberately empty.
type Record map[string]Value

// Get returns the field's value; nil when the record has none.
func (r Record) Get(id string) Value { return r[id] }

// First returns the field's first value, "" when there is none.
func (r Record) First(id string) string {
	if v := r[id]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Set stores the field's value or values.
func (r Record) Set(id string, vals ...string) { r[id] = append(Value(nil), vals...) }

// Has tells whether the record has a sample for the field.
func (r Record) Has(id string) bool {
	_, ok := r[id]
	return ok
}

// IsEmpty tells whether the field has no sample or only empty strings.
func (r Record) IsEmpty(id string) bool {
	for _, s := range r[id] {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// Fields lists the record's field IDs in order.
func (r Record) Fields() []string {
	ids := make([]string, 0, len(r))
	for id := range r {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Clone returns a copy that shares nothing with r.
func (r Record) Clone() Record {
	if r == nil {
		return nil
	}
	out := make(Record, len(r))
	for k, v := range r {
		out[k] = append(Value(nil), v...)
	}
	return out
}

// MarshalJSON writes one value as a string and any other number of values as an array.
func (v Value) MarshalJSON() ([]byte, error) {
	if len(v) == 1 {
		return marshal(v[0])
	}
	if v == nil {
		return []byte("[]"), nil
	}
	return marshal([]string(v))
}

// UnmarshalJSON reads a string, a number, a boolean or an array of them.
func (v *Value) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return err
		}
		out := make(Value, 0, len(items))
		for i, it := range items {
			s, err := scalar(it)
			if err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
			out = append(out, s)
		}
		*v = out
		return nil
	}
	s, err := scalar(data)
	if err != nil {
		return err
	}
	*v = Value{s}
	return nil
}

// scalar reads one JSON value as the text the portal would hand a robot.
func scalar(data []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return "", err
	}
	switch t := x.(type) {
	case string:
		return t, nil
	case json.Number:
		return t.String(), nil
	case bool:
		if t {
			return "Y", nil
		}
		return "N", nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("want a string, a number or a list of them, got %s", bytes.TrimSpace(data))
}

// UnmarshalJSON reads a record and names the field whose value is wrong.
func (r *Record) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("a record is a JSON object of field IDs: %w", err)
	}
	out := make(Record, len(raw))
	for id, body := range raw {
		var v Value
		if err := v.UnmarshalJSON(body); err != nil {
			return fmt.Errorf("field %s: %w", id, err)
		}
		out[id] = v
	}
	*r = out
	return nil
}

// ParseRecord reads a record file's JSON.
func ParseRecord(data []byte) (Record, error) {
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	if r == nil {
		r = Record{}
	}
	return r, nil
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
