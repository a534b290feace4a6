package preview

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"robodesk/model"
	"robodesk/model/calc"
	"robodesk/model/catalog"
	"robodesk/model/sample"
	"robodesk/model/tmpl"
)

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

func span(s tmpl.Span) Span { return Span{s.Start, s.End} }

// Reasons an Empty gives, as codes a view translates.
const (
	ReasonEmpty         = "empty"          // the sample value exists but prints as nothing
	ReasonNoSample      = "no_sample"      // the field is known but the sample has no value
	ReasonUnknownField  = "unknown_field"  // the entity or robot has no such field
	ReasonUnknownObject = "unknown_object" // no such robot runs earlier: the portal leaves the text
)

func reasonCode(r tmpl.Reason) string {
	switch r {
	case tmpl.EmptyValue:
		return ReasonEmpty
	case tmpl.NoSample:
		return ReasonNoSample
	case tmpl.UnknownField:
		return ReasonUnknownField
	}
	return ReasonUnknownObject
}

// Empty is a placeholder that rendered as nothing, or was left as written.
type Empty struct {
	// Ref is the placeholder as stored, e.g. {=Document:PHONE_PRINTABLE}.
	Ref string `json:"ref"`
	// Field is what the placeholder names: the field's title when the entity has it.
	Field  string `json:"field"`
	Reason string `json:"reason"`
	// Source is where the placeholder is in the stored text, Friendly in the friendly text,
	// Rendered what it became in the rendered one (empty when it printed nothing). Friendly and
	// Rendered are nil when they cannot be told.
	Source   Span  `json:"source"`
	Friendly *Span `json:"friendly,omitempty"`
	Rendered *Span `json:"rendered,omitempty"`
}

// CalcError is a calculation that failed; the portal leaves its text in place.
type CalcError struct {
	// Message is the portal calculator's own message, e.g. `Unknown function "foo"`.
	Message string `json:"message"`
	// At is the byte offset in the stored text of the token at fault and Char the same
	// position in characters; Span is the whole calculation.
	At   int  `json:"at"`
	Char int  `json:"char"`
	Span Span `json:"span"`
	// FriendlyAt and FriendlySpan are the same in the friendly text, when it can be told.
	FriendlyAt   *int  `json:"friendlyAt,omitempty"`
	FriendlySpan *Span `json:"friendlySpan,omitempty"`
	// Syntax marks an expression that cannot be read at all (a syntax error, an unknown
	// function, unmatched brackets), as opposed to one that fails for this sample (a division
	// by zero).
	Syntax bool `json:"syntax,omitempty"`
}

// Text is one property of a robot rendered for a sample.
type Text struct {
	RobotID string `json:"robotId,omitempty"`
	// Robot is the activity name; Title the robot's title.
	Robot string `json:"robot"`
	Title string `json:"title"`
	// Key is the property path: MessageText, MessageFields.MessageText, Fields.TITLE, Members[1].
	Key string `json:"key"`
	// Label is the property's title in the portal's language (the key for unknown properties).
	Label string `json:"label"`
	// Source is the stored text and Friendly the same as the designer shows it.
	Source   string `json:"source"`
	Friendly string `json:"friendly"`
	// Rendered is the text as it would be sent.
	Rendered string `json:"rendered"`
	// Chars counts the characters of Rendered.
	Chars int `json:"chars"`
	// SMS marks a text sent as an SMS; Segments is how it would be split (computed for every
	// text, so a view may show it for messenger texts too).
	SMS      bool     `json:"sms,omitempty"`
	Segments Segments `json:"segments"`
	// MaxLen is the property's limit in characters after rendering (200 for an SMS to an
	// employee), 0 for none; TooLong is set when Rendered exceeds it.
	MaxLen  int  `json:"maxLen,omitempty"`
	TooLong bool `json:"tooLong,omitempty"`
	// ClientFacing marks texts a client receives.
	ClientFacing bool        `json:"clientFacing,omitempty"`
	Empty        []Empty     `json:"empty,omitempty"`
	Errors       []CalcError `json:"errors,omitempty"`
}

// Earlier tells which robots stand before a text in its stage. Ran have run and returned their
// values. Idle are in the template but have not run (skipped by a condition, switched off, or
// still waiting): a reference to them renders empty, as on the portal, while a reference to a
// robot in neither list stays as written.
type Earlier struct {
	Ran, Idle []*model.Robot
}

// Robot renders every text of the robot at index in the stage for a sample record at the moment
// at; the switched-on robots before it in the stage count as having run (the simulator in
// package sim tells which really have by then). An index out of range gives nil.
func Robot(p *model.Project, stage model.StageRef, index int, rec sample.Record, at time.Time) []Text {
	robots := p.Robots(stage)
	if index < 0 || index >= len(robots) {
		return nil
	}
	return Draft(p, stage, index, robots[index], rec, at)
}

// Draft renders a robot being edited as if it stood at index in the stage: the switched-on
// robots before index count as having run. A negative index places it where the stage has a robot with the
// same ID, or after the last robot for a new one.
func Draft(p *model.Project, stage model.StageRef, index int, r *model.Robot, rec sample.Record, at time.Time) []Text {
	if r == nil {
		return nil
	}
	robots := p.Robots(stage)
	if index < 0 {
		index = len(robots)
		for i, x := range robots {
			if x.ID == r.ID && r.ID != "" {
				index = i
			}
		}
	}
	index = min(index, len(robots))
	env := NewEnv(p.Portal, stage.Entity, rec, at)
	return env.Texts(r, before(robots, index), at)
}

// before is what the robots ahead of index give a text: values of the switched-on ones, nothing
// of the switched-off ones.
func before(robots []*model.Robot, index int) Earlier {
	var e Earlier
	for _, r := range robots[:index] {
		if r.Activated {
			e.Ran = append(e.Ran, r)
		} else {
			e.Idle = append(e.Idle, r)
		}
	}
	return e
}

// RobotTexts are the texts of one robot of a stage.
type RobotTexts struct {
	Index     int    `json:"index"`
	RobotID   string `json:"robotId,omitempty"`
	Robot     string `json:"robot"`
	Title     string `json:"title"`
	Type      string `json:"type"`
	Activated bool   `json:"activated"`
	Texts     []Text `json:"texts"`
}

// Stage renders all texts of all robots of a stage at once: the "messages of this stage"
// gallery. Robots without texts are listed with none.
func Stage(p *model.Project, stage model.StageRef, rec sample.Record, at time.Time) []RobotTexts {
	robots := p.Robots(stage)
	env := NewEnv(p.Portal, stage.Entity, rec, at)
	out := make([]RobotTexts, 0, len(robots))
	for i, r := range robots {
		out = append(out, RobotTexts{
			Index: i, RobotID: r.ID, Robot: r.Name, Title: r.Title(), Type: r.Type, Activated: r.Activated,
			Texts: env.Texts(r, before(robots, i), at),
		})
	}
	return out
}

// Texts renders every text of a robot at the moment now.
func (e *Env) Texts(r *model.Robot, earlier Earlier, now time.Time) []Text {
	entry := catalog.Lookup(r.Type, r.Properties)
	var out []Text
	for _, tp := range textProps(r) {
		t := e.Render(tp.text, earlier, now)
		t.RobotID, t.Robot, t.Title, t.Key = r.ID, r.Name, r.Title(), tp.path
		t.Label = tp.path
		if tp.prop != nil {
			t.Label = tp.prop.Title.In(e.lang)
			t.MaxLen = tp.prop.MaxLen
		}
		t.TooLong = t.MaxLen > 0 && t.Chars > t.MaxLen
		t.SMS = r.Type == "CrmSendSmsActivity" && tp.path == "MessageText"
		t.ClientFacing = entry != nil && entry.ClientFacing
		out = append(out, t)
	}
	return out
}

// Render renders one stored text at the moment now, with its length, segments, empty
// placeholders and calculation errors. Robot fields of the Text are left empty.
func (e *Env) Render(text string, earlier Earlier, now time.Time) Text {
	t := tmpl.Parse(text)
	res := t.Render(e.context(earlier, now))
	out := Text{Source: text, Friendly: tmpl.ToFriendly(text, e.cat), Rendered: res.Text}
	out.Chars = utf8.RuneCountInString(res.Text)
	out.Segments = SMS(res.Text)

	var fres *tmpl.Result
	if ft, err := tmpl.ParseFriendly(out.Friendly, e.cat); err == nil {
		r := ft.Render(e.context(earlier, now))
		fres = &r
	}
	segs := t.Segments()
	rendered := e.segmentSpans(t, earlier, now, res.Text)
	for i, em := range res.Empty {
		x := Empty{Ref: em.Ref.Text, Field: e.fieldTitle(em.Ref), Reason: reasonCode(em.Reason), Source: span(em.Span)}
		if fres != nil && len(fres.Empty) == len(res.Empty) {
			s := span(fres.Empty[i].Span)
			x.Friendly = &s
		}
		if rendered != nil {
			for k, sg := range segs {
				if em.Span.Start >= sg.Span.Start && em.Span.Start < sg.Span.End {
					s := rendered[k]
					x.Rendered = &s
					break
				}
			}
		}
		out.Empty = append(out.Empty, x)
	}
	for i, ce := range res.Errors {
		x := CalcError{Message: calcMessage(ce), At: ce.At, Span: span(ce.Span), Syntax: isSyntax(ce)}
		if ce.At >= 0 && ce.At <= len(text) {
			x.Char = utf8.RuneCountInString(text[:ce.At])
		}
		if fres != nil && len(fres.Errors) == len(res.Errors) {
			at, s := fres.Errors[i].At, span(fres.Errors[i].Span)
			x.FriendlyAt, x.FriendlySpan = &at, &s
		}
		out.Errors = append(out.Errors, x)
	}
	return out
}

func calcMessage(ce *tmpl.CalcError) string {
	var e *calc.Error
	if errors.As(ce.Err, &e) {
		return e.Message()
	}
	return ce.Err.Error()
}

func isSyntax(ce *tmpl.CalcError) bool {
	var e *calc.Error
	if !errors.As(ce.Err, &e) {
		return false
	}
	switch e.Kind {
	case calc.ErrSyntax, calc.ErrUnknownFunction, calc.ErrUnmatchedClosing, calc.ErrUnmatchedOpening, calc.ErrEmpty, calc.ErrOperandOrder:
		return true
	}
	return false
}

func (e *Env) fieldTitle(ref calc.Ref) string {
	if ref.Object == "Document" {
		id := ref.Field
		if f, ok := e.fields[id]; ok && f.Title != "" {
			return f.Title
		}
		if base, ok := strings.CutSuffix(strings.ToUpper(id), "_PRINTABLE"); ok {
			if f, ok := e.fields[base]; ok && f.Title != "" {
				return f.Title
			}
		}
		return id
	}
	return ref.Object + ":" + ref.Field
}

// segmentSpans renders the pieces of a text one by one to learn where each landed in the
// rendered text. It gives nil when the pieces do not add up to the whole (a text that is one
// calculation, or random functions), so no span is ever wrong.
func (e *Env) segmentSpans(t *tmpl.Template, earlier Earlier, now time.Time, full string) []Span {
	segs := t.Segments()
	out := make([]Span, len(segs))
	var b strings.Builder
	for i, sg := range segs {
		piece := sg.Text
		if sg.Kind != tmpl.Literal {
			piece = tmpl.Parse(sg.Text).Render(e.context(earlier, now)).Text
		}
		out[i] = Span{b.Len(), b.Len() + len(piece)}
		b.WriteString(piece)
	}
	if b.String() != full {
		return nil
	}
	return out
}

// Context is the rendering context of a text at the moment now, after the robots in earlier.
func (e *Env) Context(earlier Earlier, now time.Time) *tmpl.Context { return e.context(earlier, now) }
