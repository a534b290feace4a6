// Package engine syncs a RoboDesk project with a Bitrix24 portal: it signs in, pulls the
// portal's reference data and robots, makes the three-way plan (sync/plan) against the
// last-synced base kept in the project, and applies it stage by stage under the portal's
// revisions, recording the new base of each stage it applied.
//
// A sync is always pull → plan → show → apply → record. The portal is written only with the
// revision the plan was made against, so a plan the portal has moved past is refused; the
// project is changed only by one undoable edit command, and only on stages the user has not
// edited since the plan. Nothing is resolved silently, nothing is lost, and a sync that stopped
// half way is finished by running it again.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"

	"robodesk/sync/bitrix24"
	"robodesk/sync/creds"
	"robodesk/sync/plan"
)

// Options configure an Engine.
type Options struct {
	// Creds keeps credentials between runs; nil keeps them for this Engine only.
	Creds *creds.Store
	// Client tunes the REST client (limiter, retries, timeouts). Its Logger, if nil, is Logger.
	Client bitrix24.Options
	// Logger receives a line per pull and per applied stage; never a secret. Nil: no logging.
	Logger *slog.Logger
	// Now is the clock the plan and the base are stamped with; time.Now when nil.
	Now func() time.Time
}

// Engine syncs projects with one portal at a time. It is safe for concurrent use, but a
// project should see one sync at a time.
type Engine struct {
	opts Options
	log  *slog.Logger

	mu     sync.Mutex
	client *bitrix24.Client
	cred   creds.Credentials
	// pinned says the connection was made on request (Connect*, not from saved credentials
	// for a project); pinDoc is the project it serves, bound by the first operation after it.
	// That project keeps using it, even if it synced with another portal until now (the user
	// switches portals) or a pull failed half way; other projects go to their own portals.
	pinned bool
	pinDoc plan.Doc
}

// New returns an engine that is not connected yet.
func New(opts Options) *Engine {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Client.Logger == nil {
		opts.Client.Logger = opts.Logger
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Engine{opts: opts, log: log}
}

// ErrNotConnected says no portal is connected and none is saved for the project.
var ErrNotConnected = errors.New("not connected to a portal: give a webhook URL or OAuth credentials")

// Host is the connected portal, or "".
func (e *Engine) Host() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cred.Host
}

// Client is the connected portal's REST client, or nil.
func (e *Engine) Client() *bitrix24.Client {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.client
}

// Connect signs in to a portal given as an incoming webhook URL, which is then saved for next
// time, or as the portal's address alone, whose saved credentials are used. It checks the
// credentials with one cheap call and returns the portal's host.
func (e *Engine) Connect(ctx context.Context, portal string) (string, error) {
	return e.connect(ctx, portal, true)
}

func (e *Engine) connect(ctx context.Context, portal string, explicit bool) (string, error) {
	host, webhook, err := creds.ParsePortal(portal)
	if err != nil {
		return "", err
	}
	if webhook != "" {
		return e.use(ctx, creds.Credentials{Host: host, Webhook: webhook}, explicit)
	}
	if e.opts.Creds == nil {
		return "", fmt.Errorf("%s: %w", host, creds.ErrNotFound)
	}
	c, err := e.opts.Creds.Load(host)
	if err != nil {
		return "", fmt.Errorf("%w; connect once with a webhook URL or OAuth", err)
	}
	return e.use(ctx, c, explicit)
}

// ConnectWebhook signs in with an incoming webhook URL and saves it.
func (e *Engine) ConnectWebhook(ctx context.Context, webhookURL string) (string, error) {
	host, webhook, err := creds.ParsePortal(webhookURL)
	if err != nil {
		return "", err
	}
	if webhook == "" {
		return "", fmt.Errorf("%s: not a webhook URL (https://portal/rest/<user>/<code>/)", host)
	}
	return e.use(ctx, creds.Credentials{Host: host, Webhook: webhook}, true)
}

// ConnectOAuth signs in as an OAuth application with its client ID and secret and a refresh
// token, and saves them with the tokens the portal hands out. endpoint is the portal's address
// or REST root. Bitrix24's token server is used, except for a portal on a loopback address
// (the emulator), which serves its own at /oauth/token/.
func (e *Engine) ConnectOAuth(ctx context.Context, endpoint, clientID, clientSecret, refreshToken string) (string, error) {
	raw := strings.TrimSpace(endpoint)
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", errors.New("the OAuth portal address is not a URL")
	}
	if err := bitrix24.CheckURL(u); err != nil {
		return "", err
	}
	root := u.Scheme + "://" + u.Host + "/rest/"
	tokenURL := ""
	if bitrix24.IsLoopback(u.Hostname()) {
		tokenURL = u.Scheme + "://" + u.Host + "/oauth/token/"
	}
	return e.use(ctx, creds.Credentials{Host: creds.Host(u.Host), OAuth: &creds.OAuth{
		Endpoint: root, ClientID: strings.TrimSpace(clientID), ClientSecret: strings.TrimSpace(clientSecret),
		TokenURL: tokenURL, RefreshToken: strings.TrimSpace(refreshToken)}}, true)
}

// use makes a client from credentials, checks them against the portal and saves them. explicit
// says the user asked for this connection (see Engine.pinned).
func (e *Engine) use(ctx context.Context, c creds.Credentials, explicit bool) (string, error) {
	if err := c.Check(); err != nil {
		return "", err
	}
	var client *bitrix24.Client
	var err error
	switch {
	case e.opts.Creds != nil:
		client, err = e.opts.Creds.Client(c, e.opts.Client)
	case c.Webhook != "":
		client, err = bitrix24.NewWebhook(c.Webhook, e.opts.Client)
	default: // refreshed tokens then live in the client only, for this run
		o := c.OAuth
		client, err = bitrix24.NewOAuth(bitrix24.OAuth{Endpoint: o.Endpoint, ClientID: o.ClientID, ClientSecret: o.ClientSecret,
			TokenURL: o.TokenURL, Tokens: bitrix24.Tokens{AccessToken: o.AccessToken, RefreshToken: o.RefreshToken,
				ClientEndpoint: o.ClientEndpoint}}, e.opts.Client)
	}
	if err != nil {
		return "", err
	}
	if err := client.Ping(ctx); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("connect to %s: %s", c.Host, c.Mask(client.Redact(err.Error())))
	}
	if c.OAuth != nil {
		tk := client.Tokens()
		o := *c.OAuth
		o.AccessToken, o.RefreshToken, o.Expires, o.ClientEndpoint = tk.AccessToken, tk.RefreshToken, tk.Expires, tk.ClientEndpoint
		c.OAuth = &o
	}
	if e.opts.Creds != nil {
		if err := e.opts.Creds.Save(c); err != nil {
			return "", fmt.Errorf("connect to %s: %s", c.Host, c.Mask(err.Error()))
		}
	}
	e.mu.Lock()
	e.client, e.cred, e.pinned, e.pinDoc = client, c, explicit, nil
	e.mu.Unlock()
	e.log.Info("sync: connected", "portal", c.Host, "by", c.Kind())
	return c.Host, nil
}

// Saved tells which portal the project syncs with and how RoboDesk signs in there ("webhook"
// or "oauth"), from the saved credentials; ok is false when nothing is saved. Secrets never
// come back.
func (e *Engine) Saved(doc plan.Doc) (host, kind string, ok bool) {
	e.mu.Lock()
	if e.client != nil && e.pinned && (e.pinDoc == nil || sameDoc(e.pinDoc, doc)) {
		host = e.cred.Host // just connected on request for this project
	}
	e.mu.Unlock()
	if host == "" {
		host = projectHost(doc)
	}
	if host == "" {
		return "", "", false
	}
	if e.opts.Creds == nil {
		e.mu.Lock()
		defer e.mu.Unlock()
		if e.cred.Host == host {
			return host, e.cred.Kind(), true
		}
		return host, "", false
	}
	c, err := e.opts.Creds.Load(host)
	if err != nil {
		return host, "", false
	}
	return host, c.Kind(), true
}

// projectHost is the portal the project last synced with, else the one its snapshot came from.
func projectHost(doc plan.Doc) string {
	if st, err := readState(doc); err == nil && st.Host != "" {
		return st.Host
	}
	if p := doc.Project().Portal; p != nil {
		return creds.Host(p.Name)
	}
	return ""
}

// connected returns the client for the project's portal. A connection the user asked for
// serves the project it was first used for. Otherwise the engine reuses its connection only for
// the portal the project syncs with, and else connects to that portal (or, for a project never
// synced, the one its snapshot came from) with its saved credentials. So when the app opens
// another project, one project's plan never meets another project's portal.
func (e *Engine) connected(ctx context.Context, doc plan.Doc) (*bitrix24.Client, string, error) {
	want := ""
	if st, err := readState(doc); err == nil {
		want = st.Host
	}
	e.mu.Lock()
	if e.client != nil {
		if e.pinned && e.pinDoc == nil {
			e.pinDoc = doc
		}
		if e.pinned && sameDoc(e.pinDoc, doc) || want != "" && want == e.cred.Host {
			defer e.mu.Unlock()
			return e.client, e.cred.Host, nil
		}
	}
	e.mu.Unlock()
	if want == "" {
		want = projectHost(doc)
	}
	if want == "" || e.opts.Creds == nil {
		return nil, "", ErrNotConnected
	}
	if _, err := e.opts.Creds.Load(want); errors.Is(err, creds.ErrNotFound) {
		return nil, "", fmt.Errorf("%s: %w", want, ErrNotConnected)
	}
	if _, err := e.connect(ctx, want, false); err != nil {
		return nil, "", err
	}
	return e.Client(), e.Host(), nil
}

// sameDoc reports whether two projects are the same one.
func sameDoc(a, b plan.Doc) bool {
	if a == nil || b == nil {
		return false
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}
