package ui

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"robodesk/model/catalog"
	"robodesk/model/preview"
)

// pieceKind tells how a piece of a rendered text is shown.
type pieceKind int

const (
	piecePlain pieceKind = iota
	// pieceEmpty marks a placeholder that came out empty: its field's name stands in for it.
	pieceEmpty
	// pieceCalc is a calculation that failed and is sent as written.
	pieceCalc
	// pieceFault is the marker at the character where a calculation failed.
	pieceFault
)

// piece is a run of a rendered text with one look.
type piece struct {
	Text string
	Kind pieceKind
}

// mark is something to show at a byte range of the rendered text; an empty range inserts Text.
type mark struct {
	start, end int
	kind       pieceKind
	text       string
}

// faultMarker is the sign of error n placed where a calculation failed.
func faultMarker(n int) string { return "⚠" + strconv.Itoa(n) }

// emptyMarker is what stands in for a placeholder that printed nothing.
func emptyMarker(field string) string { return "[" + field + "]" }

// textPieces splits a rendered text into what the preview shows: plain text, the names of
// placeholders that came out empty at the place they would have filled, and failed
// calculations, left as written by the portal, with a numbered marker at the failing
// character. Marks whose place in the rendered text cannot be told are left to the lists
// under the text.
func textPieces(t preview.Text) []piece {
	var marks []mark
	for _, e := range t.Empty {
		if e.Rendered == nil {
			continue
		}
		s := *e.Rendered
		if s.Start == s.End {
			marks = append(marks, mark{start: s.Start, end: s.Start, kind: pieceEmpty, text: emptyMarker(e.Field)})
		} else {
			marks = append(marks, mark{start: s.Start, end: s.End, kind: pieceEmpty})
		}
	}
	from := 0
	for i, e := range t.Errors {
		if e.Span.Start < 0 || e.Span.End > len(t.Source) || e.Span.Start >= e.Span.End {
			continue
		}
		// The portal sends a failed calculation as written, so its stored text is in the
		// rendered one; the search goes on from the last one found, as they come in order.
		calc := t.Source[e.Span.Start:e.Span.End]
		at := strings.Index(t.Rendered[from:], calc)
		if at < 0 {
			continue
		}
		at += from
		from = at + len(calc)
		fault := at + min(max(e.At-e.Span.Start, 0), len(calc))
		marks = append(marks,
			mark{start: at, end: fault, kind: pieceCalc},
			mark{start: fault, end: fault, kind: pieceFault, text: faultMarker(i + 1)},
			mark{start: fault, end: at + len(calc), kind: pieceCalc})
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	var out []piece
	add := func(text string, k pieceKind) {
		if text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Kind == k && k == piecePlain {
			out[n-1].Text += text
			return
		}
		out = append(out, piece{Text: text, Kind: k})
	}
	pos := 0
	for _, m := range marks {
		if m.start < pos || m.end > len(t.Rendered) {
			continue // overlaps a mark already placed
		}
		add(t.Rendered[pos:m.start], piecePlain)
		if m.start == m.end {
			add(m.text, m.kind)
		} else {
			add(t.Rendered[m.start:m.end], m.kind)
		}
		pos = m.end
	}
	add(t.Rendered[pos:], piecePlain)
	return out
}

// richSegments styles the pieces for a RichText: empty placeholders in the warning color,
// failed calculations in the error color, markers bold.
func richSegments(ps []piece) []widget.RichTextSegment {
	segs := make([]widget.RichTextSegment, 0, len(ps))
	for _, p := range ps {
		st := widget.RichTextStyleInline
		switch p.Kind {
		case pieceEmpty:
			st.ColorName = theme.ColorNameWarning
			st.TextStyle = fyne.TextStyle{Bold: true}
		case pieceCalc:
			st.ColorName = theme.ColorNameError
			st.TextStyle = fyne.TextStyle{Monospace: true}
		case pieceFault:
			st.ColorName = theme.ColorNameError
			st.TextStyle = fyne.TextStyle{Bold: true}
		}
		segs = append(segs, &widget.TextSegment{Text: p.Text, Style: st})
	}
	if len(segs) == 0 {
		st := widget.RichTextStyleInline
		st.ColorName = theme.ColorNamePlaceHolder
		st.TextStyle = fyne.TextStyle{Italic: true}
		segs = append(segs, &widget.TextSegment{Text: lang.L("(empty)"), Style: st})
	}
	return segs
}

// calcErrorText says where a calculation failed and why, by the character the designer
// counts in the editor's (friendly) text.
func calcErrorText(n int, t preview.Text, e preview.CalcError) string {
	char := e.Char + 1
	if e.FriendlyAt != nil && *e.FriendlyAt <= len(t.Friendly) {
		char = utf8.RuneCountInString(t.Friendly[:*e.FriendlyAt]) + 1
	}
	return lang.L("{{.Marker}} Character {{.Char}}: {{.Message}}. The portal sends the calculation as written.",
		map[string]any{"Marker": faultMarker(n), "Char": char, "Message": e.Message})
}

// emptyReason says why a placeholder came out empty.
func emptyReason(e preview.Empty) string {
	data := map[string]any{"Field": e.Field}
	switch e.Reason {
	case preview.ReasonNoSample:
		return lang.L("«{{.Field}}» has no value in the sample", data)
	case preview.ReasonUnknownField:
		return lang.L("«{{.Field}}» is not a field of this entity", data)
	case preview.ReasonUnknownObject:
		return lang.L("«{{.Field}}» refers to no robot that runs earlier: the portal sends it as written", data)
	}
	return lang.L("«{{.Field}}» is empty in the sample", data)
}

// textLabel names a text in the interface language: its property's title in the catalog, with
// the rest of the path for a nested or listed one; the engine's label (the portal's language)
// otherwise.
func textLabel(typ string, props map[string]any, t preview.Text) string {
	e := catalog.Lookup(typ, props)
	if e == nil {
		return t.Label
	}
	for _, p := range e.Props {
		if t.Key == p.Key {
			return p.Title.In(langCode())
		}
		if rest, ok := strings.CutPrefix(t.Key, p.Key); ok && (strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, ".")) {
			return p.Title.In(langCode()) + " " + rest
		}
	}
	return t.Label
}

// textStats is the line under a text: its length and, for an SMS, how it is sent.
func textStats(t preview.Text) string {
	s := lang.N("{{.Count}} character", t.Chars, map[string]any{"Count": t.Chars})
	if t.MaxLen > 0 {
		s = "" // the limit bar counts them
	}
	if t.SMS && t.Segments.Count > 0 {
		if s != "" {
			s += " · "
		}
		enc := lang.L("GSM-7, Latin letters")
		if t.Segments.Encoding == preview.UCS2 {
			enc = lang.L("UCS-2, Cyrillic or other letters")
		}
		s += lang.N("{{.Count}} SMS", t.Segments.Count, map[string]any{"Count": t.Segments.Count}) +
			" (" + enc + ", " + lang.L("{{.Per}} per part", map[string]any{"Per": t.Segments.PerSegment}) + ")"
	}
	return s
}

// textPreview shows one text of a robot rendered for a sample: its label, the text with empty
// placeholders and failed calculations marked, the reasons under it, its length, SMS parts and
// its limit.
type textPreview struct {
	widget.BaseWidget
	t preview.Text

	label   *widget.Label
	body    *widget.RichText
	notes   *fyne.Container
	stats   *widget.Label
	limit   *limitBar
	content *fyne.Container
}

func newTextPreview() *textPreview {
	v := &textPreview{}
	v.ExtendBaseWidget(v)
	v.label = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.label.Truncation = fyne.TextTruncateEllipsis
	v.body = widget.NewRichText()
	v.body.Wrapping = fyne.TextWrapWord
	v.notes = container.NewVBox()
	v.stats = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	v.stats.Wrapping = fyne.TextWrapWord
	v.limit = newLimitBar()
	v.limit.Hide()
	// The text sits on a card of its own, as the message it will be.
	card := canvas.NewRectangle(boardColor(colorCard))
	card.CornerRadius = 6
	card.StrokeColor = boardColor(colorCardEdge)
	card.StrokeWidth = 1
	v.content = container.NewVBox(v.label, container.NewStack(card, v.body), v.notes, v.limit, v.stats)
	return v
}

// set shows a rendered text under a label.
func (v *textPreview) set(t preview.Text, label string) {
	v.t = t
	v.label.SetText(label)
	v.body.Segments = richSegments(textPieces(t))
	v.body.Refresh()
	var notes []fyne.CanvasObject
	for i, e := range t.Errors {
		notes = append(notes, noteLabel(calcErrorText(i+1, t, e), widget.DangerImportance))
	}
	if len(t.Empty) > 0 {
		reasons := make([]string, len(t.Empty))
		for i, e := range t.Empty {
			reasons[i] = emptyReason(e)
		}
		notes = append(notes, noteLabel(lang.N("{{.Count}} placeholder came out empty: ", len(t.Empty), map[string]any{"Count": len(t.Empty)})+
			strings.Join(reasons, "; ")+".", widget.WarningImportance))
	}
	v.notes.Objects = notes
	v.notes.Refresh()
	v.stats.SetText(textStats(t))
	v.stats.Hidden = v.stats.Text == ""
	if t.MaxLen > 0 {
		v.limit.set(t.Chars, t.MaxLen)
		v.limit.Show()
	} else {
		v.limit.Hide()
	}
}

// noteLabel is a wrapped line of explanation in an importance's color.
func noteLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	setNote(l, imp)
	return l
}

// setNote colors a note by importance. Minor notes are set in italics rather than in the
// placeholder color, which is too faint to read on the light theme.
func setNote(l *widget.Label, imp widget.Importance) {
	l.Importance = imp
	l.TextStyle.Italic = imp == widget.LowImportance
	if imp == widget.LowImportance {
		l.Importance = widget.MediumImportance
	}
	l.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (v *textPreview) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.content)
}
