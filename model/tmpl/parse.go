package tmpl

import (
	"strings"

	"robodesk/model/calc"
)

// SegmentKind tells literal text from the two kinds of substitution.
type SegmentKind uint8

// Segment kinds.
const (
	Literal     SegmentKind = iota
	Placeholder             // {=Object:Field > mods}
	InlineCalc              // {{= expr }}
)

// Segment is one piece of a parsed text.
type Segment struct {
	Kind SegmentKind
	// Span is where the segment is in the source; Text is that part of the source.
	Span Span
	Text string
	// Ref is the reference of a Placeholder (Ref.Offset is in the source).
	Ref calc.Ref
	// Expr is the expression of an InlineCalc, at ExprSpan in the source.
	Expr     string
	ExprSpan Span

	prog       *calc.Program
	compileErr error
	// fallback is how the raw text of an InlineCalc renders when the calculation fails or
	// yields null: the portal then leaves it in place and substitutes its placeholders.
	fallback []Segment
}

// Template is a parsed text. It is immutable and safe for concurrent rendering.
type Template struct {
	src  string
	segs []Segment
	// whole is set when the text as a whole is a calculation ("=expr" or "{{= expr }}").
	whole     *calc.Program
	wholeErr  error
	wholeSpan Span
	edits     []edit // friendly → system positions, set by ParseFriendly
}

// Source is the text the template was parsed from (the system form for ParseFriendly).
func (t *Template) Source() string { return t.src }

// Segments are the pieces of the text in order.
func (t *Template) Segments() []Segment { return t.segs }

// IsCalculation tells whether the whole text is one calculated value.
func (t *Template) IsCalculation() bool { return t.whole != nil || t.wholeErr != nil }

// Parse reads a text in the stored form. It never fails: what is no placeholder or calculation
// is literal text, exactly as the portal treats it. Calculation syntax errors surface when the
// template is rendered, where the portal reports them.
func Parse(text string) *Template {
	t := &Template{src: text}
	if isWholeCalc(text) {
		t.wholeSpan = Span{0, len(text)}
		p, err := calc.Compile(text)
		if err != nil {
			t.wholeErr = err
		} else {
			t.whole = p
		}
	}
	t.segs = parseInline(text, 0, len(text))
	return t
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// isWholeCalc is the portal's CalcPattern: after optional spaces the text starts with "=", or it
// is "{{= … }}" as a whole.
func isWholeCalc(s string) bool {
	i, j := 0, len(s)
	for i < j && isSpaceByte(s[i]) {
		i++
	}
	for j > i && isSpaceByte(s[j-1]) {
		j--
	}
	body := s[i:j]
	return strings.HasPrefix(body, "=") || (strings.HasPrefix(body, "{{=") && strings.HasSuffix(body, "}}") && len(body) >= 5)
}

// parseInline cuts src[from:to] into literals, inline calculations and placeholders. Inline
// calculations are found first, like the portal's first pass: "{{=", lazily up to the first
// "}}" that is not followed by another "}". The character after "}}" is consumed by that
// pattern, so "{{=1}}{{=2}}" computes only the first calculation.
func parseInline(src string, from, to int) []Segment {
	var segs []Segment
	litStart := from
	i := from
	for {
		open := strings.Index(src[i:to], "{{=")
		if open < 0 {
			break
		}
		open += i
		exprStart := open + 3
		for exprStart < to && isSpaceByte(src[exprStart]) {
			exprStart++
		}
		closeAt := -1
		for k := open + 3; k+1 < to; k++ {
			if src[k] == '}' && src[k+1] == '}' && (k+2 >= to || src[k+2] != '}') {
				closeAt = k
				break
			}
		}
		if closeAt < 0 {
			break
		}
		if exprStart > closeAt {
			exprStart = closeAt
		}
		exprEnd := closeAt
		for exprEnd > exprStart && isSpaceByte(src[exprEnd-1]) {
			exprEnd--
		}
		segs = appendPlaceholders(segs, src, litStart, open)
		seg := Segment{
			Kind: InlineCalc, Span: Span{open, closeAt + 2}, Text: src[open : closeAt+2],
			Expr: src[exprStart:exprEnd], ExprSpan: Span{exprStart, exprEnd},
		}
		seg.prog, seg.compileErr = calc.Compile(seg.Expr)
		seg.fallback = appendPlaceholders(nil, src, open, closeAt+2)
		segs = append(segs, seg)
		litStart = closeAt + 2
		i = litStart
		if i < to {
			i++ // the character the portal's pattern swallows after "}}"
		}
		if i >= to {
			break
		}
	}
	return appendPlaceholders(segs, src, litStart, to)
}

// appendPlaceholders cuts src[from:to] into literals and {=…} placeholders.
func appendPlaceholders(segs []Segment, src string, from, to int) []Segment {
	lit := from
	for i := from; i+1 < to; i++ {
		if src[i] != '{' || src[i+1] != '=' {
			continue
		}
		ref, end, ok := calc.ScanRef(src[:to], i)
		if !ok {
			continue
		}
		if lit < i {
			segs = append(segs, Segment{Kind: Literal, Span: Span{lit, i}, Text: src[lit:i]})
		}
		segs = append(segs, Segment{Kind: Placeholder, Span: Span{i, end}, Text: src[i:end], Ref: ref})
		lit = end
		i = end - 1
	}
	if lit < to {
		segs = append(segs, Segment{Kind: Literal, Span: Span{lit, to}, Text: src[lit:to]})
	}
	return segs
}
