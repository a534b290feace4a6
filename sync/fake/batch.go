package fake

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"robodesk/sync/bitrix24"
)

// batch runs up to 50 commands given as "method?query" strings and answers
// {result, result_error, result_total, result_next, result_time}; s.mu is held.
func (s *Server) batch(p params, now time.Time) (answer, *apiError) {
	keys, cmds := batchCommands(p)
	if len(keys) > bitrix24.MaxBatch {
		return answer{}, &apiError{http.StatusBadRequest, bitrix24.CodeBatchLengthExceeded, "Max batch length exceeded"}
	}
	halt := false
	if v, ok := get(p.m, "halt"); ok {
		halt = truthy(v)
	}
	s.stats.Batches++
	s.stats.BatchCommands += int64(len(keys))
	var results, errs, totals, nexts, times ordered
	for _, key := range keys {
		method, query, _ := strings.Cut(cmds[key], "?")
		method = strings.ToLower(strings.TrimSuffix(method, ".json"))
		var ans answer
		var aerr *apiError
		sub, err := bitrix24.DecodeQuery(query)
		switch {
		case err != nil:
			aerr = &apiError{http.StatusBadRequest, bitrix24.CodeInvalidRequest, "Cannot read parameters: " + err.Error()}
		case method == "batch":
			aerr = &apiError{http.StatusMethodNotAllowed, bitrix24.CodeBatchMethodNotAllowed, "Method batch is not allowed in batch"}
		default:
			ans, aerr = s.dispatch(method, params{m: sub}, now)
		}
		if aerr != nil {
			errs = append(errs, kv{key, map[string]string{"error": aerr.code, "error_description": aerr.desc}})
			if halt {
				break
			}
			continue
		}
		results = append(results, kv{key, ans.result})
		if ans.hasTotal {
			totals = append(totals, kv{key, ans.total})
		}
		if ans.hasNext {
			nexts = append(nexts, kv{key, ans.next})
		}
		times = append(times, kv{key, timing(now)})
	}
	return answer{result: ordered{
		{"result", phpArray(results)},
		{"result_error", phpArray(errs)},
		{"result_total", phpArray(totals)},
		{"result_next", phpArray(nexts)},
		{"result_time", phpArray(times)},
	}}, nil
}

// batchCommands reads cmd as an object (in its order, for a JSON body) or a list.
func batchCommands(p params) ([]string, map[string]string) {
	cmds := map[string]string{}
	var keys []string
	if raw, ok := rawParam(p, "cmd"); ok {
		if k, _, err := bitrix24.Members(raw); err == nil {
			keys = k
		}
	}
	v, _ := get(p.m, "cmd")
	switch c := v.(type) {
	case map[string]any:
		for k, q := range c {
			cmds[k] = text(q)
		}
		if keys == nil {
			keys = sortedKeys(c)
		}
	case []any:
		for i, q := range c {
			k := strconv.Itoa(i)
			cmds[k] = text(q)
			keys = append(keys, k)
		}
	}
	return keys, cmds
}

// sortedKeys orders form-decoded keys, numerically when they are list positions.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, errA := strconv.Atoi(keys[i])
		b, errB := strconv.Atoi(keys[j])
		if errA == nil && errB == nil {
			return a < b
		}
		return keys[i] < keys[j]
	})
	return keys
}

// phpArray encodes as PHP's json_encode would: an empty map or one keyed 0…n-1 is a JSON array.
func phpArray(o ordered) any {
	list := make([]any, 0, len(o))
	for i, e := range o {
		if e.key != strconv.Itoa(i) {
			return o
		}
		list = append(list, e.val)
	}
	return list
}
