package engine_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"robodesk/model"
	"robodesk/model/exchange"
	"robodesk/sync/creds"
	"robodesk/sync/engine"
	"robodesk/sync/fake"
)

// leaks reports which secrets appear in data.
func leaks(data []byte, secrets []string) []string {
	var out []string
	for _, s := range secrets {
		if s != "" && bytes.Contains(data, []byte(s)) {
			out = append(out, s)
		}
	}
	return out
}

// projectBytes is everything the project file consists of on disk (SQLite keeps recent writes
// in the -wal file).
func projectBytes(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if b, err := os.ReadFile(p); err == nil {
			all = append(all, b...)
		}
	}
	return all
}

// exports writes every pipeline in both of Bitrix24's formats.
func exports(t *testing.T, p *model.Project) []byte {
	t.Helper()
	var all []byte
	for _, e := range p.Portal.Entities {
		for _, pl := range e.Pipelines {
			data, err := exchange.Export(p, e.Key(pl), exchange.Templates, "")
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, data...)
			for _, st := range pl.Stages {
				data, err := exchange.Export(p, e.Key(pl), exchange.RoboPackage, st.StatusID)
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, data...)
			}
		}
	}
	return all
}

// Neither a webhook code nor OAuth tokens or the client secret reach the project file, exports,
// plans, logs or errors, through a whole sync and through failures.
func TestSecretsNeverLeak(t *testing.T) {
	const code = "hookc0de5ecret"
	const clientSecret = "client-secret-5ecret"
	b := newBench(t, setup{fake: fake.Options{WebhookCode: code,
		OAuth: &fake.OAuthOptions{ClientID: "app.42", ClientSecret: clientSecret, AccessTTL: time.Hour}}})
	var seen bytes.Buffer // everything a user or a log could see
	b.do(model.Add{To: dealNew, Index: -1, Robots: []*model.Robot{robot("Мой")}})
	p := b.pull()
	_ = p.WriteText(&seen)
	js, _ := json.Marshal(p)
	seen.Write(js)
	res := b.apply(p)
	js, _ = json.Marshal(res)
	seen.Write(js)

	// Failures: a wrong code, a wrong token, an unreachable portal.
	for _, portal := range []string{
		strings.Replace(b.hook, code, code+"x", 1),
		"http://127.0.0.1:1/rest/1/" + code + "/",
	} {
		if _, err := b.eng.Connect(b.ctx, portal); err == nil {
			t.Fatalf("connected with %s", portal)
		} else {
			seen.WriteString(err.Error())
		}
	}

	// OAuth: the emulator's token endpoint swaps the refresh token on first use.
	_, refresh := b.srv.IssueTokens(-time.Minute)
	cs, _ := creds.Open(creds.Options{Dir: t.TempDir(), NoKeyring: true})
	oauth := engine.New(engine.Options{Creds: cs, Logger: slog.New(slog.NewTextHandler(b.log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if _, err := oauth.ConnectOAuth(b.ctx, b.base, "app.42", clientSecret, refresh); err != nil {
		t.Fatal(err)
	}
	b.do(model.Add{To: dealWon, Index: -1, Robots: []*model.Robot{robot("Через OAuth")}})
	p2, err := oauth.Pull(b.ctx, b.doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := oauth.Apply(b.ctx, b.doc, p2, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := oauth.ConnectOAuth(b.ctx, b.base, "app.42", clientSecret, "spent-or-wrong-token"); err == nil {
		t.Fatal("connected with a wrong refresh token")
	} else {
		seen.WriteString(err.Error())
	}
	tokens := oauth.Client().Tokens()
	secrets := []string{code, clientSecret, refresh, tokens.AccessToken, tokens.RefreshToken}

	// The credentials were saved, only to the credentials store.
	if saved, err := cs.Load(oauth.Host()); err != nil || saved.OAuth.RefreshToken != tokens.RefreshToken {
		t.Fatalf("tokens not saved: %v", err)
	}
	if !strings.Contains(b.log.String(), "sync: stage applied") {
		t.Fatal("the log is empty: the test would prove nothing")
	}
	if !strings.Contains(b.log.String(), "/rest/1/***/") {
		t.Error("the log shows no masked webhook URL: the test would prove nothing")
	}
	if l := leaks([]byte(b.log.String()), secrets); l != nil {
		t.Errorf("the log holds %v", l)
	}
	if l := leaks(seen.Bytes(), secrets); l != nil {
		t.Errorf("plans, results or errors hold %v:\n%s", l, seen.String())
	}
	b.doc.Close()
	if l := leaks(projectBytes(t, b.path), secrets); l != nil {
		t.Errorf("the project file holds %v", l)
	}
	if matches, _ := filepath.Glob(b.path + "*"); len(matches) == 0 {
		t.Fatal("no project file")
	}
	reopened := reopen(t, b.path)
	if l := leaks(exports(t, reopened), secrets); l != nil {
		t.Errorf("exports hold %v", l)
	}
}
