package bitrix24

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// CheckURL enforces https for every URL the client sends credentials to. Plain http is allowed
// only on loopback (127.0.0.0/8, ::1, localhost), where the emulator and local tests run.
// The error names the host only: the path of a webhook URL is a secret.
func CheckURL(u *url.URL) error {
	if u == nil || u.Host == "" {
		return errors.New("URL has no host")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if IsLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("%s: %w (plain http is allowed on loopback only)", u.Host, ErrInsecureURL)
	}
	return fmt.Errorf("%s: scheme %q: %w", u.Host, u.Scheme, ErrInsecureURL)
}

// IsLoopback reports whether host is localhost or a loopback address.
func IsLoopback(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// webhookPath matches the tail of an incoming webhook's path: rest/<user id>/<code>, optionally
// followed by a method name the user copied along (…/profile.json).
var webhookPath = regexp.MustCompile(`(^|/)rest/(\d+)/([A-Za-z0-9_-]+)/?([A-Za-z0-9_.]+\.[A-Za-z0-9_.]+)?/?$`)

// Webhook is a parsed incoming webhook URL.
type Webhook struct {
	// Base is the URL methods are appended to: https://portal/rest/<user>/<code>/.
	Base *url.URL
	// UserID is the user the webhook acts as; it is not a secret.
	UserID string
	// Code is the webhook's secret.
	Code string
}

// ParseWebhook reads https://portal/rest/<user>/<code>/ (a trailing method such as profile.json
// is ignored). Errors never quote the URL, as its path is the secret.
func ParseWebhook(raw string) (*Webhook, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errors.New("webhook URL is not a valid URL")
	}
	if err := CheckURL(u); err != nil {
		return nil, fmt.Errorf("webhook URL: %w", err)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("webhook URL of %s: must not carry a user, query or fragment", u.Host)
	}
	m := webhookPath.FindStringSubmatchIndex(u.Path)
	if m == nil {
		return nil, fmt.Errorf("webhook URL of %s: path must be /rest/<user id>/<code>/", u.Host)
	}
	user := u.Path[m[4]:m[5]]
	code := u.Path[m[6]:m[7]]
	base := *u
	base.Path = u.Path[:m[0]] + "/rest/" + user + "/" + code + "/"
	base.RawPath = ""
	return &Webhook{Base: &base, UserID: user, Code: code}, nil
}
