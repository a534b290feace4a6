package fake

import (
	"net/http"
	"time"

	"robodesk/sync/bitrix24"
)

// IssueTokens creates a pair of OAuth tokens as if the application had just been authorised;
// the access token lives for ttl (which may be negative, to start with an expired one).
func (s *Server) IssueTokens(ttl time.Duration) (access, refresh string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issue(s.opts.Now().Add(ttl))
}

// issue mints a pair; s.mu is held.
func (s *Server) issue(expires time.Time) (access, refresh string) {
	access, refresh = randomToken(16), randomToken(16)
	s.access[access] = expires
	s.refresh[refresh] = true
	return access, refresh
}

// serveToken implements the refresh_token grant of Bitrix24's OAuth server. A refresh token
// works once: the answer carries its successor, as on the real server.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(r)
	if err != nil {
		writeError(w, &apiError{http.StatusBadRequest, "invalid_request", err.Error()})
		return
	}
	o := s.opts.OAuth
	if p.str("client_id") != o.ClientID || p.str("client_secret") != o.ClientSecret {
		writeError(w, &apiError{http.StatusUnauthorized, "invalid_client", "Invalid client credentials"})
		return
	}
	if p.str("grant_type") != "refresh_token" {
		writeError(w, &apiError{http.StatusBadRequest, "unsupported_grant_type", "Only refresh_token is supported"})
		return
	}
	now := s.opts.Now()
	s.mu.Lock()
	old := p.str("refresh_token")
	if !s.refresh[old] {
		s.mu.Unlock()
		writeError(w, &apiError{http.StatusBadRequest, bitrix24.CodeInvalidGrant, "Invalid refresh token"})
		return
	}
	delete(s.refresh, old)
	access, refresh := s.issue(now.Add(o.AccessTTL))
	s.stats.TokenRefreshes++
	s.mu.Unlock()

	endpoint := "http://" + r.Host + "/rest/"
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token":    access,
		"expires":         now.Add(o.AccessTTL).Unix(),
		"expires_in":      int(o.AccessTTL / time.Second),
		"scope":           "crm,user,department",
		"domain":          r.Host,
		"server_endpoint": "http://" + r.Host + "/oauth/rest/",
		"client_endpoint": endpoint,
		"member_id":       "emulator",
		"user_id":         s.opts.WebhookUser,
		"refresh_token":   refresh,
		"status":          "L",
	})
}
