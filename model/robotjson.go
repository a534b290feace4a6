package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// PathError is a decoding error at a JSON path such as [2].ROBOTS[0].Delay.valueType.
type PathError struct {
	Path string
	Msg  string
}

func (e *PathError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

func pathErr(path, format string, args ...any) error {
	return &PathError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// JoinPath appends a key to a JSON path.
func JoinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// IndexPath appends an index to a JSON path.
func IndexPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// DecodeObject splits a JSON object into its raw members, or fails naming the path.
func DecodeObject(data []byte, path string) (map[string]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return nil, pathErr(path, "expected an object, got %s", describe(data))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, pathErr(path, "%v", err)
	}
	return m, nil
}

// DecodeArray splits a JSON array into its raw elements, or fails naming the path.
func DecodeArray(data []byte, path string) ([]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '[' {
		return nil, pathErr(path, "expected an array, got %s", describe(data))
	}
	var a []json.RawMessage
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, pathErr(path, "%v", err)
	}
	return a, nil
}

// describe names the JSON kind of a raw value for error messages.
func describe(data []byte) string {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string " + clip(string(data))
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number " + clip(string(data))
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// DecodeString reads a JSON string.
func DecodeString(data []byte, path string) (string, error) {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return "", pathErr(path, "expected a string, got %s", describe(data))
	}
	return s, nil
}

// decodeInt reads an integer written as a number or a numeric string, as PHP accepts both.
func decodeInt(data []byte, path string) (int, error) {
	var n json.Number
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return 0, pathErr(path, "expected a number, got %s", describe(data))
	}
	switch t := v.(type) {
	case json.Number:
		n = t
	case string:
		n = json.Number(strings.TrimSpace(t))
	default:
		return 0, pathErr(path, "expected a number, got %s", describe(data))
	}
	i, err := strconv.Atoi(string(n))
	if err != nil {
		f, ferr := strconv.ParseFloat(string(n), 64)
		if ferr != nil {
			return 0, pathErr(path, "expected a number, got %s", describe(data))
		}
		if f != float64(int(f)) {
			return 0, pathErr(path, "expected a whole number, got %s", describe(data))
		}
		i = int(f)
	}
	return i, nil
}

// decodeBool reads Bitrix24's booleans: true/false, "Y"/"N", 1/0, "1"/"0", "true"/"false".
func decodeBool(data []byte, path string) (bool, error) {
	switch strings.ToLower(strings.Trim(string(bytes.TrimSpace(data)), `"`)) {
	case "true", "y", "1":
		return true, nil
	case "false", "n", "0", "", "null":
		return false, nil
	}
	return false, pathErr(path, "expected Y or N, got %s", describe(data))
}

// decodeValue reads any JSON value, keeping numbers exact as json.Number.
func decodeValue(data []byte, path string) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, pathErr(path, "%v", err)
	}
	return v, nil
}

// UnmarshalJSON reads a ROBOTS entry; errors name the path inside the robot.
func (r *Robot) UnmarshalJSON(data []byte) error {
	got, err := DecodeRobot(data, "")
	if err != nil {
		return err
	}
	*r = *got
	return nil
}

// DecodeRobot reads one ROBOTS entry at the given JSON path. Unknown keys are kept in Extra.
func DecodeRobot(data []byte, path string) (*Robot, error) {
	m, err := DecodeObject(data, path)
	if err != nil {
		return nil, err
	}
	r := &Robot{Activated: true, Properties: Properties{}}
	for key, raw := range m {
		p := JoinPath(path, key)
		switch key {
		case "Name":
			if r.Name, err = DecodeString(raw, p); err != nil {
				return nil, err
			}
		case "Type":
			if r.Type, err = DecodeString(raw, p); err != nil {
				return nil, err
			}
		case "Properties":
			if r.Properties, err = decodeProperties(raw, p); err != nil {
				return nil, err
			}
		case "Activated":
			if r.Activated, err = decodeBool(raw, p); err != nil {
				return nil, err
			}
		case "Delay":
			if isNull(raw) {
				continue
			}
			if r.Delay, err = decodeDelay(raw, p); err != nil {
				return nil, err
			}
		case "DelayName":
			if isNull(raw) {
				continue
			}
			if r.DelayName, err = DecodeString(raw, p); err != nil {
				return nil, err
			}
		case "Condition":
			if isNull(raw) {
				continue
			}
			if r.Condition, err = decodeCondition(raw, p); err != nil {
				return nil, err
			}
		case "ExecuteAfterPrevious":
			if r.ExecuteAfterPrevious, err = decodeBool(raw, p); err != nil {
				return nil, err
			}
		default:
			if r.Extra == nil {
				r.Extra = map[string][]byte{}
			}
			r.Extra[key] = append([]byte(nil), raw...)
		}
	}
	if r.Type == "" {
		return nil, pathErr(JoinPath(path, "Type"), "missing robot type")
	}
	if r.Name != "" && !validName(r.Name) {
		return nil, pathErr(JoinPath(path, "Name"), "%q is not an activity name (letters, digits and _ only)", r.Name)
	}
	return r, nil
}

func isNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

func validName(s string) bool {
	for i, c := range s {
		ok := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9'
		if !ok {
			return false
		}
	}
	return s != ""
}

func decodeProperties(raw []byte, path string) (Properties, error) {
	t := bytes.TrimSpace(raw)
	// PHP encodes an empty array as [], so an empty property list may arrive that way.
	if string(t) == "[]" || string(t) == "null" {
		return Properties{}, nil
	}
	if len(t) == 0 || t[0] != '{' {
		return nil, pathErr(path, "expected an object, got %s", describe(t))
	}
	v, err := decodeValue(t, path)
	if err != nil {
		return nil, err
	}
	props := Properties(v.(map[string]any))
	if title, ok := props["Title"]; ok {
		if _, isStr := title.(string); !isStr && title != nil {
			return nil, pathErr(JoinPath(path, "Title"), "expected a string, got %T", title)
		}
	}
	return props, nil
}

func decodeDelay(raw []byte, path string) (*Delay, error) {
	m, err := DecodeObject(raw, path)
	if err != nil {
		return nil, err
	}
	d := &Delay{Type: DelayAfter, ValueType: "i", Basis: BasisNow}
	for key, v := range m {
		p := JoinPath(path, key)
		switch key {
		case "type":
			if d.Type, err = DecodeString(v, p); err != nil {
				return nil, err
			}
			if d.Type != DelayAfter && d.Type != DelayBefore && d.Type != DelayIn {
				return nil, pathErr(p, "%q is not one of after, before, in", d.Type)
			}
		case "value":
			if d.Value, err = decodeInt(v, p); err != nil {
				return nil, err
			}
		case "valueType":
			if d.ValueType, err = DecodeString(v, p); err != nil {
				return nil, err
			}
			if d.ValueType != "i" && d.ValueType != "h" && d.ValueType != "d" {
				return nil, pathErr(p, "%q is not one of i, h, d", d.ValueType)
			}
		case "basis":
			if d.Basis, err = DecodeString(v, p); err != nil {
				return nil, err
			}
		case "workTime":
			if d.WorkTime, err = decodeBool(v, p); err != nil {
				return nil, err
			}
		case "waitWorkDay":
			if d.WaitWorkDay, err = decodeBool(v, p); err != nil {
				return nil, err
			}
		case "inTime":
			if isNull(v) {
				continue
			}
			if d.InTime, err = decodeInTime(v, p); err != nil {
				return nil, err
			}
		default:
			if d.Extra == nil {
				d.Extra = map[string][]byte{}
			}
			d.Extra[key] = append([]byte(nil), v...)
		}
	}
	return d, nil
}

func decodeInTime(raw []byte, path string) ([]int, error) {
	a, err := DecodeArray(raw, path)
	if err != nil {
		return nil, err
	}
	if len(a) != 2 {
		return nil, pathErr(path, "expected [hour, minute], got %d values", len(a))
	}
	h, err := decodeInt(a[0], IndexPath(path, 0))
	if err != nil {
		return nil, err
	}
	m, err := decodeInt(a[1], IndexPath(path, 1))
	if err != nil {
		return nil, err
	}
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return nil, pathErr(path, "%02d:%02d is not a time of day", h, m)
	}
	return []int{h, m}, nil
}

func decodeCondition(raw []byte, path string) (*Condition, error) {
	m, err := DecodeObject(raw, path)
	if err != nil {
		return nil, err
	}
	c := &Condition{Type: "field"}
	for key, v := range m {
		p := JoinPath(path, key)
		switch key {
		case "type":
			if c.Type, err = DecodeString(v, p); err != nil {
				return nil, err
			}
		case "items":
			if c.Items, err = decodeItems(v, p); err != nil {
				return nil, err
			}
		default:
			if c.Extra == nil {
				c.Extra = map[string][]byte{}
			}
			c.Extra[key] = append([]byte(nil), v...)
		}
	}
	return c, nil
}

func decodeItems(raw []byte, path string) ([]ConditionItem, error) {
	if t := bytes.TrimSpace(raw); string(t) == "null" || string(t) == "{}" {
		return nil, nil
	}
	pairs, err := DecodeArray(raw, path)
	if err != nil {
		return nil, err
	}
	items := make([]ConditionItem, 0, len(pairs))
	for i, pr := range pairs {
		p := IndexPath(path, i)
		pair, err := DecodeArray(pr, p)
		if err != nil {
			return nil, err
		}
		if len(pair) != 2 {
			return nil, pathErr(p, "expected [condition, joiner], got %d values", len(pair))
		}
		it, err := decodeItem(pair[0], IndexPath(p, 0))
		if err != nil {
			return nil, err
		}
		if it.Joiner, err = DecodeString(pair[1], IndexPath(p, 1)); err != nil {
			return nil, err
		}
		if it.Joiner != JoinAnd && it.Joiner != JoinOr {
			return nil, pathErr(IndexPath(p, 1), "%q is not one of AND, OR", it.Joiner)
		}
		items = append(items, it)
	}
	return items, nil
}

func decodeItem(raw []byte, path string) (ConditionItem, error) {
	var it ConditionItem
	m, err := DecodeObject(raw, path)
	if err != nil {
		return it, err
	}
	for key, v := range m {
		p := JoinPath(path, key)
		switch key {
		case "object":
			it.Object, err = DecodeString(v, p)
		case "field":
			it.Field, err = DecodeString(v, p)
		case "operator":
			it.Operator, err = DecodeString(v, p)
			if err == nil && !knownOperator(it.Operator) {
				err = pathErr(p, "%q is not a condition operator", it.Operator)
			}
		case "value":
			it.Value, err = decodeValue(v, p)
		default:
			err = pathErr(p, "unknown condition key")
		}
		if err != nil {
			return it, err
		}
	}
	if it.Field == "" {
		return it, pathErr(JoinPath(path, "field"), "missing")
	}
	if it.Object == "" {
		it.Object = "Document"
	}
	if it.Operator == "" {
		it.Operator = "="
	}
	return it, nil
}

func knownOperator(op string) bool {
	for _, o := range Operators {
		if o == op {
			return true
		}
	}
	return false
}

// MarshalJSON writes the robot as Bitrix24 does: Activated "Y"/"N", ExecuteAfterPrevious 1 or
// absent, condition items as [condition, joiner] pairs; unknown keys come back verbatim.
func (r *Robot) MarshalJSON() ([]byte, error) {
	w := newWriter()
	r.write(w)
	return w.bytes()
}

func (r *Robot) write(w *jsonWriter) {
	w.open('{')
	w.key("Name")
	w.value(r.Name)
	w.key("Type")
	w.value(r.Type)
	w.key("Activated")
	w.value(yn(r.Activated))
	w.key("Properties")
	if len(r.Properties) == 0 {
		w.raw([]byte("{}"))
	} else {
		w.value(map[string]any(r.Properties))
	}
	if r.Delay != nil {
		w.key("Delay")
		r.Delay.write(w)
	}
	if r.DelayName != "" {
		w.key("DelayName")
		w.value(r.DelayName)
	}
	if r.Condition != nil {
		w.key("Condition")
		r.Condition.write(w)
	}
	if r.ExecuteAfterPrevious {
		w.key("ExecuteAfterPrevious")
		w.raw([]byte("1"))
	}
	w.extra(r.Extra)
	w.close('}')
}

// MarshalJSON writes a DelayInterval with all seven keys, as Bitrix24's toArray does.
func (d *Delay) MarshalJSON() ([]byte, error) {
	w := newWriter()
	d.write(w)
	return w.bytes()
}

func (d *Delay) write(w *jsonWriter) {
	w.open('{')
	w.key("type")
	w.value(d.Type)
	w.key("value")
	w.raw(strconv.AppendInt(nil, int64(d.Value), 10))
	w.key("valueType")
	w.value(d.ValueType)
	w.key("basis")
	w.value(d.Basis)
	w.key("workTime")
	w.raw(strconv.AppendBool(nil, d.WorkTime))
	w.key("waitWorkDay")
	w.raw(strconv.AppendBool(nil, d.WaitWorkDay))
	w.key("inTime")
	if d.InTime == nil {
		w.raw([]byte("null"))
	} else {
		w.value(d.InTime)
	}
	w.extra(d.Extra)
	w.close('}')
}

// MarshalJSON writes the condition group with items as [condition, joiner] pairs.
func (c *Condition) MarshalJSON() ([]byte, error) {
	w := newWriter()
	c.write(w)
	return w.bytes()
}

func (c *Condition) write(w *jsonWriter) {
	w.open('{')
	w.key("type")
	w.value(c.Type)
	w.key("items")
	w.open('[')
	for _, it := range c.Items {
		w.elem()
		w.open('[')
		w.elem()
		w.open('{')
		w.key("object")
		w.value(it.Object)
		w.key("field")
		w.value(it.Field)
		w.key("operator")
		w.value(it.Operator)
		w.key("value")
		w.value(it.Value)
		w.close('}')
		w.elem()
		w.value(it.Joiner)
		w.close(']')
	}
	w.close(']')
	w.extra(c.Extra)
	w.close('}')
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

// jsonWriter writes JSON in a fixed member order into one buffer, with one encoder for the
// values and no HTML escaping, so exported files read like the portal's own. Commits encode a
// robot several times, so this path avoids the re-validation json.Marshal does per member.
type jsonWriter struct {
	b     bytes.Buffer
	enc   *json.Encoder
	first []bool // per open container: no member written yet
	err   error
}

func newWriter() *jsonWriter {
	w := &jsonWriter{}
	w.enc = json.NewEncoder(&w.b)
	w.enc.SetEscapeHTML(false)
	return w
}

func (w *jsonWriter) open(c byte) {
	w.b.WriteByte(c)
	w.first = append(w.first, true)
}

func (w *jsonWriter) close(c byte) {
	w.first = w.first[:len(w.first)-1]
	w.b.WriteByte(c)
}

// elem starts an array element.
func (w *jsonWriter) elem() {
	top := len(w.first) - 1
	if !w.first[top] {
		w.b.WriteByte(',')
	}
	w.first[top] = false
}

// key starts an object member.
func (w *jsonWriter) key(k string) {
	w.elem()
	w.value(k)
	w.b.WriteByte(':')
}

func (w *jsonWriter) value(v any) {
	if w.err != nil {
		return
	}
	if err := w.enc.Encode(v); err != nil {
		w.err = err
		return
	}
	w.b.Truncate(w.b.Len() - 1) // Encode's newline
}

func (w *jsonWriter) raw(data []byte) { w.b.Write(data) }

func (w *jsonWriter) extra(m map[string][]byte) {
	for _, k := range sortedKeys(m) {
		w.key(k)
		w.raw(m[k])
	}
}

func (w *jsonWriter) bytes() ([]byte, error) { return w.b.Bytes(), w.err }

// MarshalValue encodes JSON without escaping <, > and & (Bitrix24 texts are full of them).
func MarshalValue(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
