package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"robodesk/model/store"
	"robodesk/sync/creds"
	"robodesk/sync/engine"
	"robodesk/ui"
)

// AppID identifies the app to the desktop (preferences, storage).
const AppID = "ru.robodesk.app"

// geometryEnv names a file the app keeps updated with where the board's cards are on screen,
// for UI automation (the X11 drag test drives the real window with it).
const geometryEnv = "ROBODESK_GEOMETRY"

func gui(e env) int {
	fs := flags(e, "", "[--db FILE] [--pipeline KEY]")
	db := fs.String("db", "", "project file to open (default: the demo project)")
	pipe := fs.String("pipeline", "", "pipeline to show: LEAD, DEAL:<id>, DYNAMIC_<type>:<id>")
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
	open := func(p string) (ui.Document, error) {
		s, err := store.Open(p)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	// A project that fails to open still starts the app: the window says why and offers to
	// open another one.
	doc, openErr := open(path)
	a := app.NewWithID(AppID)
	sync := syncEngine()
	ui.Run(a, doc, open, func(d *ui.Desk) {
		d.SetSync(sync)
		d.OpenDemo = func() (ui.Document, error) {
			p, err := defaultProject()
			if err != nil {
				return nil, err
			}
			return open(p)
		}
		if openErr != nil {
			d.ShowOpenError(path, openErr)
		}
		if *pipe != "" && doc != nil {
			if err := d.ShowPipeline(*pipe); err != nil {
				d.ShowError("--pipeline "+*pipe, err)
			}
		}
		if f := os.Getenv(geometryEnv); f != "" {
			go reportGeometry(d, f)
		}
	})
	return exitOK
}

// syncEngine is the portal synchronisation the Sync dialog drives; credentials go to the OS
// keyring, or a private file where there is none.
func syncEngine() *engine.Engine {
	cs, err := creds.Open(creds.Options{})
	if err != nil {
		fyne.LogError("credentials store", err)
	}
	return engine.New(engine.Options{Creds: cs})
}

// reportGeometry rewrites file with the board's geometry a few times a second.
func reportGeometry(d *ui.Desk, file string) {
	for range time.Tick(250 * time.Millisecond) {
		var data []byte
		fyne.DoAndWait(func() {
			g := d.Geometry()
			if len(g.Cards) > 0 {
				data, _ = json.Marshal(g)
			}
		})
		if data == nil {
			continue
		}
		tmp := filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".tmp")
		if os.WriteFile(tmp, data, 0o644) == nil {
			os.Rename(tmp, file)
		}
	}
}
