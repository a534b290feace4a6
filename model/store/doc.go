package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"robodesk/model"
)

// Get reads a named project document (sample records, sync base, settings) into v.
// It reports false when the document does not exist.
func (s *Store) Get(key string, v any) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var body []byte
	err := s.db.QueryRow(`SELECT value FROM doc WHERE key = ?`, key).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", key, err)
	}
	if err := jsonUnmarshal(body, v); err != nil {
		return false, fmt.Errorf("read %s: %w", key, err)
	}
	return true, nil
}

// Put writes a named project document.
func (s *Store) Put(key string, v any) error {
	body, err := model.MarshalValue(v)
	if err != nil {
		return fmt.Errorf("write %s: %w", key, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.writer.ExecContext(context.Background(), `INSERT INTO doc (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, string(body)); err != nil {
		return fmt.Errorf("write %s: %w", key, err)
	}
	return nil
}

// SetPortal replaces the portal snapshot (a pull of reference data). Robots are not touched.
func (s *Store) SetPortal(p *model.Portal) error {
	body, err := model.MarshalValue(p)
	if err != nil {
		return fmt.Errorf("write portal snapshot: %w", err)
	}
	s.mu.Lock()
	if _, err := s.writer.ExecContext(context.Background(), `UPDATE project SET portal = ? WHERE id = 1`, string(body)); err != nil {
		s.mu.Unlock()
		return fmt.Errorf("write portal snapshot: %w", err)
	}
	s.proj.Portal = p
	s.mu.Unlock()
	s.announce(model.Change{Label: model.LabelPortal})
	return nil
}
