package main

import (
	"errors"
	"os"
	"path/filepath"

	"robodesk/model/store"
)

// openDB opens the --db project; a missing flag is a usage error.
func openDB(e env, path string) (*store.Store, int) {
	if path == "" {
		return nil, fail(e, "--db FILE is required")
	}
	s, err := store.Open(path)
	if err != nil {
		return nil, fail(e, "%v", err)
	}
	return s, exitOK
}

// defaultProject is the demo project in the user's config directory, created on first start.
func defaultProject() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	dir = filepath.Join(dir, "robodesk")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "demo.sqlite")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		s, err := store.CreateDemo(path)
		if err != nil {
			return "", err
		}
		s.Close()
	}
	return path, nil
}
