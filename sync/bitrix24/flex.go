package bitrix24

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Bitrix24 is loose with JSON scalars: an ID may come as 15 or "15", a flag as true, "Y" or "1",
// and an absent value as null or "". These types decode all of those, so one struct fits every
// method and every portal version.

// Int is an integer that decodes from a JSON number, a numeric string, null or "" (zero).
type Int int

// UnmarshalJSON accepts 15, "15", 15.0, null and "".
func (n *Int) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*n = 0
		return nil
	}
	s := string(b)
	if b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			*n = 0
			return nil
		}
	}
	if v, err := strconv.Atoi(s); err == nil {
		*n = Int(v)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int(f)) {
		return fmt.Errorf("not an integer: %.40s", s)
	}
	*n = Int(int(f))
	return nil
}

// Bool is a flag that decodes from true/false, "Y"/"N", "1"/"0", "true"/"false", 1/0 and null.
type Bool bool

// UnmarshalJSON accepts the spellings Bitrix24 uses for flags.
func (v *Bool) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "true", "1", `"Y"`, `"y"`, `"1"`, `"true"`:
		*v = true
		return nil
	case "false", "0", "null", `"N"`, `"n"`, `"0"`, `"false"`, `""`:
		*v = false
		return nil
	}
	return fmt.Errorf("not a flag: %.40s", b)
}

// String is text that also decodes from a number or null, for fields such as STATUS_ID or
// REVISION that some portals send unquoted.
type String string

// UnmarshalJSON accepts "x", 12, 1.5, true and null.
func (s *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*s = ""
		return nil
	}
	if b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = String(v)
		return nil
	}
	if b[0] == '{' || b[0] == '[' {
		return fmt.Errorf("not a scalar: %.40s", b)
	}
	if !json.Valid(b) {
		return fmt.Errorf("not a scalar: %.40s", b)
	}
	*s = String(b)
	return nil
}
