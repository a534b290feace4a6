package bitrix24

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// maxAnswer bounds one answer; the portal's biggest (a page of 50 records or a batch of 50
// commands) is far below it, so more means something is wrong.
const maxAnswer = 64 << 20

// Options tune a Client; the zero value is production-ready.
type Options struct {
	// HTTPClient sends the requests; a copy is used, so its redirect policy can be tightened.
	HTTPClient *http.Client
	// Logger receives one debug line per HTTP exchange and a line per retry and token refresh.
	// Every line is masked. Nil means no logging.
	Logger *slog.Logger
	// Limit is the portal's leaky bucket; zero means StandardLimit (2/s, burst 50).
	Limit Limit
	// NoLimiter turns the client-side bucket off (the portal will then refuse excess requests).
	NoLimiter bool
	// Retry says how failed requests are retried.
	Retry RetryPolicy
	// Clock is the source of time and sleep; RealClock when nil.
	Clock Clock
	// AttemptTimeout bounds one HTTP exchange; default 90 s (the portal itself stops at 60 s).
	AttemptTimeout time.Duration
}

// Client calls one portal's REST API. It is safe for concurrent use.
type Client struct {
	http           *http.Client
	log            *slog.Logger
	red            *redactor
	limiter        *Limiter
	retry          RetryPolicy
	clock          Clock
	attemptTimeout time.Duration
	host           string

	webhook *Webhook

	authMu sync.Mutex
	oauth  *oauthState

	resetMu sync.Mutex
	resetAt map[string]time.Time

	requests  atomic.Int64
	retries   atomic.Int64
	refreshes atomic.Int64
}

// NewWebhook returns a client for an incoming webhook URL, https://portal/rest/<user>/<code>/.
func NewWebhook(webhookURL string, opts Options) (*Client, error) {
	w, err := ParseWebhook(webhookURL)
	if err != nil {
		return nil, err
	}
	c := newClient(w.Base.Host, opts)
	c.webhook = w
	c.red.add(w.Code)
	return c, nil
}

// NewOAuth returns a client acting as an OAuth application with the given tokens.
func NewOAuth(cfg OAuth, opts Options) (*Client, error) {
	raw := cfg.Tokens.ClientEndpoint
	if raw == "" {
		raw = cfg.Endpoint
	}
	ep, err := url.Parse(raw)
	if err != nil || ep.Host == "" {
		return nil, errors.New("OAuth endpoint is not a valid URL")
	}
	if err := CheckURL(ep); err != nil {
		return nil, fmt.Errorf("OAuth endpoint: %w", err)
	}
	if cfg.TokenURL == "" {
		cfg.TokenURL = DefaultTokenURL
	}
	tu, err := url.Parse(cfg.TokenURL)
	if err != nil || tu.Host == "" {
		return nil, errors.New("OAuth token URL is not a valid URL")
	}
	if err := CheckURL(tu); err != nil {
		return nil, fmt.Errorf("OAuth token URL: %w", err)
	}
	if cfg.Tokens.AccessToken == "" && cfg.Tokens.RefreshToken == "" {
		return nil, errors.New("OAuth client needs an access or a refresh token")
	}
	c := newClient(ep.Host, opts)
	c.red.add(cfg.Tokens.AccessToken, cfg.Tokens.RefreshToken, cfg.ClientSecret)
	c.oauth = &oauthState{cfg: cfg, tokens: cfg.Tokens, endpoint: withSlash(ep), tokenURL: tu}
	return c, nil
}

func newClient(host string, opts Options) *Client {
	c := &Client{
		red:            &redactor{},
		retry:          opts.Retry.withDefaults(),
		clock:          opts.Clock,
		attemptTimeout: opts.AttemptTimeout,
		host:           host,
		resetAt:        map[string]time.Time{},
	}
	if c.clock == nil {
		c.clock = RealClock{}
	}
	if c.attemptTimeout <= 0 {
		c.attemptTimeout = 90 * time.Second
	}
	handler := slog.Handler(slog.DiscardHandler)
	if opts.Logger != nil {
		handler = opts.Logger.Handler()
	}
	c.log = slog.New(redactHandler{inner: handler, r: c.red})
	hc := http.Client{}
	if opts.HTTPClient != nil {
		hc = *opts.HTTPClient
	}
	next := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		// A redirect must not carry the body (tokens) or the path (webhook code) to clear text.
		if err := CheckURL(req.URL); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	c.http = &hc
	if !opts.NoLimiter {
		c.limiter = NewLimiter(opts.Limit, c.clock)
	}
	return c
}

// Host is the portal's host name, e.g. example.bitrix24.ru.
func (c *Client) Host() string { return c.host }

// Now is the client's clock, so that callers stamp data with the same time the client uses.
func (c *Client) Now() time.Time { return c.clock.Now() }

// Redact masks the client's secrets in s, for text the application shows or logs on its own.
func (c *Client) Redact(s string) string { return c.red.mask(s) }

// Limiter returns the client's leaky bucket, or nil when it is off.
func (c *Client) Limiter() *Limiter { return c.limiter }

// Stats counts what the client has done so far.
type Stats struct {
	// Requests is the number of HTTP requests sent to the portal (token refreshes excluded).
	Requests int64
	// Retries is how many of them repeated a failed one.
	Retries int64
	// TokenRefreshes counts OAuth refreshes.
	TokenRefreshes int64
}

// Stats returns the client's counters.
func (c *Client) Stats() Stats {
	return Stats{Requests: c.requests.Load(), Retries: c.retries.Load(), TokenRefreshes: c.refreshes.Load()}
}

// Call invokes method and decodes the envelope's result into out (skipped when out is nil).
func (c *Client) Call(ctx context.Context, method string, params Params, out any) error {
	resp, err := c.Do(ctx, method, params)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Result, out); err != nil {
		return fmt.Errorf("%s: decode result: %w", method, err)
	}
	return nil
}

// Do invokes method and returns the whole envelope. Transient failures are retried according to
// the retry policy; an expired OAuth token is refreshed once. The error names the method and
// wraps an *Error for the portal's refusals or a *NetError for transport failures.
func (c *Client) Do(ctx context.Context, method string, params Params) (*Response, error) {
	resp, err := c.do(ctx, method, params)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	return resp, nil
}

func (c *Client) do(ctx context.Context, method string, params Params) (*Response, error) {
	if method == "" {
		return nil, errors.New("empty method name")
	}
	refreshed := false
	for attempt := 1; ; attempt++ {
		if c.limiter != nil {
			if err := c.limiter.Wait(ctx); err != nil {
				return nil, err
			}
		}
		token := c.accessToken()
		if c.oauth != nil && token == "" && !refreshed {
			// Only a refresh token was stored: trade it before the first call.
			refreshed = true
			if err := c.refresh(ctx, ""); err != nil {
				return nil, err
			}
			token = c.accessToken()
		}
		resp, err := c.once(ctx, method, params, token, attempt)
		if err == nil {
			c.noteReset(method, resp.Time)
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if c.oauth != nil && !refreshed && errors.Is(err, ErrExpiredToken) {
			refreshed = true
			if rerr := c.refresh(ctx, token); rerr != nil {
				return nil, rerr
			}
			attempt-- // the refresh, not the portal, failed this attempt
			continue
		}
		if !IsRetryable(err) || attempt >= c.retry.MaxAttempts {
			return nil, err
		}
		wait, ok := c.retryWait(method, err, attempt)
		if !ok {
			return nil, err
		}
		if errors.Is(err, ErrQueryLimitExceeded) && c.limiter != nil {
			c.limiter.Saturate()
		}
		c.retries.Add(1)
		c.log.Warn("bitrix24 retry", "method", method, "attempt", attempt, "wait", wait, "err", err)
		if serr := c.clock.Sleep(ctx, wait); serr != nil {
			return nil, serr
		}
	}
}

// noteReset remembers when method's time budget resets, for an OPERATION_TIME_LIMIT answer that
// does not say so itself.
func (c *Client) noteReset(method string, t Time) {
	if at := t.ResetAt(); !at.IsZero() {
		c.resetMu.Lock()
		c.resetAt[method] = at
		c.resetMu.Unlock()
	}
}

// retryWait is the pause before the next attempt. OPERATION_TIME_LIMIT (and any answer that
// names a reset time) waits for that time; false means the wait would exceed MaxWait.
func (c *Client) retryWait(method string, err error, attempt int) (time.Duration, bool) {
	var e *Error
	if errors.As(err, &e) {
		at := e.ResetAt
		if at.IsZero() && e.Code == CodeOperationTimeLimit {
			c.resetMu.Lock()
			at = c.resetAt[method]
			c.resetMu.Unlock()
		}
		if !at.IsZero() {
			d := at.Sub(c.clock.Now())
			if d > c.retry.MaxWait {
				return 0, false
			}
			if d > 0 {
				return d, true
			}
		}
	}
	return c.retry.Backoff(attempt), true
}

func (c *Client) accessToken() string {
	if c.oauth == nil {
		return ""
	}
	c.authMu.Lock()
	defer c.authMu.Unlock()
	return c.oauth.tokens.AccessToken
}

func (c *Client) methodURL(method string) string {
	if c.webhook != nil {
		return c.webhook.Base.String() + url.PathEscape(method)
	}
	c.authMu.Lock()
	defer c.authMu.Unlock()
	return c.oauth.endpoint.String() + url.PathEscape(method)
}

// once is one HTTP exchange.
func (c *Client) once(ctx context.Context, method string, params Params, token string, attempt int) (*Response, error) {
	body, err := c.encodeBody(params, token)
	if err != nil {
		return nil, err
	}
	actx, cancel := context.WithTimeout(ctx, c.attemptTimeout)
	defer cancel()
	u := c.methodURL(method)
	req, err := http.NewRequestWithContext(actx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("build request")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	c.requests.Add(1)
	res, err := c.http.Do(req)
	if err != nil {
		nerr := c.netError("send request", err, ctx)
		c.log.Debug("bitrix24 request failed", "method", method, "url", u, "attempt", attempt, "err", nerr)
		return nil, nerr
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer+1))
	if err != nil {
		nerr := c.netError("read answer", err, ctx)
		c.log.Debug("bitrix24 request failed", "method", method, "url", u, "attempt", attempt, "status", res.StatusCode, "err", nerr)
		return nil, nerr
	}
	c.log.Debug("bitrix24 request", "method", method, "url", u, "attempt", attempt,
		"status", res.StatusCode, "bytes", len(data), "elapsed", time.Since(start))
	if len(data) > maxAnswer {
		return nil, &Error{Code: CodeUnexpectedAnswer, Description: "answer exceeds 64 MiB", HTTPStatus: res.StatusCode}
	}
	resp, err := DecodeEnvelope(res.StatusCode, data)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Description = c.red.mask(e.Description)
			e.Code = c.red.mask(e.Code)
			if e.ResetAt.IsZero() {
				e.ResetAt = c.retryAfter(res.Header.Get("Retry-After"))
			}
		}
		return nil, err
	}
	return resp, nil
}

// retryAfter reads a Retry-After header in seconds; zero time when absent or unreadable.
func (c *Client) retryAfter(h string) time.Time {
	if h == "" {
		return time.Time{}
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return c.clock.Now().Add(time.Duration(s) * time.Second)
	}
	return time.Time{}
}

// encodeBody writes params as JSON, adding the access token for OAuth. HTML escaping is off so
// that robots' texts travel byte for byte as the user wrote them.
func (c *Client) encodeBody(params Params, token string) ([]byte, error) {
	p := params
	if c.oauth != nil {
		p = make(Params, len(params)+1)
		for k, v := range params {
			p[k] = v
		}
		p["auth"] = token
	}
	if p == nil {
		p = Params{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("encode params: %s", c.red.mask(err.Error()))
	}
	return buf.Bytes(), nil
}

// netError turns a transport failure into a *NetError without the URL (which holds the webhook
// code or, for the token server, the client secret) and with the rest of the text masked.
// Certificate problems and insecure redirects are not worth retrying and come back as they are.
func (c *Client) netError(op string, err error, parent context.Context) error {
	inner := err
	var ue *url.Error
	if errors.As(err, &ue) {
		inner = ue.Err
	}
	if errors.Is(inner, ErrInsecureURL) {
		return fmt.Errorf("%s: redirect: %w", op, ErrInsecureURL)
	}
	msg := c.red.mask(inner.Error())
	if errors.Is(inner, context.DeadlineExceeded) && parent.Err() == nil {
		msg = fmt.Sprintf("no answer within %s", c.attemptTimeout)
	}
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var badHost x509.HostnameError
	if errors.As(inner, &certErr) || errors.As(inner, &unknownCA) || errors.As(inner, &badHost) {
		return &NetError{msg: op + ": " + msg, err: inner, permanent: true}
	}
	return &NetError{msg: op + ": " + msg, err: inner}
}
