package bitrix24

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// DefaultTokenURL is Bitrix24's OAuth server for cloud portals.
const DefaultTokenURL = "https://oauth.bitrix.info/oauth/token/"

// Tokens are an application's OAuth credentials on one portal.
type Tokens struct {
	AccessToken  string
	RefreshToken string
	// Expires is when the access token runs out, if known. The client does not act on it: the
	// portal's expired_token answer is the authority.
	Expires time.Time
	// ClientEndpoint is the portal's REST root for the application, https://portal/rest/.
	ClientEndpoint string
}

// TokenStore keeps OAuth tokens between runs. A refresh invalidates the old refresh token, so the
// client hands every new pair to SaveTokens at once; if saving fails the call fails too, and the
// fresh pair is still available from Client.Tokens.
type TokenStore interface {
	SaveTokens(ctx context.Context, t Tokens) error
}

// OAuth configures a client that authenticates as an OAuth application.
type OAuth struct {
	// Endpoint is the portal's REST root, e.g. https://example.bitrix24.ru/rest/. Tokens'
	// ClientEndpoint, when set, takes precedence.
	Endpoint     string
	ClientID     string
	ClientSecret string
	Tokens       Tokens
	// TokenURL is where tokens are refreshed; DefaultTokenURL when empty.
	TokenURL string
	// Store receives every refreshed pair of tokens; may be nil.
	Store TokenStore
}

// oauthState is the mutable side of an OAuth client, guarded by Client.authMu.
type oauthState struct {
	cfg      OAuth
	tokens   Tokens
	endpoint *url.URL
	tokenURL *url.URL
}

// tokenAnswer is the OAuth server's answer to a refresh.
type tokenAnswer struct {
	AccessToken      string `json:"access_token"`
	RefreshToken     string `json:"refresh_token"`
	ExpiresIn        Int    `json:"expires_in"`
	Expires          Int    `json:"expires"`
	ClientEndpoint   string `json:"client_endpoint"`
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// refresh trades the refresh token for a new pair unless another call already did so since
// stale was the access token in use. Concurrent callers are serialised: Bitrix24 invalidates a
// refresh token on use, so two refreshes racing would lock the application out.
func (c *Client) refresh(ctx context.Context, stale string) error {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	st := c.oauth
	if st.tokens.AccessToken != stale {
		return nil
	}
	q := url.Values{
		"grant_type":    {"refresh_token"},
		"client_id":     {st.cfg.ClientID},
		"client_secret": {st.cfg.ClientSecret},
		"refresh_token": {st.tokens.RefreshToken},
	}
	u := *st.tokenURL
	u.RawQuery = q.Encode()

	var ans tokenAnswer
	var err error
	policy := c.retry
	for attempt := 1; ; attempt++ {
		ans, err = c.tokenRequest(ctx, u.String())
		if err == nil || !IsRetryable(err) || attempt >= policy.MaxAttempts || ctx.Err() != nil {
			break
		}
		if serr := c.clock.Sleep(ctx, policy.Backoff(attempt)); serr != nil {
			return serr
		}
	}
	if err != nil {
		return fmt.Errorf("refresh OAuth token: %w", err)
	}
	if ans.AccessToken == "" || ans.RefreshToken == "" {
		return fmt.Errorf("refresh OAuth token: %w", &Error{Code: CodeUnexpectedAnswer, Description: "answer carries no tokens"})
	}
	c.red.add(ans.AccessToken, ans.RefreshToken)
	next := Tokens{AccessToken: ans.AccessToken, RefreshToken: ans.RefreshToken, ClientEndpoint: st.tokens.ClientEndpoint}
	switch {
	case ans.Expires > 0:
		next.Expires = time.Unix(int64(ans.Expires), 0)
	case ans.ExpiresIn > 0:
		next.Expires = c.clock.Now().Add(time.Duration(ans.ExpiresIn) * time.Second)
	}
	if ans.ClientEndpoint != "" {
		ep, err := url.Parse(ans.ClientEndpoint)
		if err != nil {
			return errors.New("refresh OAuth token: client_endpoint is not a URL")
		}
		if err := CheckURL(ep); err != nil {
			return fmt.Errorf("refresh OAuth token: client_endpoint: %w", err)
		}
		st.endpoint = withSlash(ep)
		next.ClientEndpoint = st.endpoint.String()
	}
	st.tokens = next
	c.refreshes.Add(1)
	c.log.Info("bitrix24 OAuth tokens refreshed", "portal", st.endpoint.Host)
	if st.cfg.Store != nil {
		if err := st.cfg.Store.SaveTokens(ctx, next); err != nil {
			return fmt.Errorf("refresh OAuth token: store the new tokens: %s", c.red.mask(err.Error()))
		}
	}
	return nil
}

func (c *Client) tokenRequest(ctx context.Context, u string) (tokenAnswer, error) {
	var ans tokenAnswer
	actx, cancel := context.WithTimeout(ctx, c.attemptTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u, nil)
	if err != nil {
		return ans, errors.New("build token request")
	}
	req.Header.Set("Accept", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return ans, c.netError("token request", err, ctx)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return ans, c.netError("read token answer", err, ctx)
	}
	if jerr := json.Unmarshal(body, &ans); jerr != nil {
		e := unexpected(res.StatusCode, body)
		e.Description = c.red.mask(e.Description)
		return ans, e
	}
	if ans.Error != "" {
		return ans, &Error{Code: ans.Error, Description: c.red.mask(ans.ErrorDescription), HTTPStatus: res.StatusCode}
	}
	if res.StatusCode >= http.StatusBadRequest {
		return ans, &Error{Code: CodeUnexpectedAnswer, Description: "token server failed", HTTPStatus: res.StatusCode}
	}
	return ans, nil
}

// Tokens returns the OAuth tokens in use, which change on every refresh; the zero Tokens for a
// webhook client.
func (c *Client) Tokens() Tokens {
	if c.oauth == nil {
		return Tokens{}
	}
	c.authMu.Lock()
	defer c.authMu.Unlock()
	return c.oauth.tokens
}

func withSlash(u *url.URL) *url.URL {
	v := *u
	if len(v.Path) == 0 || v.Path[len(v.Path)-1] != '/' {
		v.Path += "/"
	}
	v.RawPath = ""
	v.RawQuery = ""
	v.Fragment = ""
	return &v
}
