// Package bitrix24 is the REST client RoboDesk talks to a Bitrix24 portal with.
//
// It speaks the portal's wire protocol as documented by Bitrix24: method calls over an incoming
// webhook URL (https://portal/rest/<user>/<code>/) or OAuth tokens, the JSON envelope
// {result, total, next, time} and {error, error_description}, list pagination by 50, batch calls of
// at most 50 commands, and the cloud rate limit (a leaky bucket of 2 requests a second with a burst
// of 50, or 5/250 on Enterprise plans).
//
// The client keeps the portal happy on its own: every HTTP request first passes a client-side
// leaky bucket so the portal never has to refuse one, transient failures are retried with
// exponential backoff and jitter, OPERATION_TIME_LIMIT waits for operating_reset_at, and an
// expired OAuth access token is refreshed once, handing the new refresh token to a TokenStore.
//
// Secrets never leave the client unmasked: webhook codes, access and refresh tokens and the OAuth
// client secret are replaced by "***" in every log line and in every returned error.
package bitrix24
