// Package creds keeps the credentials RoboDesk signs in to portals with: an incoming webhook URL
// or an OAuth application's configuration and tokens, one set per portal host.
//
// They live in the operating system's keyring (Secret Service, Keychain, Credential Manager).
// Where there is none, as on a headless Linux box, they go to a file only the user can read,
// credentials.json in the user's config directory (0600, in a 0700 directory). They never go
// into a project file, an export or a log: Credentials masks itself when printed.
package creds

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"robodesk/sync/bitrix24"
)

// ErrNotFound says no credentials are saved for a portal.
var ErrNotFound = errors.New("no saved credentials")

// Credentials sign in to one portal, by webhook or by OAuth.
type Credentials struct {
	// Host is the portal's host (and port, if any), lower case: example.bitrix24.ru.
	Host string `json:"host"`
	// Webhook is an incoming webhook URL, https://portal/rest/<user>/<code>/.
	Webhook string `json:"webhook,omitempty"`
	// OAuth is an application's configuration and tokens.
	OAuth *OAuth `json:"oauth,omitempty"`
}

// OAuth is an OAuth application on a portal. A refresh replaces both tokens, and the new pair is
// saved at once (the old refresh token no longer works).
type OAuth struct {
	// Endpoint is the portal's REST root, https://portal/rest/.
	Endpoint     string    `json:"endpoint"`
	ClientID     string    `json:"clientId"`
	ClientSecret string    `json:"clientSecret"`
	TokenURL     string    `json:"tokenUrl,omitempty"`
	AccessToken  string    `json:"accessToken,omitempty"`
	RefreshToken string    `json:"refreshToken"`
	Expires      time.Time `json:"expires,omitempty"`
	// ClientEndpoint is the REST root the token server named, when it differs from Endpoint.
	ClientEndpoint string `json:"clientEndpoint,omitempty"`
}

// Kinds of credentials.
const (
	KindWebhook = "webhook"
	KindOAuth   = "oauth"
)

// Kind is "webhook" or "oauth", "" for empty credentials.
func (c Credentials) Kind() string {
	switch {
	case c.Webhook != "":
		return KindWebhook
	case c.OAuth != nil:
		return KindOAuth
	}
	return ""
}

// String names the credentials without their secrets: "webhook for example.bitrix24.ru".
func (c Credentials) String() string {
	if k := c.Kind(); k != "" {
		return k + " for " + c.Host
	}
	return "no credentials for " + c.Host
}

// GoString keeps %#v from printing secrets as well.
func (c Credentials) GoString() string { return "creds.Credentials{" + c.String() + "}" }

// Secrets lists the values that must never be shown: the webhook code, tokens and the client
// secret.
func (c Credentials) Secrets() []string {
	var out []string
	if c.Webhook != "" {
		if w, err := bitrix24.ParseWebhook(c.Webhook); err == nil {
			out = append(out, w.Code)
		}
	}
	if o := c.OAuth; o != nil {
		for _, s := range []string{o.ClientSecret, o.AccessToken, o.RefreshToken} {
			if s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// Mask replaces the credentials' secrets in s with ***.
func (c Credentials) Mask(s string) string {
	for _, secret := range c.Secrets() {
		s = strings.ReplaceAll(s, secret, bitrix24.Mask)
	}
	return s
}

// Check says whether the credentials can be used.
func (c Credentials) Check() error {
	if c.Host == "" {
		return errors.New("credentials name no portal")
	}
	switch {
	case c.Webhook != "" && c.OAuth != nil:
		return fmt.Errorf("credentials for %s: a webhook or OAuth, not both", c.Host)
	case c.Webhook != "":
		w, err := bitrix24.ParseWebhook(c.Webhook)
		if err != nil {
			return err
		}
		if Host(w.Base.Host) != c.Host {
			return fmt.Errorf("credentials for %s: the webhook is for %s", c.Host, Host(w.Base.Host))
		}
	case c.OAuth != nil:
		if c.OAuth.RefreshToken == "" && c.OAuth.AccessToken == "" {
			return fmt.Errorf("OAuth for %s: a refresh token is needed", c.Host)
		}
		if c.OAuth.ClientID == "" || c.OAuth.ClientSecret == "" {
			return fmt.Errorf("OAuth for %s: the application's client ID and secret are needed", c.Host)
		}
	default:
		return fmt.Errorf("credentials for %s: neither a webhook nor OAuth", c.Host)
	}
	return nil
}

// Host normalises a host for use as a key: lower case, no trailing dot.
func Host(h string) string { return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".") }

// ParsePortal reads what a user gives as the portal: an incoming webhook URL
// (https://example.bitrix24.ru/rest/1/<code>/), which then is returned as webhook, or just the
// portal's address (example.bitrix24.ru, https://example.bitrix24.ru/), whose saved credentials
// are to be used. Errors never quote the input, which may hold a webhook code.
func ParsePortal(s string) (host, webhook string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", errors.New("no portal given")
	}
	raw := s
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", "", errors.New("the portal is neither a webhook URL nor a portal address")
	}
	if strings.Contains(u.Path, "/rest/") || strings.HasPrefix(u.Path, "rest/") {
		w, err := bitrix24.ParseWebhook(raw)
		if err != nil {
			return "", "", err
		}
		return Host(w.Base.Host), w.Base.String(), nil
	}
	if err := bitrix24.CheckURL(u); err != nil {
		return "", "", err
	}
	if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.User != nil {
		return "", "", fmt.Errorf("portal address of %s: give the address alone or a webhook URL", Host(u.Host))
	}
	return Host(u.Host), "", nil
}

// String keeps an OAuth configuration from printing its secrets.
func (o OAuth) String() string { return "OAuth application " + o.ClientID + " at " + o.Endpoint }

// GoString keeps %#v from printing secrets as well.
func (o OAuth) GoString() string { return "creds.OAuth{" + o.String() + "}" }
