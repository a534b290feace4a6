package tmpl

import "fmt"

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start, End int
}

// String prints the span as "start:end".
func (s Span) String() string { return fmt.Sprintf("%d:%d", s.Start, s.End) }

// Of returns the spanned part of text.
func (s Span) Of(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}
