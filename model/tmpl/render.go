package tmpl

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"robodesk/model/calc"
)

// Context is what a rendering needs besides the text.
type Context struct {
	// Source supplies field metadata and sample values; nil knows nothing.
	Source Source
	// Env is the calculator environment: calendar and zone, current time, date formats,
	// language (bool words, month names), users, document link and random source.
	Env *calc.Env
	// Currencies overrides DefaultCurrencies.
	Currencies map[string]Currency
	// CurrentUser is the ID {=User:…} stands for; WorkflowID is what {=Workflow:…} shows.
	CurrentUser int
	WorkflowID  string
	// Strict makes a calculation fail with "Incorrect variable name" when it refers to an
	// unknown field or robot, where the portal would silently use null.
	Strict bool
}

// Empty is a placeholder that rendered as nothing or was left as written.
type Empty struct {
	Span   Span // in the text that was parsed (the friendly text for ParseFriendly)
	Ref    calc.Ref
	Reason Reason
}

// CalcError is a calculation that failed; the portal then leaves its text in place.
type CalcError struct {
	// Span is the whole calculation in the text; At is the offset of the token at fault.
	Span Span
	At   int
	// Err is a *calc.Error (with the portal's message) or a resolver's error.
	Err error
}

// Error reports the position in the text and the calculator's message.
func (e *CalcError) Error() string {
	var ce *calc.Error
	if errors.As(e.Err, &ce) {
		return fmt.Sprintf("calculation at byte %d: %s", e.At, ce.Message())
	}
	return fmt.Sprintf("calculation at byte %d: %v", e.At, e.Err)
}

// Unwrap gives the calculator's error.
func (e *CalcError) Unwrap() error { return e.Err }

// Result is a rendered text with what went wrong in it.
type Result struct {
	Text   string
	Empty  []Empty
	Errors []*CalcError
}

// renderer is the state of one rendering.
type renderer struct {
	t          *Template
	ctx        *Context
	src        Source
	env        *calc.Env
	formats    calc.Formats
	lang       string
	currencies map[string]Currency
	res        Result
	calcEnv    *calc.Env
	resolver   *calcResolver
}

var defaultEnv = &calc.Env{}

func newRenderer(t *Template, ctx *Context) *renderer {
	if ctx == nil {
		ctx = &Context{}
	}
	r := &renderer{t: t, ctx: ctx, src: ctx.Source, env: ctx.Env, currencies: ctx.Currencies}
	if r.src == nil {
		r.src = noSource{}
	}
	if r.env == nil {
		r.env = defaultEnv
	}
	if r.currencies == nil {
		r.currencies = DefaultCurrencies
	}
	r.formats = r.env.Formats.WithDefaults()
	r.lang = strings.ToLower(r.env.Lang)
	if r.lang == "" {
		r.lang = "ru"
	}
	return r
}

// Render fills the text with values as the portal would: a whole-value calculation when the
// text is one, otherwise inline calculations first and placeholders after. Placeholders that
// come out empty and calculations that fail are reported with their spans.
func (t *Template) Render(ctx *Context) Result {
	r := newRenderer(t, ctx)
	if v, ok := r.whole(); ok {
		r.res.Text = r.join(v)
		return r.finish()
	}
	var b strings.Builder
	b.Grow(len(t.src) + len(t.src)/2)
	r.write(&b, t.segs)
	r.res.Text = b.String()
	return r.finish()
}

// Value is the typed value of a robot property: a whole-value calculation's result, a single
// placeholder's own value (an array for a multiple field such as PHONE, a date for a date field),
// or else the rendered text.
func (t *Template) Value(ctx *Context) (calc.Value, Result) {
	r := newRenderer(t, ctx)
	if v, ok := r.whole(); ok {
		r.res.Text = r.join(v)
		return v, r.finish()
	}
	if seg, ok := t.single(); ok {
		v, reason, found := r.lookup(seg.Ref, false)
		if found {
			r.res.Text = r.join(v)
			if r.res.Text == "" {
				r.addEmpty(seg.Span, seg.Ref, reason)
			}
			return v, r.finish()
		}
	}
	res := t.Render(ctx)
	return calc.String(res.Text), res
}

// single returns the placeholder when the text is exactly one, spaces aside.
func (t *Template) single() (Segment, bool) {
	var found *Segment
	for i := range t.segs {
		s := &t.segs[i]
		switch s.Kind {
		case Placeholder:
			if found != nil {
				return Segment{}, false
			}
			found = s
		case Literal:
			if strings.TrimLeft(s.Text, " \t\n\r\v\f") != "" {
				return Segment{}, false
			}
		default:
			return Segment{}, false
		}
	}
	if found == nil {
		return Segment{}, false
	}
	return *found, true
}

// finish removes repeated reports (a text that is "{{= … }}" as a whole is tried as a whole
// value and then inline, as on the portal, and would report the same problem twice) and maps
// spans back to the friendly text.
func (r *renderer) finish() Result {
	if len(r.res.Empty) > 1 {
		type emptyKey struct {
			span   Span
			reason Reason
		}
		seen := map[emptyKey]bool{}
		kept := r.res.Empty[:0]
		for _, e := range r.res.Empty {
			key := emptyKey{e.Span, e.Reason}
			if !seen[key] {
				seen[key] = true
				kept = append(kept, e)
			}
		}
		r.res.Empty = kept
	}
	if len(r.res.Errors) > 1 {
		seen := map[string]bool{}
		kept := r.res.Errors[:0]
		for _, e := range r.res.Errors {
			key := e.Error()
			if !seen[key] {
				seen[key] = true
				kept = append(kept, e)
			}
		}
		r.res.Errors = kept
	}
	if r.t.edits != nil {
		for i := range r.res.Empty {
			r.res.Empty[i].Span = r.t.mapSpan(r.res.Empty[i].Span)
		}
		for _, e := range r.res.Errors {
			e.Span = r.t.mapSpan(e.Span)
			e.At = r.t.mapSpan(Span{e.At, e.At}).Start
		}
	}
	return r.res
}

// whole evaluates a whole-value calculation; ok is false when there is none, or when it fails
// or yields null and the portal goes on to treat the text as an ordinary one.
func (r *renderer) whole() (calc.Value, bool) {
	t := r.t
	if t.whole == nil && t.wholeErr == nil {
		return calc.Null(), false
	}
	if t.wholeErr != nil {
		r.addError(t.wholeSpan, 0, t.wholeErr)
		return calc.Null(), false
	}
	v, err := t.whole.Eval(r.calc(0))
	if err != nil {
		r.addError(t.wholeSpan, 0, err)
		return calc.Null(), false
	}
	return v, !v.IsNull()
}

func (r *renderer) write(b *strings.Builder, segs []Segment) {
	for i := range segs {
		s := &segs[i]
		switch s.Kind {
		case Literal:
			b.WriteString(s.Text)
		case Placeholder:
			v, reason, found := r.lookup(s.Ref, true)
			if !found {
				b.WriteString(s.Text)
				r.addEmpty(s.Span, s.Ref, reason)
				continue
			}
			n := b.Len()
			r.writeValue(b, v)
			if b.Len() == n {
				r.addEmpty(s.Span, s.Ref, reason)
			}
		case InlineCalc:
			r.writeCalc(b, s)
		}
	}
}

func (r *renderer) writeCalc(b *strings.Builder, s *Segment) {
	if s.compileErr != nil {
		r.addError(s.Span, s.ExprSpan.Start, s.compileErr)
		r.write(b, s.fallback)
		return
	}
	v, err := s.prog.Eval(r.calc(s.ExprSpan.Start))
	if err != nil {
		r.addError(s.Span, s.ExprSpan.Start, err)
		r.write(b, s.fallback)
		return
	}
	if v.IsNull() {
		r.write(b, s.fallback)
		return
	}
	text := r.join(v)
	if !strings.Contains(text, "{=") {
		b.WriteString(text)
		return
	}
	// The portal substitutes placeholders after the calculations, so a result that contains
	// one is filled in too.
	for _, seg := range appendPlaceholders(nil, text, 0, len(text)) {
		if seg.Kind == Literal {
			b.WriteString(seg.Text)
			continue
		}
		if v, _, found := r.lookup(seg.Ref, true); found {
			r.writeValue(b, v)
		} else {
			b.WriteString(seg.Text)
		}
	}
}

func (r *renderer) writeValue(b *strings.Builder, v calc.Value) {
	if v.Kind() == calc.KindString {
		b.WriteString(v.Str())
		return
	}
	b.WriteString(r.join(v))
}

// join is how a text shows a value: lists joined with ", ".
func (r *renderer) join(v calc.Value) string { return r.formats.Join(v) }

func (r *renderer) addEmpty(span Span, ref calc.Ref, reason Reason) {
	r.res.Empty = append(r.res.Empty, Empty{Span: span, Ref: ref, Reason: reason})
}

func (r *renderer) addError(span Span, base int, err error) {
	at := span.Start
	var ce *calc.Error
	if errors.As(err, &ce) {
		at = base + ce.Offset
	}
	r.res.Errors = append(r.res.Errors, &CalcError{Span: span, At: at, Err: err})
}

// calc is the calculator environment for an expression starting at base in the source.
func (r *renderer) calc(base int) *calc.Env {
	if r.calcEnv == nil {
		env := *r.env
		r.resolver = &calcResolver{r: r}
		env.Resolver = r.resolver
		r.calcEnv = &env
	}
	r.resolver.base = base
	return r.calcEnv
}

// calcResolver answers the variables of calculations from the same source, without the default
// "string" modifier (a calculation gets numbers, dates and lists), and notes empty ones.
type calcResolver struct {
	r    *renderer
	base int
}

// Resolve implements calc.Resolver.
func (c *calcResolver) Resolve(ref calc.Ref) (calc.Value, error) {
	v, reason, found := c.r.lookup(ref, false)
	span := Span{c.base + ref.Offset, c.base + ref.Offset + len(ref.Text)}
	if !found || reason == UnknownField {
		c.r.addEmpty(span, ref, reason)
		if c.r.ctx.Strict {
			return calc.Null(), calc.ErrUnknownVariable
		}
		return calc.Null(), nil
	}
	if c.r.join(v) == "" {
		c.r.addEmpty(span, ref, reason)
	}
	return v, nil
}

func itoaInt(n int) string { return strconv.Itoa(n) }
