package creds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"robodesk/sync/bitrix24"
)

// FileName is the fallback file in the credentials directory.
const FileName = "credentials.json"

// Options configure a Store; the zero value uses the keyring and the user's config directory.
type Options struct {
	// Dir holds the fallback file; default <os.UserConfigDir()>/robodesk.
	Dir string
	// Service names RoboDesk's entries in the keyring; default "robodesk".
	Service string
	// NoKeyring keeps credentials in the file only.
	NoKeyring bool
	// KeyringTimeout bounds one keyring call (a locked keyring may wait for a password
	// prompt); after a timeout the store uses the file. Default 5 s.
	KeyringTimeout time.Duration
}

// Store reads and writes credentials. It is safe for concurrent use.
type Store struct {
	mu      sync.Mutex
	dir     string
	service string
	ring    bool
	timeout time.Duration
}

// Open returns a store. It touches neither the keyring nor the file until asked.
func Open(opts Options) (*Store, error) {
	s := &Store{dir: opts.Dir, service: opts.Service, ring: !opts.NoKeyring, timeout: opts.KeyringTimeout}
	if s.dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return nil, fmt.Errorf("credentials: %w", err)
		}
		s.dir = filepath.Join(base, "robodesk")
	}
	if s.service == "" {
		s.service = "robodesk"
	}
	if s.timeout <= 0 {
		s.timeout = 5 * time.Second
	}
	return s, nil
}

// Path is the fallback file.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

// errKeyringTimeout is a keyring that did not answer in time.
var errKeyringTimeout = errors.New("the keyring did not answer")

// keyring runs one keyring call with the store's timeout; a keyring that times out is not
// asked again by this store.
func (s *Store) keyring(f func() error) error {
	if !s.ring {
		return errKeyringTimeout
	}
	done := make(chan error, 1)
	go func() { done <- f() }()
	t := time.NewTimer(s.timeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		s.ring = false
		return errKeyringTimeout
	}
}

// Load returns the credentials saved for host; an error matching ErrNotFound when there are none.
func (s *Store) Load(host string) (Credentials, error) {
	host = Host(host)
	s.mu.Lock()
	defer s.mu.Unlock()
	var secret string
	err := s.keyring(func() error {
		var err error
		secret, err = keyring.Get(s.service, host)
		return err
	})
	if err == nil {
		var c Credentials
		if jerr := json.Unmarshal([]byte(secret), &c); jerr == nil && c.Host == host {
			return c, nil
		}
		// A damaged entry is as good as none; the file may still hold good ones.
	}
	all, err := s.readFile()
	if err != nil {
		return Credentials{}, err
	}
	if c, ok := all[host]; ok {
		return c, nil
	}
	return Credentials{}, fmt.Errorf("%s: %w", host, ErrNotFound)
}

// Save stores credentials for their host, replacing earlier ones, in the keyring when there is
// one and in the file otherwise. Where says which.
func (s *Store) Save(c Credentials) error {
	c.Host = Host(c.Host)
	if err := c.Check(); err != nil {
		return err
	}
	body, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("save credentials for %s: %w", c.Host, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all, err := s.readFile()
	if err != nil {
		return err
	}
	if kerr := s.keyring(func() error { return keyring.Set(s.service, c.Host, string(body)) }); kerr == nil {
		// The keyring has them now: a copy left in the file would be a stale second secret.
		if _, inFile := all[c.Host]; inFile {
			delete(all, c.Host)
			return s.writeFile(all)
		}
		return nil
	}
	all[c.Host] = c
	return s.writeFile(all)
}

// Where says where credentials for host are kept: "keyring", "file" or "" when nowhere.
func (s *Store) Where(host string) string {
	host = Host(host)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keyring(func() error { _, err := keyring.Get(s.service, host); return err }) == nil {
		return "keyring"
	}
	if all, err := s.readFile(); err == nil {
		if _, ok := all[host]; ok {
			return "file"
		}
	}
	return ""
}

// Delete forgets the credentials of host, wherever they are.
func (s *Store) Delete(host string) error {
	host = Host(host)
	s.mu.Lock()
	defer s.mu.Unlock()
	kerr := s.keyring(func() error { return keyring.Delete(s.service, host) })
	if kerr != nil && !errors.Is(kerr, keyring.ErrNotFound) && !errors.Is(kerr, errKeyringTimeout) {
		return fmt.Errorf("forget credentials for %s: %w", host, kerr)
	}
	all, err := s.readFile()
	if err != nil {
		return err
	}
	if _, ok := all[host]; !ok {
		return nil
	}
	delete(all, host)
	return s.writeFile(all)
}

// fileBody is the fallback file.
type fileBody struct {
	Version int                    `json:"version"`
	Portals map[string]Credentials `json:"portals"`
}

// readFile reads the fallback file; a missing file is an empty one. s.mu is held.
func (s *Store) readFile() (map[string]Credentials, error) {
	data, err := os.ReadFile(s.Path())
	if errors.Is(err, os.ErrNotExist) {
		return map[string]Credentials{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read credentials: %w", err)
	}
	var f fileBody
	if err := json.Unmarshal(data, &f); err != nil {
		// Never quote the file: it is made of secrets.
		return nil, fmt.Errorf("read credentials %s: the file is damaged; delete it and connect again", s.Path())
	}
	if f.Portals == nil {
		f.Portals = map[string]Credentials{}
	}
	// Somebody may have widened the file's permissions; narrow them again.
	if fi, err := os.Stat(s.Path()); err == nil && fi.Mode().Perm()&0o077 != 0 {
		_ = os.Chmod(s.Path(), 0o600)
	}
	return f.Portals, nil
}

// writeFile replaces the fallback file atomically, readable by the user only. s.mu is held.
func (s *Store) writeFile(all map[string]Credentials) error {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	data, err := json.MarshalIndent(fileBody{Version: 1, Portals: all}, "", "  ")
	if err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	tmp, err := os.CreateTemp(s.dir, ".credentials-*.tmp")
	if err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("save credentials: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save credentials: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save credentials: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.Path()); err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	return nil
}

// Hosts lists the portals with credentials in the file (the keyring cannot be listed).
func (s *Store) Hosts() ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all, err := s.readFile()
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(all))
	for h := range all {
		out = append(out, h)
	}
	sort.Strings(out)
	return out, nil
}

// Client builds a REST client from credentials. For OAuth, every refreshed pair of tokens is
// saved back into the store at once, since the old refresh token stops working.
func (s *Store) Client(c Credentials, opts bitrix24.Options) (*bitrix24.Client, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if c.Webhook != "" {
		return bitrix24.NewWebhook(c.Webhook, opts)
	}
	o := c.OAuth
	return bitrix24.NewOAuth(bitrix24.OAuth{
		Endpoint: o.Endpoint, ClientID: o.ClientID, ClientSecret: o.ClientSecret, TokenURL: o.TokenURL,
		Tokens: bitrix24.Tokens{AccessToken: o.AccessToken, RefreshToken: o.RefreshToken, Expires: o.Expires, ClientEndpoint: o.ClientEndpoint},
		Store:  tokenSaver{s: s, c: c},
	}, opts)
}

// tokenSaver saves refreshed OAuth tokens with the rest of the credentials.
type tokenSaver struct {
	s *Store
	c Credentials
}

// SaveTokens implements bitrix24.TokenStore.
func (t tokenSaver) SaveTokens(_ context.Context, tk bitrix24.Tokens) error {
	c := t.c
	o := *c.OAuth
	o.AccessToken, o.RefreshToken, o.Expires, o.ClientEndpoint = tk.AccessToken, tk.RefreshToken, tk.Expires, tk.ClientEndpoint
	c.OAuth = &o
	return t.s.Save(c)
}
