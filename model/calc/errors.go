package calc

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrorKind identifies one of the portal calculator's error messages.
type ErrorKind uint8

// The kinds, in the portal's own numbering.
const (
	ErrVariableName      ErrorKind = iota // Incorrect variable name - "X"
	ErrEmpty                              // Empty
	ErrSyntax                             // Syntax error "X"
	ErrUnknownFunction                    // Unknown function "X"
	ErrUnmatchedClosing                   // Unmatched closing bracket ")"
	ErrUnmatchedOpening                   // Unmatched opening bracket "("
	ErrDivisionByZero                     // Division by zero
	ErrOperandOrder                       // Incorrect order of operands
	ErrFunctionArguments                  // Incorrect arguments of function "X"
)

// ErrUnknownVariable may be returned (wrapped) by a Resolver for a reference to something that
// does not exist. The portal silently uses null there; a designer wants to say so, and the
// calculator reports it with the portal's "Incorrect variable name" message.
var ErrUnknownVariable = errors.New("unknown variable")

// Error is a calculator error with the portal's exact message and where it happened.
type Error struct {
	Kind ErrorKind
	// Arg is the text the message quotes: the rest of the text for a syntax error, the function
	// name, or the variable.
	Arg string
	// Offset is the byte offset in the compiled source of the token at fault; Rune is the same
	// position counted in characters, for editors that count that way.
	Offset, Rune int
}

// Message is the portal's text of the error, e.g. `Unknown function "foo"`.
func (e *Error) Message() string {
	switch e.Kind {
	case ErrVariableName:
		return `Incorrect variable name - "` + e.Arg + `"`
	case ErrEmpty:
		return "Empty"
	case ErrSyntax:
		return `Syntax error "` + e.Arg + `"`
	case ErrUnknownFunction:
		return `Unknown function "` + e.Arg + `"`
	case ErrUnmatchedClosing:
		return `Unmatched closing bracket ")"`
	case ErrUnmatchedOpening:
		return `Unmatched opening bracket "("`
	case ErrDivisionByZero:
		return "Division by zero"
	case ErrOperandOrder:
		return "Incorrect order of operands"
	case ErrFunctionArguments:
		return `Incorrect arguments of function "` + e.Arg + `"`
	}
	return "Unknown error"
}

// Error adds the 1-based character position to the message.
func (e *Error) Error() string {
	return fmt.Sprintf("%s at character %d", e.Message(), e.Rune+1)
}

func newError(kind ErrorKind, arg string, src string, offset int) *Error {
	if offset > len(src) {
		offset = len(src)
	}
	return &Error{Kind: kind, Arg: arg, Offset: offset, Rune: utf8.RuneCountInString(src[:offset])}
}
