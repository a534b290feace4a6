package calc

import "strings"

// tokKind classifies what the portal's tokenizer regex recognised.
type tokKind uint8

const (
	tokOp       tokKind = iota // ( ) ; = <= >= <> < > & + - * / ^ %
	tokNumber                  // [\d.]+
	tokString                  // '…' or "…", no escapes
	tokFunction                // name( — the opening bracket is part of the token
	tokVariable                // {=Object:Field > mods}
)

type token struct {
	kind tokKind
	text string // operator, number text, string contents, lower-cased function name
	ref  Ref
	pos  int // byte offset of the token's first significant character
	// open is the offset of the "(" of a function token.
	open int
}

// bounds applies the portal's preprocessing: trim, drop one leading "=", then unwrap a whole
// "{{= … }}". The expression proper is src[start:end].
func bounds(src string) (start, end int) {
	const phpTrim = " \t\n\r\x00\x0B"
	start, end = 0, len(src)
	for start < end && strings.IndexByte(phpTrim, src[start]) >= 0 {
		start++
	}
	for end > start && strings.IndexByte(phpTrim, src[end-1]) >= 0 {
		end--
	}
	if start < end && src[start] == '=' {
		start++
	}
	if strings.HasPrefix(src[start:end], "{{=") && strings.HasSuffix(src[start:end], "}}") && end-start >= 5 {
		start += 3
		end -= 2
	}
	return start, end
}

// lex cuts src[start:end] into tokens exactly like the portal's alternation regex: whitespace
// around every token is ignored, numbers win over function names, and the first thing that is
// no token at all is a syntax error quoting the rest of its line.
func lex(src string, start, end int) ([]token, *Error) {
	var toks []token
	p := start
	text := src[:end]
	skip := func(i int) int {
		for i < end && isRefSpace(text[i]) {
			i++
		}
		return i
	}
	for p < end {
		q := skip(p)
		if q >= end {
			return nil, syntaxError(src, p, end)
		}
		c := text[q]
		var tok token
		next := q + 1
		switch {
		case c == '<' && q+1 < end && (text[q+1] == '=' || text[q+1] == '>'):
			tok, next = token{kind: tokOp, text: text[q : q+2], pos: q}, q+2
		case c == '>' && q+1 < end && text[q+1] == '=':
			tok, next = token{kind: tokOp, text: ">=", pos: q}, q+2
		case c == ',':
			tok = token{kind: tokOp, text: ";", pos: q}
		case strings.IndexByte("();=<>&+-*/^%", c) >= 0:
			tok = token{kind: tokOp, text: text[q : q+1], pos: q}
		case c >= '0' && c <= '9' || c == '.':
			for next < end && (text[next] >= '0' && text[next] <= '9' || text[next] == '.') {
				next++
			}
			tok = token{kind: tokNumber, text: text[q:next], pos: q}
		case c == '\'' || c == '"':
			closing := strings.IndexByte(text[q+1:], c)
			if closing < 0 {
				return nil, syntaxError(src, p, end)
			}
			next = q + 1 + closing + 1
			tok = token{kind: tokString, text: text[q+1 : next-1], pos: q}
		case isWordByte(c):
			for next < end && isWordByte(text[next]) {
				next++
			}
			name := text[q:next]
			b := skip(next)
			if b >= end || text[b] != '(' {
				return nil, syntaxError(src, p, end)
			}
			tok, next = token{kind: tokFunction, text: strings.ToLower(name), pos: q, open: b}, b+1
		case c == '{':
			ref, e, ok := ScanRef(text, q)
			if !ok {
				return nil, syntaxError(src, p, end)
			}
			tok, next = token{kind: tokVariable, ref: ref, pos: q}, e
		default:
			return nil, syntaxError(src, p, end)
		}
		toks = append(toks, tok)
		p = skip(next)
	}
	return toks, nil
}

// syntaxError quotes what the portal's catch-all ".+" would: the rest of the line from p,
// after any line breaks the regex engine steps over to find a match.
func syntaxError(src string, p, end int) *Error {
	for p < end && src[p] == '\n' {
		p++
	}
	stop := p
	for stop < end && src[stop] != '\n' {
		stop++
	}
	return newError(ErrSyntax, src[p:stop], src, p)
}
