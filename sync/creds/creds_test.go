package creds_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"robodesk/sync/bitrix24"
	"robodesk/sync/creds"
	"robodesk/sync/fake"
)

const hook = "https://Example.Bitrix24.ru/rest/7/s3cr3tc0de123/"

func TestParsePortal(t *testing.T) {
	tests := []struct {
		in, host, webhook string
		bad               bool
	}{
		{in: hook, host: "example.bitrix24.ru", webhook: "https://Example.Bitrix24.ru/rest/7/s3cr3tc0de123/"},
		{in: "https://example.bitrix24.ru/rest/7/s3cr3tc0de123/profile.json", host: "example.bitrix24.ru", webhook: "https://example.bitrix24.ru/rest/7/s3cr3tc0de123/"},
		{in: "example.bitrix24.ru", host: "example.bitrix24.ru"},
		{in: " https://example.bitrix24.ru/ ", host: "example.bitrix24.ru"},
		{in: "http://127.0.0.1:8090", host: "127.0.0.1:8090"},
		{in: "http://example.bitrix24.ru", bad: true},
		{in: "http://example.bitrix24.ru/rest/7/s3cr3tc0de123/", bad: true},
		{in: "https://example.bitrix24.ru/crm/deal/", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		host, webhook, err := creds.ParsePortal(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("%q: accepted", tt.in)
			} else if strings.Contains(err.Error(), "s3cr3tc0de123") {
				t.Errorf("%q: the error quotes the webhook code: %v", tt.in, err)
			}
			continue
		}
		if err != nil || host != tt.host || webhook != tt.webhook {
			t.Errorf("%q: %q %q %v", tt.in, host, webhook, err)
		}
	}
}

func TestCredentialsNeverPrintSecrets(t *testing.T) {
	c := creds.Credentials{Host: "example.bitrix24.ru", Webhook: hook}
	o := creds.Credentials{Host: "example.bitrix24.ru", OAuth: &creds.OAuth{Endpoint: "https://example.bitrix24.ru/rest/",
		ClientID: "app.1", ClientSecret: "client-secret-xyz", AccessToken: "access-tok-1", RefreshToken: "refresh-tok-1"}}
	for _, form := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{c, o, &c, o.OAuth, *o.OAuth} {
			out := fmt.Sprintf(form, v)
			for _, secret := range []string{"s3cr3tc0de123", "client-secret-xyz", "access-tok-1", "refresh-tok-1"} {
				if strings.Contains(out, secret) {
					t.Errorf("%s of %T prints %q: %s", form, v, secret, out)
				}
			}
		}
	}
	if got := c.Mask("failed: " + hook); strings.Contains(got, "s3cr3tc0de123") {
		t.Errorf("Mask left the code: %s", got)
	}
}

func open(t *testing.T, noKeyring bool) *creds.Store {
	t.Helper()
	s, err := creds.Open(creds.Options{Dir: filepath.Join(t.TempDir(), "robodesk"), NoKeyring: noKeyring})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestKeyringFirst(t *testing.T) {
	keyring.MockInit()
	s := open(t, false)
	c := creds.Credentials{Host: "Example.bitrix24.ru", Webhook: hook}
	if err := s.Save(c); err != nil {
		t.Fatal(err)
	}
	if w := s.Where("example.bitrix24.ru"); w != "keyring" {
		t.Fatalf("saved to %q", w)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a file was written although the keyring works")
	}
	got, err := s.Load("EXAMPLE.bitrix24.ru")
	if err != nil || got.Webhook != hook || got.Host != "example.bitrix24.ru" {
		t.Fatalf("load: %v %v", got, err)
	}
	if err := s.Delete("example.bitrix24.ru"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load("example.bitrix24.ru"); !errors.Is(err, creds.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestFileFallback(t *testing.T) {
	keyring.MockInitWithError(errors.New("no secret service on this machine"))
	defer keyring.MockInit()
	s := open(t, false)
	c := creds.Credentials{Host: "example.bitrix24.ru", Webhook: hook}
	if err := s.Save(c); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
	}
	if di, _ := os.Stat(filepath.Dir(s.Path())); di.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v, want 0700", di.Mode().Perm())
	}
	if w := s.Where("example.bitrix24.ru"); w != "file" {
		t.Fatalf("saved to %q", w)
	}
	got, err := s.Load("example.bitrix24.ru")
	if err != nil || got.Webhook != hook {
		t.Fatalf("load: %v %v", got, err)
	}
	hosts, _ := s.Hosts()
	if len(hosts) != 1 || hosts[0] != "example.bitrix24.ru" {
		t.Errorf("hosts %v", hosts)
	}
	// Once a keyring appears, saving moves the secret there and out of the file.
	keyring.MockInit()
	s2 := open(t, false)
	_ = os.MkdirAll(filepath.Dir(s2.Path()), 0o700)
	data, _ := os.ReadFile(s.Path())
	_ = os.WriteFile(s2.Path(), data, 0o644) // somebody widened the permissions
	if _, err := s2.Load("example.bitrix24.ru"); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(s2.Path()); fi.Mode().Perm() != 0o600 {
		t.Errorf("widened file left at %v", fi.Mode().Perm())
	}
	if err := s2.Save(c); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(s2.Path()); strings.Contains(string(data), "s3cr3tc0de123") {
		t.Error("the secret stayed in the file after moving to the keyring")
	}
}

func TestDamagedFile(t *testing.T) {
	s := open(t, true)
	_ = os.MkdirAll(filepath.Dir(s.Path()), 0o700)
	_ = os.WriteFile(s.Path(), []byte(`{"portals": {"x": s3cr3tc0de123`), 0o600)
	_, err := s.Load("x")
	if err == nil || strings.Contains(err.Error(), "s3cr3tc0de123") || !strings.Contains(err.Error(), s.Path()) {
		t.Fatalf("damaged file: %v", err)
	}
}

func TestCheck(t *testing.T) {
	bad := []creds.Credentials{
		{Webhook: hook},
		{Host: "example.bitrix24.ru"},
		{Host: "other.bitrix24.ru", Webhook: hook},
		{Host: "example.bitrix24.ru", OAuth: &creds.OAuth{ClientID: "a", ClientSecret: "b"}},
		{Host: "example.bitrix24.ru", OAuth: &creds.OAuth{RefreshToken: "r"}},
	}
	s := open(t, true)
	for _, c := range bad {
		if err := s.Save(c); err == nil {
			t.Errorf("saved %v", c)
		}
	}
}

// A refreshed pair of OAuth tokens is saved back at once, so the next run can sign in.
func TestOAuthTokensSavedOnRefresh(t *testing.T) {
	srv := fake.New(fake.Demo(), fake.Options{OAuth: &fake.OAuthOptions{ClientID: "app.1", ClientSecret: "client-secret-xyz"}})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	access, refresh := srv.IssueTokens(-time.Minute)
	s := open(t, true)
	host := strings.TrimPrefix(ts.URL, "http://")
	c := creds.Credentials{Host: host, OAuth: &creds.OAuth{Endpoint: ts.URL + "/rest/", ClientID: "app.1", ClientSecret: "client-secret-xyz",
		TokenURL: ts.URL + "/oauth/token/", AccessToken: access, RefreshToken: refresh}}
	if err := s.Save(c); err != nil {
		t.Fatal(err)
	}
	client, err := s.Client(c, bitrix24.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	saved, err := s.Load(host)
	if err != nil {
		t.Fatal(err)
	}
	if saved.OAuth.RefreshToken == refresh || saved.OAuth.RefreshToken != client.Tokens().RefreshToken || saved.OAuth.ClientSecret != "client-secret-xyz" {
		t.Fatalf("saved tokens are not the refreshed ones")
	}
	// The next run signs in with what was saved.
	next, err := s.Client(saved, bitrix24.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := next.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}
