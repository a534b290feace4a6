package bitrix24

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Error codes Bitrix24 answers with, plus the connector's own (see docs/portal-protocol.md).
const (
	CodeQueryLimitExceeded    = "QUERY_LIMIT_EXCEEDED"
	CodeOperationTimeLimit    = "OPERATION_TIME_LIMIT"
	CodeOverloadLimit         = "OVERLOAD_LIMIT"
	CodeInternalServerError   = "INTERNAL_SERVER_ERROR"
	CodeUnexpectedAnswer      = "ERROR_UNEXPECTED_ANSWER"
	CodePortalDeleted         = "PORTAL_DELETED"
	CodeExpiredToken          = "expired_token"
	CodeInvalidToken          = "invalid_token"
	CodeInvalidGrant          = "invalid_grant"
	CodeNoAuthFound           = "NO_AUTH_FOUND"
	CodeInvalidCredentials    = "INVALID_CREDENTIALS"
	CodeAccessDenied          = "ACCESS_DENIED"
	CodeInsufficientScope     = "insufficient_scope"
	CodeMethodNotFound        = "ERROR_METHOD_NOT_FOUND"
	CodeBatchLengthExceeded   = "ERROR_BATCH_LENGTH_EXCEEDED"
	CodeBatchMethodNotAllowed = "ERROR_BATCH_METHOD_NOT_ALLOWED"
	CodeInvalidRequest        = "INVALID_REQUEST"
	CodeArgument              = "ERROR_ARGUMENT"
	CodeNotFound              = "NOT_FOUND"
	CodeRevisionConflict      = "REVISION_CONFLICT"
	CodeDocumentType          = "ERROR_DOCUMENT_TYPE"
	CodeStageNotFound         = "ERROR_STAGE_NOT_FOUND"
	CodeExternalModified      = "ERROR_EXTERNAL_MODIFIED"
)

// Error is an error answered by the portal: the envelope's error and error_description, the HTTP
// status it came with (0 for a command inside a batch) and, for OPERATION_TIME_LIMIT, when the
// method's time budget resets if the portal said so.
type Error struct {
	Code        string
	Description string
	HTTPStatus  int
	// ResetAt is the portal's operating_reset_at, when known.
	ResetAt time.Time
}

// Error reads "CODE: description (HTTP status)".
func (e *Error) Error() string {
	s := e.Code
	if s == "" {
		s = "error"
	}
	if e.Description != "" {
		s += ": " + e.Description
	}
	if e.HTTPStatus != 0 && e.HTTPStatus != http.StatusOK {
		s += fmt.Sprintf(" (HTTP %d)", e.HTTPStatus)
	}
	return s
}

// Is makes errors.Is(err, ErrExpiredToken) and its siblings match any *Error with the same code,
// whatever the description or status.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok || t.Code == "" {
		return false
	}
	return t.Code == e.Code
}

// Sentinels for errors.Is; they compare by code only.
var (
	ErrQueryLimitExceeded = &Error{Code: CodeQueryLimitExceeded}
	ErrOperationTimeLimit = &Error{Code: CodeOperationTimeLimit}
	ErrExpiredToken       = &Error{Code: CodeExpiredToken}
	ErrMethodNotFound     = &Error{Code: CodeMethodNotFound}
	ErrAccessDenied       = &Error{Code: CodeAccessDenied}
	ErrNoAuthFound        = &Error{Code: CodeNoAuthFound}
	ErrRevisionConflict   = &Error{Code: CodeRevisionConflict}
)

// ErrInsecureURL is returned for a portal, token or redirect URL that is not https and not on a
// loopback address: tokens and webhook codes must never travel in clear text.
var ErrInsecureURL = errors.New("https required")

// ErrNoConnector says the portal answers REST but has no RoboDesk connector installed: reference
// data can be pulled, but robots cannot be read or written there, only exported to files.
var ErrNoConnector = errors.New("portal has no RoboDesk connector (robodesk.connector.info not found): " +
	"pipelines, stages, fields and users can be pulled, robots can only be exported to files for this portal")

// NetError is a failure below the REST envelope: connection refused or dropped, a timeout, a body
// that could not be read. Its message is already masked and never carries the request URL.
type NetError struct {
	msg string
	err error
	// permanent marks failures that a retry cannot fix, such as an untrusted certificate.
	permanent bool
}

// Error returns the masked message.
func (e *NetError) Error() string { return e.msg }

// Unwrap exposes the underlying network error (never a *url.Error, whose text holds the URL).
func (e *NetError) Unwrap() error { return e.err }

// CodeOf returns the portal's error code in err's chain, or "".
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// IsRateLimited reports whether the portal refused for its request or time limits.
func IsRateLimited(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case CodeQueryLimitExceeded, CodeOperationTimeLimit, CodeOverloadLimit:
		return true
	}
	return e.HTTPStatus == http.StatusTooManyRequests
}

// IsAuth reports whether err means the credentials are wrong, expired or lack rights: retrying
// will not help, the user has to fix the connection.
func IsAuth(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case CodeExpiredToken, CodeInvalidToken, CodeInvalidGrant, CodeNoAuthFound, CodeInvalidCredentials,
		CodeAccessDenied, CodeInsufficientScope, "user_access_error", "WRONG_AUTH_TYPE", "authorization_error":
		return true
	}
	return e.HTTPStatus == http.StatusUnauthorized || e.HTTPStatus == http.StatusForbidden
}

// IsRetryable reports whether the same request may succeed if sent again later: rate limits,
// server-side failures and network errors. Context cancellation is never retryable.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, ErrInsecureURL) {
		return false
	}
	var ne *NetError
	if errors.As(err, &ne) {
		return !ne.permanent
	}
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case CodeQueryLimitExceeded, CodeOperationTimeLimit, CodeOverloadLimit, CodeInternalServerError:
		return true
	case CodePortalDeleted:
		return false
	}
	return e.HTTPStatus == http.StatusTooManyRequests || e.HTTPStatus >= 500
}
