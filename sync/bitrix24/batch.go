package bitrix24

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

// MaxBatch is the most commands one batch call may carry; the portal refuses more with
// ERROR_BATCH_LENGTH_EXCEEDED.
const MaxBatch = 50

// Command is one call inside a batch.
type Command struct {
	// Key names the command in the answer; Batch assigns "c<index>" when empty.
	Key    string
	Method string
	Params Params
}

// Result is the outcome of one command of a batch. Err is set when the command failed; it names
// the method and wraps the portal's *Error. A failed command never fails the others (halt=0).
type Result struct {
	Key      string
	Method   string
	Result   json.RawMessage
	Total    int
	HasTotal bool
	Next     int
	HasNext  bool
	Err      error
}

// Batch runs cmds through the batch method, at most MaxBatch per HTTP request, with halt=0, and
// returns one Result per command in the order given. Commands that failed for a transient
// reason (rate or time limit, server error) are sent again in a later batch, as the retry policy
// allows. The error is for the batch as a whole: bad commands, or a batch call that could not be
// completed even after retries.
func (c *Client) Batch(ctx context.Context, cmds []Command) ([]Result, error) {
	results := make([]Result, len(cmds))
	seen := map[string]bool{}
	for i, cmd := range cmds {
		if cmd.Method == "" {
			return nil, fmt.Errorf("batch: command %d has no method", i)
		}
		if cmd.Method == "batch" {
			return nil, fmt.Errorf("batch: command %d: %w", i, &Error{Code: CodeBatchMethodNotAllowed, Description: "batch cannot contain batch"})
		}
		key := cmd.Key
		if key == "" {
			key = "c" + strconv.Itoa(i)
		}
		if seen[key] {
			return nil, fmt.Errorf("batch: duplicate command key %q", key)
		}
		seen[key] = true
		results[i] = Result{Key: key, Method: cmd.Method}
	}

	pending := make([]int, len(cmds))
	for i := range pending {
		pending[i] = i
	}
	for attempt := 1; len(pending) > 0; attempt++ {
		var again []int
		var lastErr error
		for start := 0; start < len(pending); start += MaxBatch {
			chunk := pending[start:min(start+MaxBatch, len(pending))]
			if err := c.batchCall(ctx, cmds, chunk, results); err != nil {
				return nil, err
			}
			for _, i := range chunk {
				if err := results[i].Err; err != nil && IsRetryable(err) && attempt < c.retry.MaxAttempts {
					again = append(again, i)
					lastErr = err
				}
			}
		}
		if len(again) == 0 {
			break
		}
		wait, ok := c.retryWait(results[again[0]].Method, lastErr, attempt)
		if !ok {
			break
		}
		c.log.Warn("bitrix24 batch retry", "commands", len(again), "attempt", attempt, "wait", wait, "err", lastErr)
		if err := c.clock.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
		pending = again
	}
	return results, nil
}

// batchCall sends the commands at idx (at most MaxBatch) as one batch and fills their results.
func (c *Client) batchCall(ctx context.Context, cmds []Command, idx []int, results []Result) error {
	cmd := make(map[string]string, len(idx))
	for _, i := range idx {
		q := cmds[i].Method
		if enc := EncodeQuery(cmds[i].Params); enc != "" {
			q += "?" + enc
		}
		cmd[results[i].Key] = q
	}
	resp, err := c.Do(ctx, "batch", Params{"halt": 0, "cmd": cmd})
	if err != nil {
		return err
	}
	br, err := DecodeBatch(resp.Result)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	for _, i := range idx {
		r := &results[i]
		r.Result, r.Err = nil, nil
		if e, ok := br.Errors[r.Key]; ok {
			e.Description = c.red.mask(e.Description)
			r.Err = fmt.Errorf("%s: %w", r.Method, e)
			continue
		}
		raw, ok := br.Results[r.Key]
		if !ok {
			r.Err = fmt.Errorf("%s: %w", r.Method, &Error{Code: CodeUnexpectedAnswer, Description: "batch answer has no result for " + strconv.Quote(r.Key)})
			continue
		}
		r.Result = raw
		c.noteReset(r.Method, br.Times[r.Key]) // each command has its own time budget
		r.Total, r.HasTotal = br.Totals[r.Key]
		r.Next, r.HasNext = br.Nexts[r.Key]
	}
	return nil
}
