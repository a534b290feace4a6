package ui

import (
	"errors"

	"fyne.io/fyne/v2"

	"robodesk/model"
)

// uiThreadDoc hands the sync engine a document whose writes run on the UI goroutine. The engine
// works in the background, and the board reads the project on the UI goroutine; routing every
// write through fyne.DoAndWait keeps the two from touching the project at the same time.
type uiThreadDoc struct {
	Document
}

func (d uiThreadDoc) Do(cmd model.Command) (ch model.Change, err error) {
	fyne.DoAndWait(func() { ch, err = d.Document.Do(cmd) })
	return ch, err
}

func (d uiThreadDoc) Undo() (ch model.Change, err error) {
	fyne.DoAndWait(func() { ch, err = d.Document.Undo() })
	return ch, err
}

func (d uiThreadDoc) Redo() (ch model.Change, err error) {
	fyne.DoAndWait(func() { ch, err = d.Document.Redo() })
	return ch, err
}

func (d uiThreadDoc) Put(key string, v any) (err error) {
	fyne.DoAndWait(func() { err = d.Document.Put(key, v) })
	return err
}

// SetPortal saves a pulled portal snapshot, when the document can.
func (d uiThreadDoc) SetPortal(p *model.Portal) (err error) {
	ps, ok := d.Document.(interface{ SetPortal(*model.Portal) error })
	if !ok {
		return errors.New("this project cannot store a portal snapshot")
	}
	fyne.DoAndWait(func() { err = ps.SetPortal(p) })
	return err
}
