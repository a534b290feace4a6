package fake

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"robodesk/sync/bitrix24"
)

// Options configure the emulator; the zero value is a well-behaved portal with webhook user 1, a
// random webhook code, the cloud's 2/50 leaky bucket and the connector installed.
type Options struct {
	// WebhookUser and WebhookCode form the incoming webhook path /rest/<user>/<code>/.
	WebhookUser int
	WebhookCode string
	// OAuth, when set, also serves /rest/<method> with an access token and /oauth/token/.
	OAuth *OAuthOptions
	// Limit is the portal's leaky bucket; zero means bitrix24.StandardLimit (2/s, burst 50).
	Limit bitrix24.Limit
	// NoLimit turns the bucket off.
	NoLimit bool
	// FailRate is the share of requests that fail on purpose, the failure picked evenly among
	// 503 QUERY_LIMIT_EXCEEDED, HTTP 500 and a dropped connection.
	FailRate float64
	// QueryLimitRate, ServerErrorRate and DropRate add faults of one kind each.
	QueryLimitRate  float64
	ServerErrorRate float64
	DropRate        float64
	// LostAnswerRate is the share of requests that are carried out but whose answer is lost
	// (the connection drops afterwards), as when a network fails on the way back.
	LostAnswerRate float64
	// Latency delays every answer by a random time between Latency/2 and 3·Latency/2.
	Latency time.Duration
	// NoConnector makes the portal one without the RoboDesk connector: its methods are unknown.
	NoConnector bool
	// Refuse makes methods fail with the given error code (ACCESS_DENIED, say), directly and in
	// batches alike, to try how a client reports a portal that says no.
	Refuse map[string]string
	// RandSeed makes fault injection reproducible; 0 picks a random seed.
	RandSeed uint64
	// Now is the emulator's clock; time.Now when nil.
	Now func() time.Time

	// Seed names the dataset Serve starts with: "demo" (default), "big" or "empty".
	Seed string
	// Out receives Serve's start-up lines (address and webhook URL); nil means none.
	Out io.Writer
}

// OAuthOptions configure the emulator's OAuth side.
type OAuthOptions struct {
	ClientID     string
	ClientSecret string
	// AccessTTL is the life of an access token; default one hour, as on Bitrix24.
	AccessTTL time.Duration
}

// Server is the emulated portal, an http.Handler. It is safe for concurrent use.
type Server struct {
	opts Options

	mu      sync.Mutex
	data    *Data
	bucket  bucket
	stats   Stats
	rnd     *mrand.Rand
	access  map[string]time.Time // access token → expiry
	refresh map[string]bool      // refresh tokens not yet used
}

// New returns an emulator serving data (the demo portal when nil).
func New(data *Data, opts Options) *Server {
	if data == nil {
		data = Demo()
	}
	if opts.WebhookUser <= 0 {
		opts.WebhookUser = 1
	}
	if opts.WebhookCode == "" {
		opts.WebhookCode = randomToken(8)
	}
	if opts.Limit.Rate <= 0 || opts.Limit.Burst <= 0 {
		opts.Limit = bitrix24.StandardLimit
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.OAuth != nil && opts.OAuth.AccessTTL <= 0 {
		o := *opts.OAuth
		o.AccessTTL = time.Hour
		opts.OAuth = &o
	}
	seed := opts.RandSeed
	if seed == 0 {
		seed = mrand.Uint64()
	}
	return &Server{
		opts:    opts,
		data:    data,
		bucket:  bucket{limit: opts.Limit},
		stats:   Stats{Faults: map[string]int64{}, Methods: map[string]int64{}},
		rnd:     mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		access:  map[string]time.Time{},
		refresh: map[string]bool{},
	}
}

func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}

// WebhookURL is the incoming webhook of the emulator served at base (e.g. an httptest URL).
func (s *Server) WebhookURL(base string) string {
	return strings.TrimSuffix(base, "/") + "/rest/" + strconv.Itoa(s.opts.WebhookUser) + "/" + s.opts.WebhookCode + "/"
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats.copy()
}

// Template returns the robot template of a stage as the emulator holds it.
func (s *Server) Template(entity, status string) Template {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.data.template(stageRef(entity, status))
	t.Robots = append(json.RawMessage(nil), t.Robots...)
	return t
}

// Edit changes the emulator's data while it serves, as somebody working in the portal's own
// editor would; f runs under the emulator's lock.
func (s *Server) Edit(f func(d *Data) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return f(s.data)
}

// ServeHTTP answers REST calls under /rest/ and, with OAuth on, token refreshes at /oauth/token/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.opts.OAuth != nil && strings.TrimSuffix(r.URL.Path, "/") == "/oauth/token" {
		s.serveToken(w, r)
		return
	}
	route, ok := strings.CutPrefix(r.URL.Path, "/rest/")
	if !ok {
		writeError(w, &apiError{http.StatusNotFound, bitrix24.CodeNotFound, "Unknown path"})
		return
	}
	p, perr := readParams(r)

	now := s.opts.Now()
	s.mu.Lock()
	s.stats.Requests++
	allowed := s.opts.NoLimit || s.bucket.allow(now)
	fault := ""
	if allowed {
		fault = s.rollFault()
	} else {
		s.stats.RefusedByLimit++
	}
	delay := s.latency()
	s.mu.Unlock()

	if !allowed {
		writeError(w, &apiError{http.StatusServiceUnavailable, bitrix24.CodeQueryLimitExceeded, "Too many requests"})
		return
	}
	switch fault {
	case FaultQueryLimit:
		writeError(w, &apiError{http.StatusServiceUnavailable, bitrix24.CodeQueryLimitExceeded, "Too many requests"})
		return
	case FaultServerError:
		writeError(w, &apiError{http.StatusInternalServerError, bitrix24.CodeInternalServerError, "Internal server error"})
		return
	case FaultDrop:
		drop(w)
		return
	}
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}

	method, auth, aerr := s.route(route, p)
	if aerr == nil && perr != nil {
		aerr = &apiError{http.StatusBadRequest, bitrix24.CodeInvalidRequest, "Cannot read parameters: " + perr.Error()}
	}
	if aerr == nil {
		aerr = s.authorize(auth, p, now)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.mu.Lock()
	ans, aerr := s.dispatch(method, p, now)
	lost := s.opts.LostAnswerRate > 0 && s.rnd.Float64() < s.opts.LostAnswerRate
	if lost {
		s.stats.Faults[FaultLostAnswer]++
	}
	s.mu.Unlock()
	if lost {
		drop(w)
		return
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeAnswer(w, ans, now)
}

// rollFault decides whether this request fails on purpose; s.mu is held.
func (s *Server) rollFault() string {
	o := s.opts
	x := s.rnd.Float64()
	kinds := []struct {
		kind string
		rate float64
	}{
		{FaultQueryLimit, o.QueryLimitRate + o.FailRate/3},
		{FaultServerError, o.ServerErrorRate + o.FailRate/3},
		{FaultDrop, o.DropRate + o.FailRate/3},
	}
	for _, k := range kinds {
		if x < k.rate {
			s.stats.Faults[k.kind]++
			return k.kind
		}
		x -= k.rate
	}
	return ""
}

// latency picks this answer's delay; s.mu is held.
func (s *Server) latency() time.Duration {
	if s.opts.Latency <= 0 {
		return 0
	}
	s.stats.Faults[FaultSlow]++
	return s.opts.Latency/2 + time.Duration(s.rnd.Int64N(int64(s.opts.Latency)+1))
}

// drop closes the connection without an answer, as a crashed front end or a broken network
// would.
func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// credentials say how a request authenticated: by webhook (user and code from the path) or by
// OAuth access token (the auth parameter).
type credentials struct {
	webhook    bool
	user, code string
}

// route splits /rest/<user>/<code>/<method> or /rest/<method> into method and credentials.
func (s *Server) route(route string, p params) (string, credentials, *apiError) {
	parts := strings.Split(route, "/")
	var method string
	var auth credentials
	switch len(parts) {
	case 1:
		method = parts[0]
	case 3:
		auth = credentials{webhook: true, user: parts[0], code: parts[1]}
		method = parts[2]
	default:
		return "", auth, &apiError{http.StatusNotFound, bitrix24.CodeMethodNotFound, "Method not found!"}
	}
	method = strings.ToLower(strings.TrimSuffix(method, ".json"))
	if method == "" {
		return "", auth, &apiError{http.StatusNotFound, bitrix24.CodeMethodNotFound, "Method not found!"}
	}
	return method, auth, nil
}

func (s *Server) authorize(auth credentials, p params, now time.Time) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if auth.webhook {
		if auth.user == strconv.Itoa(s.opts.WebhookUser) && auth.code == s.opts.WebhookCode {
			return nil
		}
		s.stats.AuthFailures++
		return &apiError{http.StatusUnauthorized, bitrix24.CodeNoAuthFound, "Wrong authorization data"}
	}
	token := p.str("auth")
	if s.opts.OAuth == nil || token == "" {
		s.stats.AuthFailures++
		return &apiError{http.StatusUnauthorized, bitrix24.CodeNoAuthFound, "Wrong authorization data"}
	}
	exp, ok := s.access[token]
	if !ok {
		s.stats.AuthFailures++
		return &apiError{http.StatusUnauthorized, bitrix24.CodeInvalidToken, "The access token provided is invalid."}
	}
	if !now.Before(exp) {
		s.stats.ExpiredTokens++
		return &apiError{http.StatusUnauthorized, bitrix24.CodeExpiredToken, "The access token provided has expired."}
	}
	return nil
}

// apiError is an error answer: HTTP status, error and error_description.
type apiError struct {
	status int
	code   string
	desc   string
}

// answer is a successful result with the list fields when the method is a list.
type answer struct {
	result   any
	total    int
	next     int
	hasTotal bool
	hasNext  bool
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.status, map[string]string{"error": e.code, "error_description": e.desc})
}

func writeAnswer(w http.ResponseWriter, a answer, now time.Time) {
	env := struct {
		Result any       `json:"result"`
		Total  *int      `json:"total,omitempty"`
		Next   *int      `json:"next,omitempty"`
		Time   timeBlock `json:"time"`
	}{Result: a.result, Time: timing(now)}
	if a.hasTotal {
		env.Total = &a.total
	}
	if a.hasNext {
		env.Next = &a.next
	}
	writeJSON(w, http.StatusOK, env)
}

// timeBlock is the envelope's "time"; the operating budget is never used up in the emulator.
type timeBlock struct {
	Start            float64 `json:"start"`
	Finish           float64 `json:"finish"`
	Duration         float64 `json:"duration"`
	Processing       float64 `json:"processing"`
	DateStart        string  `json:"date_start"`
	DateFinish       string  `json:"date_finish"`
	OperatingResetAt int64   `json:"operating_reset_at"`
	Operating        float64 `json:"operating"`
}

func timing(now time.Time) timeBlock {
	ts := float64(now.UnixNano()) / 1e9
	d := now.Format(time.RFC3339)
	return timeBlock{Start: ts, Finish: ts, DateStart: d, DateFinish: d, OperatingResetAt: now.Add(10 * time.Minute).Unix()}
}
