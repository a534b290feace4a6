package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"robodesk/model"
	"robodesk/model/store"
	"robodesk/sync/bitrix24"
	"robodesk/sync/fake"
	"robodesk/sync/plan"
)

const testCode = "c1isecretc0de"

// syncSetup gives a project over the emulator's reference data without robots, an emulator with
// the demo robots, and a private credentials store and keyring.
func syncSetup(t *testing.T) (db string, srv *fake.Server, hook string) {
	t.Helper()
	keyring.MockInit()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	old := syncClient
	syncClient = bitrix24.Options{Retry: bitrix24.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond}}
	t.Cleanup(func() { syncClient = old })
	data := fake.Demo()
	db = filepath.Join(t.TempDir(), "p.sqlite")
	s, err := store.Create(db, "sync test", fake.FromPortal(data.Portal).Portal)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Every run starts a client with an empty bucket, while the portal's bucket remembers the runs
	// before; a roomy bucket keeps a dozen runs in a row from being paced.
	srv = fake.New(data, fake.Options{WebhookCode: testCode, Limit: bitrix24.Limit{Rate: 100, Burst: 200}})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return db, srv, srv.WebhookURL(ts.URL)
}

// edit changes the project file as the app would, and closes it again.
func edit(t *testing.T, db string, f func(s *store.Store)) {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f(s)
}

func robotCount(t *testing.T, db string) (n int) {
	edit(t, db, func(s *store.Store) { n = s.Project().RobotCount() })
	return n
}

func TestSyncCLI(t *testing.T) {
	db, srv, hook := syncSetup(t)
	var all strings.Builder // every output, to look for the secret at the end
	step := func(stdin string, args ...string) (int, string, string) {
		t.Helper()
		code, out, errs := cli(t, stdin, args...)
		all.WriteString(out + errs)
		return code, out, errs
	}
	newRef := model.StageRef{Entity: "DEAL", Status: "NEW"}
	writes := func() int64 { return srv.Stats().Methods[bitrix24.MethodTemplateSet] }

	if code, _, errs := step("", "sync", "plan", "--db", db); code != 2 || !strings.Contains(errs, "give --portal") {
		t.Fatalf("plan without a portal: %d %s", code, errs)
	}
	code, out, errs := step("", "sync", "pull", "--db", db, "--portal", hook)
	if code != 0 || !strings.Contains(out, "Pulled 127.0.0.1") || !strings.Contains(out, "take 4") || !strings.Contains(errs, "saved in the keyring") {
		t.Fatalf("pull: %d\n%s\n%s", code, out, errs)
	}
	if robotCount(t, db) != 0 {
		t.Fatal("pull changed robots")
	}
	// The webhook was saved: from now on the project's portal is enough.
	code, out, _ = step("", "sync", "plan", "--db", db)
	if code != 0 || !strings.Contains(out, "+ «Письмо клиенту» (A41275_10561_61920_84519)  ← portal") {
		t.Fatalf("plan: %d\n%s", code, out)
	}
	code, out, errs = step("n\n", "sync", "push", "--db", db)
	if code != 1 || !strings.Contains(errs, "Nothing was applied") || !strings.Contains(errs, "[y/N]") {
		t.Fatalf("push answered no: %d\n%s\n%s", code, out, errs)
	}
	if robotCount(t, db) != 0 || writes() != 0 {
		t.Fatal("push answered no changed something")
	}
	code, out, errs = step("y\n", "sync", "push", "--db", db)
	if code != 0 || !strings.Contains(out, "Applied 3 of 3 stages") || !strings.Contains(errs, "applied 3/3 stages") {
		t.Fatalf("push: %d\n%s\n%s", code, out, errs)
	}
	if robotCount(t, db) != 4 {
		t.Fatalf("%d robots after push", robotCount(t, db))
	}

	// Both sides change the same robot: plan reports a conflict, push refuses to guess.
	edit(t, db, func(s *store.Store) {
		r := s.Project().Robots(newRef)[0].Clone()
		r.Properties["Title"] = "мой"
		if _, err := s.Do(model.Update{Robots: []*model.Robot{r}}); err != nil {
			t.Fatal(err)
		}
	})
	remote, _ := plan.DecodeRobots(srv.Template("DEAL", "NEW").Robots)
	remote[0].Properties["Title"] = "их"
	raw, _ := plan.EncodeRobots(remote)
	if err := srv.Edit(func(d *fake.Data) error { return d.SetRobots(newRef, raw) }); err != nil {
		t.Fatal(err)
	}
	rev := srv.Template("DEAL", "NEW").Revision
	code, out, _ = step("", "sync", "plan", "--db", db)
	if code != 1 || !strings.Contains(out, "conflict: changed here, changed on the portal") {
		t.Fatalf("plan with a conflict: %d\n%s", code, out)
	}
	code, out, _ = step("", "sync", "plan", "--db", db, "--json")
	var js struct{ Summary plan.Summary }
	if code != 1 || json.Unmarshal([]byte(out), &js) != nil || js.Summary.Conflicts != 1 {
		t.Fatalf("plan --json: %d\n%s", code, out)
	}
	code, _, errs = step("", "sync", "push", "--db", db, "--yes")
	if code != 1 || !strings.Contains(errs, "conflicts wait for a choice") || srv.Template("DEAL", "NEW").Revision != rev {
		t.Fatalf("push with a conflict: %d %s", code, errs)
	}
	code, out, _ = step("", "sync", "push", "--db", db, "--yes", "--take", "theirs", "--json")
	var pushed struct {
		Result plan.Result
	}
	if code != 0 || json.Unmarshal([]byte(out), &pushed) != nil || len(pushed.Result.Applied) != 1 {
		t.Fatalf("push --take theirs: %d\n%s", code, out)
	}
	edit(t, db, func(s *store.Store) {
		if got := s.Project().Robots(newRef)[0].Title(); got != "их" {
			t.Fatalf("project holds %q", got)
		}
	})
	code, out, _ = step("", "sync", "plan", "--db", db)
	if code != 0 || !strings.Contains(out, "No changes") {
		t.Fatalf("after push: %d\n%s", code, out)
	}
	// Verbose logs every request, masked.
	code, _, errs = step("", "sync", "plan", "--db", db, "--portal", hook, "-v")
	if code != 0 || !strings.Contains(errs, "/rest/1/***/") {
		t.Fatalf("verbose: %d\n%s", code, errs)
	}
	if strings.Contains(all.String(), testCode) {
		t.Fatal("the webhook code was printed")
	}
	edit(t, db, func(s *store.Store) {})
	if bytes.Contains(projectFile(t, db), []byte(testCode)) {
		t.Fatal("the webhook code is in the project file")
	}
}

func projectFile(t *testing.T, db string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{db, db + "-wal"} {
		if b, err := os.ReadFile(p); err == nil {
			all = append(all, b...)
		}
	}
	return all
}

func TestSyncCLIUsage(t *testing.T) {
	db, _, hook := syncSetup(t)
	wrong := strings.Replace(hook, testCode, testCode+"x", 1)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"sync"}, 2, "usage: robodesk sync"},
		{[]string{"sync", "frob"}, 2, `unknown subcommand "frob"`},
		{[]string{"sync", "plan", "--db", db, "--take", "ours"}, 2, "use mine or theirs"},
		{[]string{"sync", "plan", "--portal", hook}, 2, "--db FILE is required"},
		{[]string{"sync", "plan", "--db", db, "--portal", "http://example.com/rest/1/" + testCode + "/"}, 2, "https required"},
		{[]string{"sync", "plan", "--db", db, "--portal", wrong}, 2, "NO_AUTH_FOUND"},
		{[]string{"sync", "plan", "--db", db, "--portal", "other.bitrix24.ru"}, 2, "no saved credentials"},
		{[]string{"fake-portal", "--fail-rate", "2"}, 2, "between 0 and 1"},
		{[]string{"fake-portal", "--addr", "0.0.0.0:0"}, 2, "only loopback"},
		{[]string{"fake-portal", "--addr", "127.0.0.1:0", "--seed", "nope"}, 2, "unknown seed"},
	}
	for _, tt := range tests {
		code, out, errs := cli(t, "", tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: %d %q, want %d %q", tt.args, code, errs, tt.code, tt.stderr)
		}
		if strings.Contains(out+errs, testCode) {
			t.Errorf("%v printed the webhook code: %s%s", tt.args, out, errs)
		}
	}
}

// lockedBuffer is written by the emulator's goroutine and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// fake-portal serves until interrupted; sync works against it.
func TestFakePortalCommand(t *testing.T) {
	db, _, _ := syncSetup(t)
	ctx, cancel := context.WithCancel(context.Background())
	old := interrupted
	interrupted = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Cleanup(func() { interrupted = old })
	var out lockedBuffer
	done := make(chan int)
	go func() {
		done <- run([]string{"fake-portal", "--addr", "127.0.0.1:0", "--code", "fakec0de", "--seed", "demo"}, strings.NewReader(""), &out, &out)
	}()
	var hook string
	for deadline := time.Now().Add(10 * time.Second); hook == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, line := range strings.Split(out.String(), "\n") {
			if u, ok := strings.CutPrefix(line, "webhook URL: "); ok {
				hook = u
			}
		}
	}
	if hook == "" || !strings.HasSuffix(hook, "/rest/1/fakec0de/") {
		t.Fatalf("no webhook URL in %q", out.String())
	}
	interrupted = old // the sync below must not share the emulator's context
	code, stdout, stderr := cli(t, "", "sync", "pull", "--db", db, "--portal", hook, "--json")
	var pulled struct {
		Connector string
		Plan      plan.Summary
	}
	seeded, err := fake.SeedData("demo")
	if err != nil {
		t.Fatal(err)
	}
	remote := 0
	for _, tpl := range seeded.Templates {
		var robots []json.RawMessage
		json.Unmarshal(tpl.Robots, &robots)
		remote += len(robots)
	}
	// The project had no robots: every robot of the demo portal is to be taken.
	if code != 0 || json.Unmarshal([]byte(stdout), &pulled) != nil || pulled.Connector != fake.ConnectorVersion || pulled.Plan.Take != remote || remote < 30 {
		t.Fatalf("pull from fake-portal: %d\n%s\n%s", code, stdout, stderr)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("fake-portal exit %d: %s", code, out.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("fake-portal did not stop")
	}
}

// Robots on a stage the portal lacks make plan and push exit 1: the two sides will not agree.
func TestSyncCLIBlockedStage(t *testing.T) {
	db, srv, hook := syncSetup(t)
	gone := model.StageRef{Entity: "DEAL", Status: "C1:PREPARATION"}
	edit(t, db, func(s *store.Store) {
		if _, err := s.Do(model.Add{To: gone, Index: -1, Robots: []*model.Robot{{Type: "SocNetMessageActivity", Activated: true,
			Properties: model.Properties{"Title": "Сирота"}}}}); err != nil {
			t.Fatal(err)
		}
	})
	if err := srv.Edit(func(d *fake.Data) error {
		pl := d.Portal.Entity("DEAL").Pipeline(1)
		pl.Stages = append(pl.Stages[:1], pl.Stages[2:]...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, "", "sync", "plan", "--db", db, "--portal", hook)
	if code != 1 || !strings.Contains(out, "blocked: the portal has no such stage") {
		t.Fatalf("plan: %d\n%s", code, out)
	}
	code, out, errs := cli(t, "", "sync", "push", "--db", db, "--yes", "--portal", strings.TrimSuffix(strings.SplitN(hook, "/rest/", 2)[0], "/"))
	if code != 1 || !strings.Contains(out, "Applied 3 of 3 stages") {
		t.Fatalf("push: %d\n%s\n%s", code, out, errs)
	}
	if robotCount(t, db) != 5 {
		t.Fatalf("%d robots: the blocked stage's robot must stay", robotCount(t, db))
	}
}
