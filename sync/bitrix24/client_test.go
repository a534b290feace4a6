package bitrix24_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"robodesk/sync/bitrix24"
	"robodesk/sync/fake"
)

// emulator starts a fake portal and returns it with its base URL.
func emulator(t testing.TB, data *fake.Data, opts fake.Options) (*fake.Server, string) {
	t.Helper()
	s := fake.New(data, opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

func webhook(t testing.TB, s *fake.Server, base string, opts bitrix24.Options) *bitrix24.Client {
	t.Helper()
	c, err := bitrix24.NewWebhook(s.WebhookURL(base), opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func users(n int) *fake.Data {
	return fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 1, Stages: 3, Users: n, Departments: 2}))
}

// fast retries keep fault tests quick; the behaviour is the same as with the defaults.
var fast = bitrix24.RetryPolicy{MaxAttempts: 12, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond}

func TestCallDecodesResult(t *testing.T) {
	s, base := emulator(t, fake.Demo(), fake.Options{})
	c := webhook(t, s, base, bitrix24.Options{})
	var cats struct {
		Categories []struct {
			ID   bitrix24.Int    `json:"id"`
			Name bitrix24.String `json:"name"`
		} `json:"categories"`
	}
	if err := c.Call(context.Background(), "crm.category.list", bitrix24.Params{"entityTypeId": 2}, &cats); err != nil {
		t.Fatal(err)
	}
	if len(cats.Categories) != 2 || cats.Categories[1].Name != "Партнёры" {
		t.Fatalf("categories = %+v", cats)
	}
	err := c.Call(context.Background(), "crm.nothing.here", nil, nil)
	var e *bitrix24.Error
	if !errors.As(err, &e) || e.Code != bitrix24.CodeMethodNotFound || e.HTTPStatus != http.StatusNotFound {
		t.Fatalf("err = %v", err)
	}
	if !strings.HasPrefix(err.Error(), "crm.nothing.here: ") {
		t.Fatalf("error %q does not name the method", err)
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestListPagesPast50(t *testing.T) {
	for _, n := range []int{0, 1, 50, 51, 137} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			s, base := emulator(t, users(n), fake.Options{})
			c := webhook(t, s, base, bitrix24.Options{})
			type user struct {
				ID bitrix24.Int `json:"ID"`
			}
			got, err := bitrix24.ListAs[user](context.Background(), c, "user.get", bitrix24.Params{"sort": "ID"})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != n {
				t.Fatalf("got %d users, want %d", len(got), n)
			}
			for i, u := range got {
				if int(u.ID) != i+1 {
					t.Fatalf("user %d has ID %d", i, u.ID)
				}
			}
			// The first page tells the total; the rest come in one batch.
			wantRequests := int64(1)
			if n > 50 {
				wantRequests = 2
			}
			if st := s.Stats(); st.Requests != wantRequests || st.Methods["user.get"] != int64(max(1, (n+49)/50)) {
				t.Fatalf("requests %d, user.get %d", st.Requests, st.Methods["user.get"])
			}
		})
	}
}

func TestBatchSplitsAt50(t *testing.T) {
	s, base := emulator(t, users(10), fake.Options{})
	c := webhook(t, s, base, bitrix24.Options{})
	var cmds []bitrix24.Command
	for i := 0; i < 120; i++ {
		switch {
		case i%40 == 7:
			cmds = append(cmds, bitrix24.Command{Method: "crm.no.such.method"})
		case i%40 == 8:
			cmds = append(cmds, bitrix24.Command{Method: "crm.category.list", Params: bitrix24.Params{"entityTypeId": 999}})
		default:
			cmds = append(cmds, bitrix24.Command{Key: "u" + strconv.Itoa(i), Method: "user.get", Params: bitrix24.Params{"ID": 1 + i%10}})
		}
	}
	res, err := c.Batch(context.Background(), cmds)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Stats()
	if st.Batches != 3 || st.Requests != 3 || st.BatchCommands != 120 {
		t.Fatalf("batches %d, requests %d, commands %d; want 3, 3, 120", st.Batches, st.Requests, st.BatchCommands)
	}
	if len(res) != 120 {
		t.Fatalf("%d results", len(res))
	}
	for i, r := range res {
		switch {
		case i%40 == 7:
			if !errors.Is(r.Err, bitrix24.ErrMethodNotFound) || !strings.Contains(r.Err.Error(), "crm.no.such.method") {
				t.Errorf("command %d: err = %v", i, r.Err)
			}
		case i%40 == 8:
			if bitrix24.CodeOf(r.Err) != bitrix24.CodeNotFound {
				t.Errorf("command %d: err = %v", i, r.Err)
			}
		default:
			var us []struct {
				ID bitrix24.Int `json:"ID"`
			}
			if r.Err != nil || json.Unmarshal(r.Result, &us) != nil || len(us) != 1 || int(us[0].ID) != 1+i%10 ||
				r.Key != "u"+strconv.Itoa(i) || !r.HasTotal || r.Total != 1 {
				t.Errorf("command %d: %+v", i, r)
			}
		}
	}
	// The portal itself refuses batches over 50.
	big := map[string]string{}
	for i := 0; i < 51; i++ {
		big["c"+strconv.Itoa(i)] = "server.time"
	}
	_, err = c.Do(context.Background(), "batch", bitrix24.Params{"halt": 0, "cmd": big})
	if bitrix24.CodeOf(err) != bitrix24.CodeBatchLengthExceeded {
		t.Fatalf("51 commands: %v", err)
	}
	if _, err := c.Batch(context.Background(), []bitrix24.Command{{Method: "batch"}}); err == nil {
		t.Fatal("nested batch accepted")
	}
	if _, err := c.Batch(context.Background(), []bitrix24.Command{{Key: "a", Method: "x"}, {Key: "a", Method: "y"}}); err == nil {
		t.Fatal("duplicate keys accepted")
	}
}

// memStore records the tokens a refresh hands over.
type memStore struct {
	mu    sync.Mutex
	saved []bitrix24.Tokens
}

func (m *memStore) SaveTokens(_ context.Context, t bitrix24.Tokens) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.saved = append(m.saved, t)
	return nil
}

func oauthClient(t testing.TB, base, access, refresh string, store bitrix24.TokenStore, opts bitrix24.Options) *bitrix24.Client {
	t.Helper()
	c, err := bitrix24.NewOAuth(bitrix24.OAuth{
		Endpoint: base + "/rest/", ClientID: "app.1", ClientSecret: "client-secret-xyz",
		Tokens: bitrix24.Tokens{AccessToken: access, RefreshToken: refresh}, TokenURL: base + "/oauth/token/", Store: store,
	}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOAuthRefreshOnExpiredToken(t *testing.T) {
	s, base := emulator(t, users(3), fake.Options{OAuth: &fake.OAuthOptions{ClientID: "app.1", ClientSecret: "client-secret-xyz"}})
	access, refresh := s.IssueTokens(-time.Minute) // already expired
	store := &memStore{}
	c := oauthClient(t, base, access, refresh, store, bitrix24.Options{})

	// Several calls at once meet the expired token; exactly one refresh happens, since a
	// refresh token works once.
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs[i] = c.Ping(context.Background())
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	st := s.Stats()
	if st.TokenRefreshes != 1 || st.ExpiredTokens < 1 || c.Stats().TokenRefreshes != 1 {
		t.Fatalf("refreshes %d (client %d), expired answers %d", st.TokenRefreshes, c.Stats().TokenRefreshes, st.ExpiredTokens)
	}
	if len(store.saved) != 1 {
		t.Fatalf("store got %d token pairs", len(store.saved))
	}
	saved := store.saved[0]
	if saved.RefreshToken == "" || saved.RefreshToken == refresh || saved.AccessToken == access ||
		saved != c.Tokens() || saved.Expires.IsZero() || !strings.HasPrefix(saved.ClientEndpoint, base) {
		t.Fatalf("saved %+v, client has %+v", saved, c.Tokens())
	}
	// The old refresh token is spent; the client goes on with the new access token.
	if err := c.Ping(context.Background()); err != nil || s.Stats().TokenRefreshes != 1 {
		t.Fatalf("after refresh: %v", err)
	}
	// A client that only kept a refresh token trades it first.
	_, onlyRefresh := s.IssueTokens(time.Hour)
	if err := oauthClient(t, base, "", onlyRefresh, nil, bitrix24.Options{}).Ping(context.Background()); err != nil {
		t.Fatalf("refresh token only: %v", err)
	}
	stale := oauthClient(t, base, access, refresh, nil, bitrix24.Options{})
	if err := stale.Ping(context.Background()); bitrix24.CodeOf(err) != bitrix24.CodeInvalidGrant || !bitrix24.IsAuth(err) {
		t.Fatalf("spent refresh token: %v", err)
	}
}

func TestHTTPSRequired(t *testing.T) {
	tests := []struct {
		name string
		new  func() error
		ok   bool
	}{
		{"webhook on a public host over http", func() error {
			_, err := bitrix24.NewWebhook("http://example.com/rest/1/abc123/", bitrix24.Options{})
			return err
		}, false},
		{"webhook on loopback over http", func() error {
			_, err := bitrix24.NewWebhook("http://127.0.0.1:8080/rest/1/abc123/", bitrix24.Options{})
			return err
		}, true},
		{"webhook over https", func() error {
			_, err := bitrix24.NewWebhook("https://example.com/rest/1/abc123/", bitrix24.Options{})
			return err
		}, true},
		{"OAuth endpoint over http", func() error {
			_, err := bitrix24.NewOAuth(bitrix24.OAuth{Endpoint: "http://example.com/rest/", Tokens: bitrix24.Tokens{AccessToken: "a"}}, bitrix24.Options{})
			return err
		}, false},
		{"OAuth token server over http", func() error {
			_, err := bitrix24.NewOAuth(bitrix24.OAuth{Endpoint: "https://example.com/rest/", TokenURL: "http://oauth.example.com/token/",
				Tokens: bitrix24.Tokens{AccessToken: "a"}}, bitrix24.Options{})
			return err
		}, false},
	}
	for _, tt := range tests {
		err := tt.new()
		if tt.ok != (err == nil) || (err != nil && !errors.Is(err, bitrix24.ErrInsecureURL)) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}

	// A redirect must not take the request to clear text either.
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://example.com"+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	c, err := bitrix24.NewWebhook(redirect.URL+"/rest/1/abc123/", bitrix24.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Ping(context.Background()); !errors.Is(err, bitrix24.ErrInsecureURL) || bitrix24.IsRetryable(err) {
		t.Fatalf("redirect to http: %v", err)
	}
}

func TestSecretsNeverLeak(t *testing.T) {
	const code = "w3bh00kc0de9"
	const secret = "client-secret-xyz"
	s, base := emulator(t, fake.Demo(), fake.Options{WebhookCode: code, DropRate: 0.2, ServerErrorRate: 0.2,
		OAuth: &fake.OAuthOptions{ClientID: "app.1", ClientSecret: secret}, RandSeed: 7})
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := bitrix24.Options{Logger: logger, Retry: fast}
	ctx := context.Background()
	var errs []error
	record := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	good := webhook(t, s, base, opts)
	record(good.Ping(ctx))
	record(good.Call(ctx, "crm.no.such.method", nil, nil))
	_, err := good.List(ctx, "user.get", nil)
	record(err)
	wrong, err := bitrix24.NewWebhook(base+"/rest/1/"+code+"x/", bitrix24.Options{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	record(wrong.Ping(ctx))
	gone, err := bitrix24.NewWebhook("http://127.0.0.1:1/rest/1/"+code+"/", bitrix24.Options{Logger: logger, Retry: bitrix24.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	record(gone.Ping(ctx))
	_, err = bitrix24.NewWebhook("http://example.com/rest/1/"+code+"/", bitrix24.Options{})
	record(err)

	access, refresh := s.IssueTokens(-time.Second)
	store := &memStore{}
	oc := oauthClient(t, base, access, refresh, store, opts)
	record(oc.Ping(ctx))
	record(oc.Call(ctx, "crm.no.such.method", nil, nil))
	badSecret, err := bitrix24.NewOAuth(bitrix24.OAuth{Endpoint: base + "/rest/", ClientID: "app.1", ClientSecret: secret + "!",
		Tokens: bitrix24.Tokens{AccessToken: "expired-access-" + access, RefreshToken: "spent-" + refresh}, TokenURL: base + "/oauth/token/"},
		bitrix24.Options{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	record(badSecret.Ping(ctx))

	if len(store.saved) != 1 {
		t.Fatalf("no refresh happened (%d)", len(store.saved))
	}
	secrets := []string{code, secret, access, refresh, store.saved[0].AccessToken, store.saved[0].RefreshToken}
	text := logs.String()
	for _, err := range errs {
		text += "\n" + err.Error() + "\n" + fmt.Sprintf("%v %+v %#v", err, err, err)
	}
	if !strings.Contains(logs.String(), "url=") || len(errs) < 5 {
		t.Fatalf("the scenario logged too little to prove anything (%d errors):\n%s", len(errs), logs.String())
	}
	for _, sec := range secrets {
		if strings.Contains(text, sec) {
			t.Errorf("secret %q leaked:\n%s", sec, text)
		}
	}
	if !strings.Contains(text, bitrix24.Mask) {
		t.Error("nothing was masked, so the URLs were never logged")
	}
	if got := good.Redact("see " + s.WebhookURL(base)); strings.Contains(got, code) {
		t.Errorf("Redact left the code in %q", got)
	}
}

func TestRetriesConvergeUnderFaults(t *testing.T) {
	limit := bitrix24.Limit{Rate: 100, Burst: 20}
	data := fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 6, Stages: 8, Users: 260, Departments: 4, SmartProcesses: 1}))
	s, base := emulator(t, data, fake.Options{Limit: limit, QueryLimitRate: 0.30, ServerErrorRate: 0.05, DropRate: 0.05,
		Latency: 2 * time.Millisecond, RandSeed: 42})
	c := webhook(t, s, base, bitrix24.Options{Limit: limit, Retry: fast})
	ctx := context.Background()

	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 5; round++ {
				all, err := c.List(ctx, "user.get", nil)
				if err != nil {
					errs <- err
					return
				}
				if len(all) != 260 {
					errs <- fmt.Errorf("got %d users", len(all))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st := s.Stats()
	if st.Faults[fake.FaultQueryLimit] == 0 || st.Faults[fake.FaultServerError] == 0 || st.Faults[fake.FaultDrop] == 0 {
		t.Fatalf("faults were not injected: %v", st.Faults)
	}
	if st.RefusedByLimit != 0 {
		t.Fatalf("the portal refused %d requests for its rate limit although the client paced itself", st.RefusedByLimit)
	}
	if c.Stats().Retries == 0 {
		t.Fatal("nothing was retried")
	}
	t.Logf("%d requests, faults %v, client retries %d", st.Requests, st.Faults, c.Stats().Retries)
}

func TestWithoutLimiterThePortalRefuses(t *testing.T) {
	limit := bitrix24.Limit{Rate: 5, Burst: 10}
	s, base := emulator(t, users(5), fake.Options{Limit: limit})
	c := webhook(t, s, base, bitrix24.Options{NoLimiter: true, Retry: bitrix24.RetryPolicy{MaxAttempts: 1}})
	refused := 0
	for i := 0; i < 20; i++ {
		if err := c.Ping(context.Background()); bitrix24.IsRateLimited(err) {
			refused++
		}
	}
	if st := s.Stats(); refused == 0 || st.RefusedByLimit != int64(refused) {
		t.Fatalf("client saw %d refusals, portal counted %d", refused, st.RefusedByLimit)
	}
}

func TestContextCancellation(t *testing.T) {
	s, base := emulator(t, users(5), fake.Options{Latency: 10 * time.Second})
	c := webhook(t, s, base, bitrix24.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Ping(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || bitrix24.IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the call outlived its context")
	}
	// A cancelled context also stops a wait in the limiter.
	slow := webhook(t, s, base, bitrix24.Options{Limit: bitrix24.Limit{Rate: 0.001, Burst: 2}})
	ctx2, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if err := slow.Ping(ctx2); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestAttemptTimeoutIsRetried(t *testing.T) {
	var calls int
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			time.Sleep(300 * time.Millisecond) // longer than the attempt timeout
		}
		fmt.Fprint(w, `{"result":"ok"}`)
	}))
	defer srv.Close()
	c, err := bitrix24.NewWebhook(srv.URL+"/rest/1/abc/", bitrix24.Options{AttemptTimeout: 50 * time.Millisecond, Retry: fast})
	if err != nil {
		t.Fatal(err)
	}
	var out string
	if err := c.Call(context.Background(), "server.time", nil, &out); err != nil || out != "ok" || c.Stats().Retries != 1 {
		t.Fatalf("out %q, err %v, retries %d", out, err, c.Stats().Retries)
	}
}

// fakeClock lets OPERATION_TIME_LIMIT waits pass instantly while recording them.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	f.slept = append(f.slept, d)
	return ctx.Err()
}

func TestOperationTimeLimitWaitsForReset(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_750_000_000, 0)}
	resetAt := clock.now.Add(42 * time.Second)
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"error":"OPERATION_TIME_LIMIT","error_description":"Method is blocked due to operation time limit.","time":{"operating_reset_at":%d}}`, resetAt.Unix())
			return
		}
		fmt.Fprint(w, `{"result":true}`)
	}))
	defer srv.Close()
	c, err := bitrix24.NewWebhook(srv.URL+"/rest/1/abc/", bitrix24.Options{Clock: clock, NoLimiter: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != 1 || clock.slept[0] != 42*time.Second {
		t.Fatalf("slept %v, want 42s until operating_reset_at", clock.slept)
	}

	// A reset beyond MaxWait is not waited for.
	calls = 0
	c2, _ := bitrix24.NewWebhook(srv.URL+"/rest/1/abc/", bitrix24.Options{Clock: clock, NoLimiter: true, Retry: bitrix24.RetryPolicy{MaxWait: time.Second}})
	resetAt = clock.Now().Add(time.Hour)
	if err := c2.Ping(context.Background()); !errors.Is(err, bitrix24.ErrOperationTimeLimit) {
		t.Fatalf("err = %v", err)
	}
}

func TestConnectorInfo(t *testing.T) {
	s, base := emulator(t, fake.Demo(), fake.Options{})
	c := webhook(t, s, base, bitrix24.Options{})
	info, err := c.ConnectorInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Protocol != bitrix24.ConnectorProtocol || !info.Has(bitrix24.CapTemplateSet) || info.Version == "" {
		t.Fatalf("info = %+v", info)
	}
	s2, base2 := emulator(t, fake.Demo(), fake.Options{NoConnector: true})
	_, err = webhook(t, s2, base2, bitrix24.Options{}).ConnectorInfo(context.Background())
	if !errors.Is(err, bitrix24.ErrNoConnector) || !strings.Contains(err.Error(), "exported") {
		t.Fatalf("err = %v", err)
	}
}

// A command that failed inside a batch for a transient reason is sent again in a later batch;
// the others are not.
func TestBatchRetriesTransientCommands(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Cmd map[string]string `json:"cmd"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		keys := make([]string, 0, len(req.Cmd))
		for k := range req.Cmd {
			keys = append(keys, k)
		}
		bodies = append(bodies, strings.Join(keys, ","))
		if len(bodies) == 1 {
			fmt.Fprint(w, `{"result":{"result":{"ok":1},"result_error":{"busy":{"error":"OPERATION_TIME_LIMIT","error_description":"later"},
				"gone":{"error":"NOT_FOUND","error_description":"no"}}}}`)
			return
		}
		fmt.Fprint(w, `{"result":{"result":{"busy":2},"result_error":[]}}`)
	}))
	defer srv.Close()
	clock := &fakeClock{now: time.Unix(1_750_000_000, 0)}
	c, err := bitrix24.NewWebhook(srv.URL+"/rest/1/abc/", bitrix24.Options{Clock: clock, NoLimiter: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Batch(context.Background(), []bitrix24.Command{{Key: "ok", Method: "a"}, {Key: "busy", Method: "b"}, {Key: "gone", Method: "c"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 2 || bodies[1] != "busy" {
		t.Fatalf("batches sent: %q", bodies)
	}
	if string(res[0].Result) != "1" || string(res[1].Result) != "2" || res[1].Err != nil || bitrix24.CodeOf(res[2].Err) != bitrix24.CodeNotFound {
		t.Fatalf("results %+v", res)
	}
	if len(clock.slept) != 1 {
		t.Fatalf("slept %v, want one backoff between the batches", clock.slept)
	}
}
