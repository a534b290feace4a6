package fake

// Fault kinds, the keys of Stats.Faults.
const (
	FaultQueryLimit  = "query_limit"
	FaultServerError = "server_error"
	FaultDrop        = "drop"
	FaultSlow        = "slow"
	// FaultLostAnswer is a request carried out whose answer never reaches the client: the
	// connection drops after the work is done.
	FaultLostAnswer = "lost_answer"
)

// Stats are the emulator's counters since it started.
type Stats struct {
	// Requests counts HTTP requests to /rest/, refused or not.
	Requests int64
	// Commands counts method invocations, batch sub-commands included.
	Commands int64
	// RefusedByLimit counts requests the leaky bucket refused with QUERY_LIMIT_EXCEEDED.
	RefusedByLimit int64
	// Faults counts injected faults by kind (Fault* constants); slow answers are counted too.
	Faults map[string]int64
	// Methods counts invocations per method name, batch sub-commands included.
	Methods map[string]int64
	// AuthFailures counts requests refused for their webhook code or token.
	AuthFailures int64
	// ExpiredTokens counts requests refused with expired_token.
	ExpiredTokens int64
	// TokenRefreshes counts successful OAuth refreshes.
	TokenRefreshes int64
	// Batches counts batch calls and BatchCommands the commands they carried.
	Batches       int64
	BatchCommands int64
}

func (s *Stats) copy() Stats {
	c := *s
	c.Faults = make(map[string]int64, len(s.Faults))
	for k, v := range s.Faults {
		c.Faults[k] = v
	}
	c.Methods = make(map[string]int64, len(s.Methods))
	for k, v := range s.Methods {
		c.Methods[k] = v
	}
	return c
}
