package bitrix24

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Response is a successful answer: {"result": …, "total": N, "next": N, "time": {…}}.
// Total and Next are only sent by list methods, hence the Has flags.
type Response struct {
	Result   json.RawMessage
	Total    int
	HasTotal bool
	Next     int
	HasNext  bool
	Time     Time
}

// Time is the envelope's timing block. OperatingResetAt and Operating describe the per-method
// time budget that OPERATION_TIME_LIMIT enforces.
type Time struct {
	Start            float64 `json:"start"`
	Finish           float64 `json:"finish"`
	Duration         float64 `json:"duration"`
	Processing       float64 `json:"processing"`
	DateStart        string  `json:"date_start"`
	DateFinish       string  `json:"date_finish"`
	OperatingResetAt int64   `json:"operating_reset_at"`
	Operating        float64 `json:"operating"`
}

// ResetAt returns operating_reset_at as a time, or the zero time when the portal sent none.
func (t Time) ResetAt() time.Time {
	if t.OperatingResetAt <= 0 {
		return time.Time{}
	}
	return time.Unix(t.OperatingResetAt, 0)
}

// maxSnippet bounds how much of an undecodable answer is quoted in an error.
const maxSnippet = 120

// DecodeEnvelope reads one answer of the portal. An error envelope, an HTTP error status or a body
// that is not an envelope at all becomes an *Error; the error's code is the portal's, or
// ERROR_UNEXPECTED_ANSWER when the body said nothing usable.
func DecodeEnvelope(status int, body []byte) (*Response, error) {
	body = bytes.TrimSpace(body)
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return nil, unexpected(status, body)
	}
	if e := decodeError(fields); e != nil {
		e.HTTPStatus = status
		return nil, e
	}
	if status >= http.StatusBadRequest {
		return nil, unexpected(status, body)
	}
	result, ok := fields["result"]
	if !ok {
		return nil, &Error{Code: CodeUnexpectedAnswer, Description: "answer has no result", HTTPStatus: status}
	}
	r := &Response{Result: result}
	if raw, ok := fields["total"]; ok && !isNull(raw) {
		var n Int
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, &Error{Code: CodeUnexpectedAnswer, Description: "bad total: " + err.Error(), HTTPStatus: status}
		}
		r.Total, r.HasTotal = int(n), true
	}
	if raw, ok := fields["next"]; ok && !isNull(raw) {
		var n Int
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, &Error{Code: CodeUnexpectedAnswer, Description: "bad next: " + err.Error(), HTTPStatus: status}
		}
		r.Next, r.HasNext = int(n), true
	}
	// The timing block is informative; a portal that garbles it still answered.
	if raw, ok := fields["time"]; ok {
		_ = json.Unmarshal(raw, &r.Time)
	}
	return r, nil
}

// decodeError returns the error envelope in fields, or nil when there is none.
func decodeError(fields map[string]json.RawMessage) *Error {
	raw, ok := fields["error"]
	if !ok || isNull(raw) {
		return nil
	}
	code := scalarText(raw)
	if code == "" {
		return nil
	}
	e := &Error{Code: code}
	if d, ok := fields["error_description"]; ok {
		e.Description = scalarText(d)
	}
	if t, ok := fields["time"]; ok {
		var tm Time
		if json.Unmarshal(t, &tm) == nil {
			e.ResetAt = tm.ResetAt()
		}
	}
	return e
}

func unexpected(status int, body []byte) *Error {
	snippet := string(body)
	if len(snippet) > maxSnippet {
		snippet = snippet[:maxSnippet] + "…"
	}
	d := "answer is not a REST envelope"
	if snippet != "" {
		d += ": " + strconv.Quote(snippet)
	} else {
		d = "empty answer"
	}
	return &Error{Code: CodeUnexpectedAnswer, Description: d, HTTPStatus: status}
}

func isNull(raw json.RawMessage) bool {
	return len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null"
}

// scalarText renders a JSON scalar as text: strings unquoted, numbers and flags as written.
// Objects and arrays are quoted raw (shortened), so a strange error still reads as one.
func scalarText(raw json.RawMessage) string {
	var s String
	if err := json.Unmarshal(raw, &s); err == nil {
		return string(s)
	}
	t := string(bytes.TrimSpace(raw))
	if len(t) > maxSnippet {
		t = t[:maxSnippet] + "…"
	}
	return t
}

// BatchResult is the result of one batch call, keyed by command key. A command that failed is in
// Errors and not in Results; Totals and Nexts are set for list methods only.
type BatchResult struct {
	Results map[string]json.RawMessage
	Errors  map[string]*Error
	Totals  map[string]int
	Nexts   map[string]int
	Times   map[string]Time
}

// DecodeBatch reads the result of a batch call: {result, result_error, result_total, result_next,
// result_time}. Each part may be an object keyed by command or, as PHP encodes empty or list-keyed
// arrays, a JSON array; array positions become the keys "0", "1", ….
func DecodeBatch(result json.RawMessage) (*BatchResult, error) {
	var parts map[string]json.RawMessage
	if err := json.Unmarshal(result, &parts); err != nil || parts == nil {
		return nil, fmt.Errorf("batch result is not an object")
	}
	b := &BatchResult{
		Results: map[string]json.RawMessage{},
		Errors:  map[string]*Error{},
		Totals:  map[string]int{},
		Nexts:   map[string]int{},
		Times:   map[string]Time{},
	}
	res, err := keyed(parts["result"])
	if err != nil {
		return nil, fmt.Errorf("batch result.result: %w", err)
	}
	b.Results = res
	errs, err := keyed(parts["result_error"])
	if err != nil {
		return nil, fmt.Errorf("batch result_error: %w", err)
	}
	for k, raw := range errs {
		if isNull(raw) {
			continue
		}
		var fields map[string]json.RawMessage
		if json.Unmarshal(raw, &fields) == nil && fields != nil {
			if e := decodeError(fields); e != nil {
				b.Errors[k] = e
				continue
			}
		}
		b.Errors[k] = &Error{Code: scalarText(raw)}
	}
	for _, p := range []struct {
		name string
		dst  map[string]int
	}{{"result_total", b.Totals}, {"result_next", b.Nexts}} {
		m, err := keyed(parts[p.name])
		if err != nil {
			return nil, fmt.Errorf("batch %s: %w", p.name, err)
		}
		for k, raw := range m {
			if isNull(raw) {
				continue
			}
			var n Int
			if err := json.Unmarshal(raw, &n); err != nil {
				return nil, fmt.Errorf("batch %s[%s]: %w", p.name, k, err)
			}
			p.dst[k] = int(n)
		}
	}
	times, err := keyed(parts["result_time"])
	if err != nil {
		return nil, fmt.Errorf("batch result_time: %w", err)
	}
	for k, raw := range times {
		var t Time
		if json.Unmarshal(raw, &t) == nil {
			b.Times[k] = t
		}
	}
	return b, nil
}

// keyed turns an object or an array into a map by key or position; null or absent is empty.
func keyed(raw json.RawMessage) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	if isNull(raw) {
		return out, nil
	}
	switch bytes.TrimSpace(raw)[0] {
	case '{':
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, err
		}
		return out, nil
	case '[':
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
		for i, v := range list {
			out[strconv.Itoa(i)] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("neither an object nor an array")
}
