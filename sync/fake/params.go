package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"robodesk/sync/bitrix24"
)

// params are a call's parameters as PHP would see them: a JSON body decoded with numbers kept
// as text, or a query/form decoded into nested maps of strings. raw keeps the JSON body's
// top-level values byte for byte, for ROBOTS, which must pass untouched.
type params struct {
	m   map[string]any
	raw map[string]json.RawMessage
}

// readParams merges the query string and the body (JSON or form) of r.
func readParams(r *http.Request) (params, error) {
	p := params{m: map[string]any{}}
	if r.URL.RawQuery != "" {
		q, err := bitrix24.DecodeQuery(r.URL.RawQuery)
		if err != nil {
			return p, err
		}
		p.m = q
	}
	if r.Body == nil {
		return p, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		return p, err
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return p, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" || body[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			return p, fmt.Errorf("body is not a JSON object: %w", err)
		}
		if err := json.Unmarshal(body, &p.raw); err != nil {
			return p, err
		}
		for k, v := range m {
			p.m[k] = v
		}
		return p, nil
	}
	q, err := bitrix24.DecodeQuery(string(body))
	if err != nil {
		return p, err
	}
	for k, v := range q {
		p.m[k] = v
	}
	return p, nil
}

// get looks a key up case-insensitively, as Bitrix24 does for most parameters (filter, FILTER).
func get(m map[string]any, key string) (any, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

func (p params) str(key string) string { v, _ := get(p.m, key); return text(v) }

func (p params) int(key string) (int, bool) { v, ok := get(p.m, key); return toInt(v, ok) }

func (p params) obj(key string) map[string]any {
	v, _ := get(p.m, key)
	m, _ := v.(map[string]any)
	return m
}

// text renders a scalar parameter.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "1"
		}
		return ""
	}
	return fmt.Sprint(v)
}

func toInt(v any, ok bool) (int, bool) {
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(text(v)))
	return n, err == nil
}

func truthy(v any) bool {
	switch strings.ToUpper(text(v)) {
	case "1", "Y", "TRUE":
		return true
	}
	return false
}

// list reads a parameter that is a JSON array or, from a query string, a map keyed 0, 1, ….
func list(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case map[string]any:
		keys := make([]int, 0, len(x))
		for k := range x {
			n, err := strconv.Atoi(k)
			if err != nil {
				return nil
			}
			keys = append(keys, n)
		}
		sort.Ints(keys)
		out := make([]any, 0, len(keys))
		for _, k := range keys {
			out = append(out, x[strconv.Itoa(k)])
		}
		return out
	}
	return nil
}
