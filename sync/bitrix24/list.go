package bitrix24

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// errNotList is returned when a list method's result holds no list.
var errNotList = errors.New("result is not a list")

// PageSize is how many records a list method returns per call; it is fixed by the portal.
const PageSize = 50

// ListItems returns the records of one page of a list method. Most methods answer with an array;
// the crm.item / crm.type / crm.category family wraps it in an object with a single key
// ({"categories": […]}), which is unwrapped.
func ListItems(result json.RawMessage) ([]json.RawMessage, error) {
	result = bytes.TrimSpace(result)
	if len(result) == 0 {
		return nil, errNotList
	}
	switch result[0] {
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(result, &items); err != nil {
			return nil, err
		}
		return items, nil
	case '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(result, &obj); err != nil {
			return nil, err
		}
		if len(obj) == 0 {
			return nil, nil // PHP's empty array
		}
		if len(obj) != 1 {
			return nil, errNotList
		}
		for _, v := range obj {
			v = bytes.TrimSpace(v)
			if len(v) > 0 && v[0] == '[' {
				return ListItems(v)
			}
		}
	}
	return nil, errNotList
}

// List fetches every page of a list method. The first page tells the total; the remaining pages
// are then requested together in batches, so 137 users take two HTTP requests, not three.
// A portal that sends next without total is followed page by page.
func (c *Client) List(ctx context.Context, method string, params Params) ([]json.RawMessage, error) {
	page := func(start int) Params {
		p := make(Params, len(params)+1)
		for k, v := range params {
			p[k] = v
		}
		p["start"] = start
		return p
	}
	first, err := c.Do(ctx, method, page(0))
	if err != nil {
		return nil, err
	}
	items, err := ListItems(first.Result)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	next, hasNext := first.Next, first.HasNext
	if hasNext && first.HasTotal && next < first.Total {
		var cmds []Command
		for start := next; start < first.Total; start += PageSize {
			cmds = append(cmds, Command{Method: method, Params: page(start)})
		}
		results, err := c.Batch(ctx, cmds)
		if err != nil {
			return nil, err
		}
		hasNext = false
		for i, r := range results {
			if r.Err != nil {
				return nil, fmt.Errorf("start=%d: %w", cmds[i].Params["start"], r.Err)
			}
			more, err := ListItems(r.Result)
			if err != nil {
				return nil, fmt.Errorf("%s: start=%d: %w", method, cmds[i].Params["start"], err)
			}
			items = append(items, more...)
			next, hasNext = r.Next, r.HasNext
		}
	}
	for hasNext && next > 0 {
		resp, err := c.Do(ctx, method, page(next))
		if err != nil {
			return nil, err
		}
		more, err := ListItems(resp.Result)
		if err != nil {
			return nil, fmt.Errorf("%s: start=%d: %w", method, next, err)
		}
		if len(more) == 0 {
			break
		}
		items = append(items, more...)
		if resp.Next <= next {
			break
		}
		next, hasNext = resp.Next, resp.HasNext
	}
	return items, nil
}

// ListAs fetches every page of a list method and decodes each record into T.
func ListAs[T any](ctx context.Context, c *Client, method string, params Params) ([]T, error) {
	raw, err := c.List(ctx, method, params)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &out[i]); err != nil {
			return nil, fmt.Errorf("%s: record %d: %w", method, i, err)
		}
	}
	return out, nil
}

// Members lists a JSON object's keys and values in document order: the portal lists fields and
// batch results in a meaningful order that a Go map would lose. PHP's empty array, [], is an
// empty object.
func Members(raw json.RawMessage) ([]string, []json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "[]" { // PHP's empty array
		return nil, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, errors.New("not an object")
	}
	var keys []string
	var vals []json.RawMessage
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		keys = append(keys, k)
		vals = append(vals, v)
	}
	return keys, vals, nil
}
