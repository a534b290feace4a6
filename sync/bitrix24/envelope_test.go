package bitrix24

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestDecodeEnvelope(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		result    string
		total     int
		hasTotal  bool
		next      int
		hasNext   bool
		resetAt   int64
		errCode   string
		errStatus int
	}{
		{name: "plain result", status: 200, body: `{"result":"2024-01-01T00:00:00+03:00","time":{"start":1.5}}`,
			result: `"2024-01-01T00:00:00+03:00"`},
		{name: "list page", status: 200,
			body:   `{"result":[{"ID":"1"}],"total":137,"next":50,"time":{"operating_reset_at":1752146747,"operating":0.2}}`,
			result: `[{"ID":"1"}]`, total: 137, hasTotal: true, next: 50, hasNext: true, resetAt: 1752146747},
		{name: "total and next as strings", status: 200, body: `{"result":[],"total":"3","next":"50"}`,
			result: `[]`, total: 3, hasTotal: true, next: 50, hasNext: true},
		{name: "null next", status: 200, body: `{"result":[],"total":3,"next":null}`, result: `[]`, total: 3, hasTotal: true},
		{name: "garbled time is ignored", status: 200, body: `{"result":1,"time":"soon"}`, result: `1`},
		{name: "error envelope", status: 503, body: `{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}`,
			errCode: CodeQueryLimitExceeded, errStatus: 503},
		{name: "error with 200", status: 200, body: `{"error":"ACCESS_DENIED","error_description":"Access denied"}`,
			errCode: CodeAccessDenied, errStatus: 200},
		{name: "expired token", status: 401, body: `{"error":"expired_token","error_description":"The access token provided has expired."}`,
			errCode: CodeExpiredToken, errStatus: 401},
		{name: "numeric error code", status: 400, body: `{"error":400,"error_description":"Invalid parameters."}`,
			errCode: "400", errStatus: 400},
		{name: "html 502", status: 502, body: `<html>Bad gateway</html>`, errCode: CodeUnexpectedAnswer, errStatus: 502},
		{name: "empty body", status: 200, body: ``, errCode: CodeUnexpectedAnswer, errStatus: 200},
		{name: "json but not an object", status: 200, body: `[1,2]`, errCode: CodeUnexpectedAnswer, errStatus: 200},
		{name: "no result", status: 200, body: `{"time":{}}`, errCode: CodeUnexpectedAnswer, errStatus: 200},
		{name: "error status without envelope", status: 500, body: `{"result":1}`, errCode: CodeUnexpectedAnswer, errStatus: 500},
		{name: "bad total", status: 200, body: `{"result":[],"total":"many"}`, errCode: CodeUnexpectedAnswer, errStatus: 200},
		{name: "empty error means success", status: 200, body: `{"error":"","result":true}`, result: `true`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := DecodeEnvelope(tt.status, []byte(tt.body))
			if tt.errCode != "" {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("err = %v, want *Error %s", err, tt.errCode)
				}
				if e.Code != tt.errCode || e.HTTPStatus != tt.errStatus {
					t.Fatalf("err = %+v, want code %s status %d", e, tt.errCode, tt.errStatus)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Result) != tt.result || resp.Total != tt.total || resp.HasTotal != tt.hasTotal ||
				resp.Next != tt.next || resp.HasNext != tt.hasNext || resp.Time.OperatingResetAt != tt.resetAt {
				t.Fatalf("got %+v", resp)
			}
		})
	}
}

func TestErrorClassification(t *testing.T) {
	tests := []struct {
		err                        error
		rateLimited, retry, isAuth bool
	}{
		{&Error{Code: CodeQueryLimitExceeded, HTTPStatus: 503}, true, true, false},
		{&Error{Code: CodeOperationTimeLimit, HTTPStatus: 429}, true, true, false},
		{&Error{Code: CodeInternalServerError, HTTPStatus: 500}, false, true, false},
		{&Error{Code: CodeUnexpectedAnswer, HTTPStatus: 502}, false, true, false},
		{&Error{Code: CodeUnexpectedAnswer, HTTPStatus: 200}, false, false, false},
		{&Error{Code: CodePortalDeleted, HTTPStatus: 500}, false, false, false},
		{&Error{Code: CodeExpiredToken, HTTPStatus: 401}, false, false, true},
		{&Error{Code: CodeNoAuthFound, HTTPStatus: 401}, false, false, true},
		{&Error{Code: CodeMethodNotFound, HTTPStatus: 404}, false, false, false},
		{&NetError{msg: "send request: EOF"}, false, true, false},
		{&NetError{msg: "send request: x509", permanent: true}, false, false, false},
		{ErrInsecureURL, false, false, false},
		{errors.New("other"), false, false, false},
	}
	for _, tt := range tests {
		wrapped := errors.Join(errors.New("crm.status.list"), tt.err)
		if got := IsRateLimited(wrapped); got != tt.rateLimited {
			t.Errorf("IsRateLimited(%v) = %v", tt.err, got)
		}
		if got := IsRetryable(wrapped); got != tt.retry {
			t.Errorf("IsRetryable(%v) = %v", tt.err, got)
		}
		if got := IsAuth(wrapped); got != tt.isAuth {
			t.Errorf("IsAuth(%v) = %v", tt.err, got)
		}
	}
	err := error(&Error{Code: CodeMethodNotFound, Description: "Method not found!", HTTPStatus: http.StatusNotFound})
	if !errors.Is(err, ErrMethodNotFound) || errors.Is(err, ErrAccessDenied) {
		t.Fatal("errors.Is must compare codes")
	}
	if CodeOf(err) != CodeMethodNotFound || CodeOf(errors.New("x")) != "" {
		t.Fatal("CodeOf")
	}
}

func TestDecodeBatch(t *testing.T) {
	body := `{"result":{
		"result":{"users":[{"ID":"1"}],"cats":{"categories":[]}},
		"result_error":{"bad":{"error":"ERROR_METHOD_NOT_FOUND","error_description":"Method not found!"},"odd":"NOT_FOUND"},
		"result_total":{"users":137},
		"result_next":{"users":50},
		"result_time":{"users":{"operating_reset_at":17}}
	},"time":{}}`
	resp, err := DecodeEnvelope(200, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	b, err := DecodeBatch(resp.Result)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Results) != 2 || b.Totals["users"] != 137 || b.Nexts["users"] != 50 || b.Times["users"].OperatingResetAt != 17 {
		t.Fatalf("batch = %+v", b)
	}
	if b.Errors["bad"].Code != CodeMethodNotFound || b.Errors["odd"].Code != "NOT_FOUND" {
		t.Fatalf("errors = %+v", b.Errors)
	}

	// PHP sends empty maps and list-keyed maps as arrays.
	b, err = DecodeBatch([]byte(`{"result":[[1],[2]],"result_error":[],"result_total":[],"result_next":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	if string(b.Results["0"]) != "[1]" || string(b.Results["1"]) != "[2]" || len(b.Errors) != 0 {
		t.Fatalf("array batch = %+v", b)
	}
	for _, bad := range []string{`[]`, `"x"`, `{"result":5}`, `{"result_total":{"a":"x"}}`} {
		if _, err := DecodeBatch([]byte(bad)); err == nil {
			t.Errorf("DecodeBatch(%s) accepted", bad)
		}
	}
}

func TestTimeResetAt(t *testing.T) {
	if !(Time{}).ResetAt().IsZero() {
		t.Fatal("zero reset")
	}
	if got := (Time{OperatingResetAt: 100}).ResetAt(); !got.Equal(time.Unix(100, 0)) {
		t.Fatal(got)
	}
}
