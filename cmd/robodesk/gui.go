package main

import (
	"fyne.io/fyne/v2/app"

	"robodesk/model/store"
	"robodesk/ui"
)

// AppID identifies the app to the desktop (preferences, storage).
const AppID = "ru.robodesk.app"

func gui(e env) int {
	fs := flags(e, "", "[--db FILE]")
	db := fs.String("db", "", "project file to open (default: the demo project)")
	if code, ok := parse(fs, e.args); !ok {
		return code
	}
	path := *db
	if path == "" {
		var err error
		if path, err = defaultProject(); err != nil {
			return fail(e, "demo project: %v", err)
		}
	}
	s, err := store.Open(path)
	if err != nil {
		return fail(e, "%v", err)
	}
	defer s.Close()
	a := app.NewWithID(AppID)
	ui.Run(a, s, func(p string) (ui.Document, error) { return store.Open(p) })
	return exitOK
}
