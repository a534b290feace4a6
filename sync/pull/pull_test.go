package pull_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"robodesk/model"
	"robodesk/sync/bitrix24"
	"robodesk/sync/fake"
	"robodesk/sync/pull"
)

// portal starts an emulator for data and returns a client for its webhook.
func portal(t testing.TB, data *fake.Data, opts fake.Options) (*fake.Server, *bitrix24.Client) {
	t.Helper()
	s := fake.New(data, opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	c, err := bitrix24.NewWebhook(s.WebhookURL(ts.URL), bitrix24.Options{NoLimiter: true})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// comparable drops what a pull cannot know (portal-level settings that have no REST method)
// and what it adds (the time of the pull).
func comparable(p *model.Portal) *model.Portal {
	b, _ := json.Marshal(p)
	var cp model.Portal
	_ = json.Unmarshal(b, &cp)
	cp.Name, cp.Locale, cp.DateFormat, cp.DateTimeFormat = "", "", "", ""
	cp.PulledAt = time.Time{}
	cp.Calendar = model.Portal{}.Calendar
	return &cp
}

func TestPullRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		data *fake.Data
	}{
		{"demo", fake.Demo()},
		{"generated", fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 7, Stages: 6, Users: 60, Departments: 3, SmartProcesses: 2}))},
		{"no leads", func() *fake.Data {
			p := fake.Generate(fake.Gen{Pipelines: 2, Stages: 3, Users: 1})
			p.Entities = p.Entities[1:]
			return fake.FromPortal(p)
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := portal(t, tt.data, fake.Options{})
			before := time.Now()
			got, err := pull.Pull(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			if got.PulledAt.Before(before.Add(-time.Second)) || got.Name != c.Host() {
				t.Errorf("PulledAt %v, Name %q", got.PulledAt, got.Name)
			}
			want := comparable(tt.data.Portal)
			have := comparable(got)
			if !reflect.DeepEqual(have, want) {
				gj, _ := json.MarshalIndent(have, "", " ")
				wj, _ := json.MarshalIndent(want, "", " ")
				t.Fatalf("pulled portal differs: %s", firstDiff(string(gj), string(wj)))
			}
		})
	}
}

func TestPullPagesPast50Users(t *testing.T) {
	data := fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 1, Stages: 3, Users: 137, Departments: 2}))
	s, c := portal(t, data, fake.Options{})
	got, err := pull.Pull(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Users) != 137 || got.Users[0].ID != 1 || got.Users[136].ID != 137 {
		t.Fatalf("pulled %d users", len(got.Users))
	}
	if n := s.Stats().Methods["user.get"]; n != 3 {
		t.Fatalf("user.get ran %d times, want 3 pages", n)
	}
}

func TestPullReportsTheFailingMethod(t *testing.T) {
	_, c := portal(t, fake.Demo(), fake.Options{Refuse: map[string]string{"crm.status.list": bitrix24.CodeAccessDenied}})
	_, err := pull.Pull(context.Background(), c)
	if !errors.Is(err, bitrix24.ErrAccessDenied) {
		t.Fatalf("err = %v, want ACCESS_DENIED", err)
	}
	for _, want := range []string{"crm.status.list", "ENTITY_ID=", "ACCESS_DENIED"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestPullWithoutOptionalMethods(t *testing.T) {
	refuse := map[string]string{"crm.enum.ownertype": bitrix24.CodeMethodNotFound, "crm.currency.base.get": bitrix24.CodeAccessDenied}
	_, c := portal(t, fake.Demo(), fake.Options{Refuse: refuse})
	got, err := pull.Pull(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if got.Entity("DEAL").Title != "Deal" || got.Currency != "" || got.Entity("DYNAMIC_128").Title != "Доставка" {
		t.Fatalf("titles %q %q, currency %q", got.Entity("DEAL").Title, got.Entity("DYNAMIC_128").Title, got.Currency)
	}
}

// firstDiff shows where two renderings part, with a little context.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		if i >= len(g) || i >= len(w) || g[i] != w[i] {
			from := max(i-6, 0)
			return "\n got: " + strings.Join(g[from:min(i+3, len(g))], "\n") + "\nwant: " + strings.Join(w[from:min(i+3, len(w))], "\n")
		}
	}
	return "(same rendering)"
}

// Against a portal that refuses 30 % of requests with QUERY_LIMIT_EXCEEDED, fails 5 % with
// HTTP 500, drops 5 % of connections and answers slowly, pulls still converge to the right
// snapshot, and the portal never refuses a request for its own rate limit because the client
// paces itself.
func TestPullUnderFaults(t *testing.T) {
	limit := bitrix24.Limit{Rate: 20, Burst: 10}
	data := fake.FromPortal(fake.Generate(fake.Gen{Pipelines: 8, Stages: 6, Users: 180, Departments: 4, SmartProcesses: 1}))
	s := fake.New(data, fake.Options{Limit: limit, QueryLimitRate: 0.30, ServerErrorRate: 0.05, DropRate: 0.05,
		Latency: 3 * time.Millisecond, RandSeed: 2024})
	ts := httptest.NewServer(s)
	defer ts.Close()
	c, err := bitrix24.NewWebhook(s.WebhookURL(ts.URL), bitrix24.Options{Limit: limit,
		Retry: bitrix24.RetryPolicy{MaxAttempts: 15, BaseDelay: time.Millisecond, MaxDelay: 30 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	want := comparable(data.Portal)
	for i := 0; i < 6; i++ {
		got, err := pull.Pull(context.Background(), c)
		if err != nil {
			t.Fatalf("pull %d: %v", i, err)
		}
		if !reflect.DeepEqual(comparable(got), want) {
			t.Fatalf("pull %d returned a different snapshot", i)
		}
	}
	st := s.Stats()
	if st.RefusedByLimit != 0 {
		t.Fatalf("the portal refused %d requests for its rate limit", st.RefusedByLimit)
	}
	if st.Faults[fake.FaultQueryLimit] == 0 || st.Faults[fake.FaultServerError]+st.Faults[fake.FaultDrop] == 0 {
		t.Fatalf("faults were not injected: %v", st.Faults)
	}
	t.Logf("%d requests, faults %v, refused by limit %d, client retries %d", st.Requests, st.Faults, st.RefusedByLimit, c.Stats().Retries)
}
