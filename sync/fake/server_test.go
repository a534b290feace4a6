package fake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"robodesk/model"
	"robodesk/sync/bitrix24"
	"robodesk/sync/fake"
)

// call posts a JSON body to path and decodes the envelope.
func call(t *testing.T, base, path string, body any) (*bitrix24.Response, error) {
	t.Helper()
	b, ok := body.([]byte)
	if !ok {
		b, _ = json.Marshal(body)
	}
	res, err := http.Post(base+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return bitrix24.DecodeEnvelope(res.StatusCode, data)
}

func start(t *testing.T, data *fake.Data, opts fake.Options) (*fake.Server, string) {
	t.Helper()
	s := fake.New(data, opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

func users(n int) *fake.Data {
	return fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 2, Stages: 4, Users: n, Departments: 3}))
}

func assertCode(t *testing.T, err error, code string, status int) {
	t.Helper()
	var e *bitrix24.Error
	if !errors.As(err, &e) || e.Code != code || e.HTTPStatus != status {
		t.Fatalf("err = %v, want %s (HTTP %d)", err, code, status)
	}
}

func TestWebhookAuth(t *testing.T) {
	s, base := start(t, nil, fake.Options{WebhookUser: 7, WebhookCode: "secretcode"})
	if !strings.HasSuffix(s.WebhookURL(base), "/rest/7/secretcode/") {
		t.Fatalf("webhook URL %s", s.WebhookURL(base))
	}
	if _, err := call(t, base, "/rest/7/secretcode/server.time.json", nil); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/rest/7/wrongcode/server.time", "/rest/8/secretcode/server.time", "/rest/server.time"} {
		_, err := call(t, base, path, nil)
		assertCode(t, err, bitrix24.CodeNoAuthFound, http.StatusUnauthorized)
	}
	_, err := call(t, base, "/rest/7/secretcode/no.such.method", nil)
	assertCode(t, err, bitrix24.CodeMethodNotFound, http.StatusNotFound)
	if st := s.Stats(); st.AuthFailures != 3 || st.Requests != 5 {
		t.Fatalf("stats %+v", st)
	}
}

func TestOAuthTokens(t *testing.T) {
	s, base := start(t, nil, fake.Options{OAuth: &fake.OAuthOptions{ClientID: "app", ClientSecret: "sec", AccessTTL: time.Hour}})
	access, refresh := s.IssueTokens(time.Hour)
	expired, _ := s.IssueTokens(-time.Second)
	if _, err := call(t, base, "/rest/server.time", map[string]string{"auth": access}); err != nil {
		t.Fatal(err)
	}
	_, err := call(t, base, "/rest/server.time", map[string]string{"auth": expired})
	assertCode(t, err, bitrix24.CodeExpiredToken, http.StatusUnauthorized)
	_, err = call(t, base, "/rest/server.time", map[string]string{"auth": "made-up"})
	assertCode(t, err, bitrix24.CodeInvalidToken, http.StatusUnauthorized)

	token := func(q url.Values) map[string]any {
		res, err := http.Get(base + "/oauth/token/?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(res.Body).Decode(&out)
		return out
	}
	q := url.Values{"grant_type": {"refresh_token"}, "client_id": {"app"}, "client_secret": {"wrong"}, "refresh_token": {refresh}}
	if got := token(q); got["error"] != "invalid_client" {
		t.Fatalf("wrong secret: %v", got)
	}
	q.Set("client_secret", "sec")
	got := token(q)
	newAccess, _ := got["access_token"].(string)
	if newAccess == "" || got["refresh_token"] == refresh || got["expires_in"] != float64(3600) {
		t.Fatalf("refresh: %v", got)
	}
	if again := token(q); again["error"] != bitrix24.CodeInvalidGrant {
		t.Fatalf("a refresh token must work once: %v", again)
	}
	if _, err := call(t, base, "/rest/server.time", map[string]string{"auth": newAccess}); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(); st.TokenRefreshes != 1 || st.ExpiredTokens != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestListPages(t *testing.T) {
	s, base := start(t, users(137), fake.Options{WebhookCode: "c"})
	path := "/rest/1/c/user.get"
	for _, tt := range []struct {
		start, items, next int
		hasNext            bool
	}{{0, 50, 50, true}, {50, 50, 100, true}, {100, 37, 0, false}, {500, 0, 0, false}} {
		r, err := call(t, base, path, map[string]any{"start": tt.start})
		if err != nil {
			t.Fatal(err)
		}
		items, _ := bitrix24.ListItems(r.Result)
		if len(items) != tt.items || r.Total != 137 || !r.HasTotal || r.HasNext != tt.hasNext || r.Next != tt.next {
			t.Errorf("start %d: %d items, total %d, next %d/%v", tt.start, len(items), r.Total, r.Next, r.HasNext)
		}
	}
	_ = s
}

func TestBatchWire(t *testing.T) {
	_, base := start(t, users(3), fake.Options{WebhookCode: "c"})
	r, err := call(t, base, "/rest/1/c/batch", []byte(`{"halt":0,"cmd":{
		"z_users": "user.get?ID=2",
		"a_bad":   "crm.no.such",
		"m_stat":  "crm.status.list?filter[ENTITY_ID]=STATUS",
		"nested":  "batch?cmd[x]=server.time"}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := bitrix24.DecodeBatch(r.Result)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Results) != 2 || b.Totals["z_users"] != 1 || b.Totals["m_stat"] != 4 {
		t.Fatalf("batch = %+v", b)
	}
	if b.Errors["a_bad"].Code != bitrix24.CodeMethodNotFound || b.Errors["nested"].Code != bitrix24.CodeBatchMethodNotAllowed {
		t.Fatalf("errors = %+v", b.Errors)
	}
	// Keys keep the order they were sent in.
	if i, j := bytes.Index(r.Result, []byte(`"z_users"`)), bytes.Index(r.Result, []byte(`"m_stat"`)); i < 0 || j < i {
		t.Fatalf("order lost: %s", r.Result)
	}

	// A list of commands, halt=1: the failing command stops the rest; empty parts are PHP arrays.
	r, err = call(t, base, "/rest/1/c/batch", map[string]any{"halt": 1, "cmd": []string{"server.time", "crm.no.such", "server.time"}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(r.Result, []byte(`"result_total":[]`)) {
		t.Fatalf("empty parts must be arrays: %s", r.Result)
	}
	b, _ = bitrix24.DecodeBatch(r.Result)
	if len(b.Results) != 1 || b.Errors["1"] == nil {
		t.Fatalf("halt: %+v", b)
	}

	cmds := map[string]string{}
	for i := 0; i <= bitrix24.MaxBatch; i++ {
		cmds["k"+strconv.Itoa(i)] = "server.time"
	}
	_, err = call(t, base, "/rest/1/c/batch", map[string]any{"cmd": cmds})
	assertCode(t, err, bitrix24.CodeBatchLengthExceeded, http.StatusBadRequest)
}

func TestFormAndQueryParams(t *testing.T) {
	_, base := start(t, users(3), fake.Options{WebhookCode: "c"})
	res, err := http.Post(base+"/rest/1/c/crm.status.list?order[SORT]=ASC", "application/x-www-form-urlencoded",
		strings.NewReader("filter%5BENTITY_ID%5D=STATUS"))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	r, err := bitrix24.DecodeEnvelope(res.StatusCode, data)
	if err != nil || r.Total != 4 {
		t.Fatalf("form params: %v, %s", err, data)
	}
}

// clock is a settable clock for the leaky bucket.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestLeakyBucket(t *testing.T) {
	clk := &clock{now: time.Unix(1_700_000_000, 0)}
	s, base := start(t, nil, fake.Options{WebhookCode: "c", Limit: bitrix24.Limit{Rate: 2, Burst: 3}, Now: clk.Now})
	path := "/rest/1/c/server.time"
	for i := 0; i < 3; i++ {
		if _, err := call(t, base, path, nil); err != nil {
			t.Fatalf("request %d within the burst: %v", i, err)
		}
	}
	_, err := call(t, base, path, nil)
	assertCode(t, err, bitrix24.CodeQueryLimitExceeded, http.StatusServiceUnavailable)
	clk.add(500 * time.Millisecond) // one request drains
	if _, err := call(t, base, path, nil); err != nil {
		t.Fatalf("after draining: %v", err)
	}
	_, err = call(t, base, path, nil)
	assertCode(t, err, bitrix24.CodeQueryLimitExceeded, http.StatusServiceUnavailable)
	if st := s.Stats(); st.RefusedByLimit != 2 || st.Requests != 6 || st.Commands != 4 {
		t.Fatalf("stats %+v", st)
	}
}

func TestFaultInjection(t *testing.T) {
	s, base := start(t, nil, fake.Options{WebhookCode: "c", NoLimit: true, FailRate: 1, RandSeed: 1})
	kinds := map[string]int{}
	for i := 0; i < 60; i++ {
		res, err := http.Post(base+"/rest/1/c/server.time", "application/json", nil)
		if err != nil {
			kinds[fake.FaultDrop]++
			continue
		}
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		_, derr := bitrix24.DecodeEnvelope(res.StatusCode, data)
		switch bitrix24.CodeOf(derr) {
		case bitrix24.CodeQueryLimitExceeded:
			kinds[fake.FaultQueryLimit]++
		case bitrix24.CodeInternalServerError:
			kinds[fake.FaultServerError]++
		default:
			t.Fatalf("request %d was not faulted: %v", i, derr)
		}
	}
	st := s.Stats()
	for _, k := range []string{fake.FaultQueryLimit, fake.FaultServerError, fake.FaultDrop} {
		if kinds[k] == 0 || int64(kinds[k]) != st.Faults[k] {
			t.Errorf("%s: client saw %d, emulator counted %d", k, kinds[k], st.Faults[k])
		}
	}
	if st.RefusedByLimit != 0 {
		t.Errorf("injected refusals must not count as the bucket's: %d", st.RefusedByLimit)
	}
}

func TestTemplateSetArguments(t *testing.T) {
	_, base := start(t, nil, fake.Options{WebhookCode: "c"})
	path := "/rest/1/c/" + bitrix24.MethodTemplateSet
	doc := []string{"crm", "CCrmDocumentDeal", "DEAL"}
	for _, tt := range []struct {
		body map[string]any
		code string
	}{
		{map[string]any{"DOCUMENT_STATUS": "NEW", "REVISION": "1", "ROBOTS": []any{}}, bitrix24.CodeArgument},
		{map[string]any{"DOCUMENT_TYPE": []string{"crm", "Wrong", "DEAL"}, "DOCUMENT_STATUS": "NEW", "REVISION": "1", "ROBOTS": []any{}}, bitrix24.CodeDocumentType},
		{map[string]any{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "NEW", "ROBOTS": []any{}}, bitrix24.CodeArgument},
		{map[string]any{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "NEW", "REVISION": "1"}, bitrix24.CodeArgument},
		{map[string]any{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "NEW", "REVISION": "1", "ROBOTS": map[string]any{"a": 1}}, bitrix24.CodeArgument},
		{map[string]any{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "NOPE", "REVISION": "1", "ROBOTS": []any{}}, bitrix24.CodeStageNotFound},
		{map[string]any{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "NEW", "REVISION": "7", "ROBOTS": []any{}}, bitrix24.CodeRevisionConflict},
		{map[string]any{"DOCUMENT_TYPE": doc, "DOCUMENT_STATUS": "NEW", "REVISION": 1, "ROBOTS": "[]"}, ""},
	} {
		_, err := call(t, base, path, tt.body)
		if tt.code == "" {
			if err != nil {
				t.Errorf("%v: %v", tt.body, err)
			}
			continue
		}
		assertCode(t, err, tt.code, http.StatusBadRequest)
	}
}

// lines is a concurrency-safe writer for Serve's start-up lines.
type lines struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lines) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.buf.Write(p) }
func (l *lines) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.buf.String() }

func TestServe(t *testing.T) {
	if err := fake.Serve(context.Background(), "0.0.0.0:0", fake.Options{}); err == nil {
		t.Fatal("a non-loopback address was accepted")
	}
	if err := fake.Serve(context.Background(), "127.0.0.1:0", fake.Options{Seed: "nope"}); err == nil {
		t.Fatal("an unknown seed was accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &lines{}
	done := make(chan error, 1)
	go func() { done <- fake.Serve(ctx, "127.0.0.1:0", fake.Options{Seed: "demo", Out: out}) }()
	var hook string
	for i := 0; i < 200 && hook == ""; i++ {
		if _, after, ok := strings.Cut(out.String(), "webhook URL: "); ok {
			hook = strings.TrimSpace(after)
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if hook == "" {
		t.Fatal("Serve printed no webhook URL")
	}
	c, err := bitrix24.NewWebhook(hook, bitrix24.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve returned %v after cancel", err)
	}
}

func TestSeeds(t *testing.T) {
	for _, seed := range []string{"", "demo", "big", "empty"} {
		d, err := fake.SeedData(seed)
		if err != nil || d.Portal == nil {
			t.Fatalf("seed %q: %v", seed, err)
		}
	}
	big, _ := fake.SeedData("big")
	pipelines, stages := 0, 0
	for _, e := range big.Portal.Entities {
		if e.ID == "LEAD" {
			continue
		}
		pipelines += len(e.Pipelines)
		for _, pl := range e.Pipelines {
			stages += len(pl.Stages)
		}
	}
	if pipelines != 20 || stages != 300 || len(big.Portal.Users) != 500 {
		t.Fatalf("big seed: %d pipelines, %d stages, %d users", pipelines, stages, len(big.Portal.Users))
	}
	demo := fake.Demo()
	if err := demo.SetRobots(model.StageRef{Entity: "DEAL", Status: "NOPE"}, json.RawMessage(`[]`)); err == nil {
		t.Fatal("robots on an unknown stage accepted")
	}
	if err := demo.SetRobots(model.StageRef{Entity: "DEAL", Status: "NEW"}, json.RawMessage(`{}`)); err == nil {
		t.Fatal("robots that are not an array accepted")
	}
}
