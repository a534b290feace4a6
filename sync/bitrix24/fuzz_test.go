package bitrix24

import (
	"encoding/json"
	"errors"
	"testing"
)

// FuzzDecodeEnvelope feeds arbitrary answers to the envelope, batch, list and object decoders: whatever
// a portal or a proxy in front of it sends, decoding returns a result or an *Error, never panics.
func FuzzDecodeEnvelope(f *testing.F) {
	seeds := []struct {
		status int
		body   string
	}{
		{200, `{"result":{"categories":[{"id":0,"name":"General","sort":300,"isDefault":"Y"}]},"total":1,"time":{"start":1.5,"operating_reset_at":1752146747}}`},
		{200, `{"result":[{"ID":"1","ACTIVE":true}],"total":"137","next":50}`},
		{200, `{"result":{"result":{"a":[1],"b":{"x":1}},"result_error":{"c":{"error":"NOT_FOUND","error_description":"x"}},"result_total":{"a":1},"result_next":[],"result_time":{"a":{"start":1}}},"time":{}}`},
		{200, `{"result":{"result":[[1],[2]],"result_error":[],"result_total":[],"result_next":[],"result_time":[]}}`},
		{503, `{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}`},
		{429, `{"error":"OPERATION_TIME_LIMIT","error_description":"blocked","time":{"operating_reset_at":"soon"}}`},
		{401, `{"error":"expired_token","error_description":"The access token provided has expired."}`},
		{502, `<html><body>Bad gateway</body></html>`},
		{200, ``},
		{200, `null`},
		{200, `{"result":null,"total":null,"next":"x"}`},
		{200, `{"error":{"nested":true},"error_description":[1,2]}`},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		resp, err := DecodeEnvelope(status, body)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if e.Code == "" {
				t.Fatalf("error without a code: %#v", e)
			}
			_ = e.Error()
			_, _, _ = IsRetryable(err), IsRateLimited(err), IsAuth(err)
			if resp != nil {
				t.Fatal("both a response and an error")
			}
		} else {
			if resp == nil || !json.Valid(resp.Result) {
				t.Fatalf("response %+v", resp)
			}
			if b, err := DecodeBatch(resp.Result); err == nil {
				for k, e := range b.Errors {
					if e == nil {
						t.Fatalf("nil error for %q", k)
					}
				}
			}
			_, _ = ListItems(resp.Result)
		}
		// The batch decoder must also survive being handed the raw body.
		_, _ = DecodeBatch(body)
		_, _, _ = Members(body)
		_, _ = DecodeQuery(string(body))
	})
}
