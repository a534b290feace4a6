package store

import (
	"errors"
	"fmt"

	"robodesk/assets"
	"robodesk/model"
)

// CreateDemo creates the bundled demo project at path.
func CreateDemo(path string) (*Store, error) {
	portal, content, err := assets.Demo()
	if err != nil {
		return nil, fmt.Errorf("demo project: %w", err)
	}
	s, err := Create(path, assets.DemoName, portal)
	if err != nil {
		return nil, err
	}
	if err := s.Baseline(content); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.putDemoSamples(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Baseline writes a new project's starting content. It is not an edit: nothing to undo, and a
// project that already has edits refuses it.
func (s *Store) Baseline(cmd model.Command) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM journal`).Scan(&n); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	if n > 0 {
		return errors.New("baseline: the project already has edits")
	}
	ch, err := cmd.Change(s.proj)
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	if err := s.commit(ch.Do, func() error { return nil }); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}
