package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textEntry is a widget.Entry that reports when it loses the focus: the end of a burst of
// typing, which the editor saves as one undo step.
type textEntry struct {
	widget.Entry
	onBlur func()
}

func newTextEntry(multiLine bool) *textEntry {
	e := &textEntry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
	}
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost implements fyne.Focusable.
func (e *textEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onBlur != nil {
		e.onBlur()
	}
}

// insert types text at the cursor, replacing any selection, as a paste would; so the entry's
// own undo and the change callback see it like typing.
func (e *textEntry) insert(text string) {
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: fixedClip(text)})
}

// fixedClip is a clipboard that always holds one text.
type fixedClip string

func (c fixedClip) Content() string   { return string(c) }
func (c fixedClip) SetContent(string) {}
