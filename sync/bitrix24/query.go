package bitrix24

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Params are the parameters of a REST call. Values may be scalars, nested Params or maps, slices,
// arrays, or json.RawMessage (sent as is in a JSON body, as its JSON text in a query string).
type Params map[string]any

// EncodeQuery writes params the way PHP's http_build_query does, which is how a batch command
// carries its parameters: "filter[ENTITY_ID]=DEAL_STAGE&order[SORT]=ASC". Keys are sorted so the
// same params always give the same string; true and false become 1 and 0 as in PHP.
func EncodeQuery(p Params) string {
	var parts []string
	for _, k := range sortedKeys(p) {
		parts = appendQuery(parts, url.QueryEscape(k), p[k])
	}
	return strings.Join(parts, "&")
}

func appendQuery(parts []string, key string, v any) []string {
	switch x := v.(type) {
	case nil:
		return append(parts, key+"=")
	case string:
		return append(parts, key+"="+url.QueryEscape(x))
	case json.RawMessage:
		return append(parts, key+"="+url.QueryEscape(string(x)))
	case json.Number:
		return append(parts, key+"="+url.QueryEscape(x.String()))
	case bool:
		if x {
			return append(parts, key+"=1")
		}
		return append(parts, key+"=0")
	case Params:
		for _, k := range sortedKeys(x) {
			parts = appendQuery(parts, key+"["+url.QueryEscape(k)+"]", x[k])
		}
		return parts
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return append(parts, key+"="+strconv.FormatInt(rv.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return append(parts, key+"="+strconv.FormatUint(rv.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		return append(parts, key+"="+strconv.FormatFloat(rv.Float(), 'f', -1, 64))
	case reflect.String:
		return append(parts, key+"="+url.QueryEscape(rv.String()))
	case reflect.Bool:
		return appendQuery(parts, key, rv.Bool())
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			parts = appendQuery(parts, key+"["+strconv.Itoa(i)+"]", rv.Index(i).Interface())
		}
		return parts
	case reflect.Map:
		keys := make([]string, 0, rv.Len())
		vals := map[string]any{}
		for _, mk := range rv.MapKeys() {
			ks := fmt.Sprint(mk.Interface())
			keys = append(keys, ks)
			vals[ks] = rv.MapIndex(mk).Interface()
		}
		sort.Strings(keys)
		for _, k := range keys {
			parts = appendQuery(parts, key+"["+url.QueryEscape(k)+"]", vals[k])
		}
		return parts
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return appendQuery(parts, key, nil)
		}
		return appendQuery(parts, key, rv.Elem().Interface())
	}
	// Anything else (a struct) goes through its JSON form, as the JSON body would carry it.
	b, err := json.Marshal(v)
	if err != nil {
		return append(parts, key+"=")
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		return append(parts, key+"=")
	}
	return appendQuery(parts, key, generic)
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// maxQueryDepth bounds key nesting such as a[b][c]; PHP itself stops at a similar depth.
const maxQueryDepth = 16

// DecodeQuery parses a PHP-style query string into nested maps. Every value is a string; list
// entries ("a[]=x" or "a[0]=x") become maps keyed "0", "1", …, which is how PHP sees them too.
func DecodeQuery(q string) (map[string]any, error) {
	out := map[string]any{}
	for _, pair := range strings.Split(q, "&") {
		if pair == "" {
			continue
		}
		rawKey, rawVal, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			return nil, fmt.Errorf("query key %q: %w", rawKey, err)
		}
		val, err := url.QueryUnescape(rawVal)
		if err != nil {
			return nil, fmt.Errorf("query value of %q: %w", key, err)
		}
		path := splitKey(key)
		if len(path) == 0 || path[0] == "" {
			continue
		}
		if len(path) > maxQueryDepth {
			return nil, fmt.Errorf("query key %.40q nests deeper than %d", key, maxQueryDepth)
		}
		setPath(out, path, val)
	}
	return out, nil
}

// splitKey cuts "a[b][]" into ["a", "b", ""]; a key with unbalanced brackets stays whole.
func splitKey(key string) []string {
	open := strings.IndexByte(key, '[')
	if open <= 0 {
		return []string{key}
	}
	path := []string{key[:open]}
	rest := key[open:]
	for rest != "" {
		if rest[0] != '[' {
			return []string{key}
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return []string{key}
		}
		path = append(path, rest[1:end])
		rest = rest[end+1:]
	}
	return path
}

func setPath(m map[string]any, path []string, val string) {
	for i, seg := range path {
		if seg == "" && i > 0 {
			seg = strconv.Itoa(len(m))
		}
		if i == len(path)-1 {
			m[seg] = val
			return
		}
		next, ok := m[seg].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[seg] = next
		}
		m = next
	}
}
