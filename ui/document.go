// Package ui is RoboDesk's desktop interface: the pipeline board, the robot editor and the
// dialogs. Views read the model and change robots only by issuing edit commands.
package ui

import "robodesk/model"

// Document is an open project as the views see it; *store.Store implements it, and tests may
// use any other implementation.
type Document interface {
	// Project is the in-memory project; read it, never change it directly.
	Project() *model.Project
	// Do runs an edit command: the one way robots change.
	Do(cmd model.Command) (model.Change, error)
	Undo() (model.Change, error)
	Redo() (model.Change, error)
	CanUndo() bool
	CanRedo() bool
	// Subscribe registers a function called after every change, undo and redo.
	Subscribe(func(model.Change))
	// Get and Put read and write named project documents (samples, settings).
	Get(key string, v any) (bool, error)
	Put(key string, v any) error
	Path() string
	Name() string
	Close() error
}

// Opener opens a project file; the app uses it for File → Open and recent projects.
type Opener func(path string) (Document, error)
