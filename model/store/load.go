package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"

	"robodesk/model"
)

func jsonUnmarshal(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}

// load reads every stage and robot into a fresh project.
func (s *Store) load(portal *model.Portal) error {
	p := model.NewProject(portal)
	metas := map[model.StageRef]model.StageMeta{}
	rows, err := s.db.Query(`SELECT entity, status, meta FROM stage`)
	if err != nil {
		return fmt.Errorf("read stages: %w", err)
	}
	for rows.Next() {
		var ref model.StageRef
		var meta []byte
		if err := rows.Scan(&ref.Entity, &ref.Status, &meta); err != nil {
			rows.Close()
			return fmt.Errorf("read stages: %w", err)
		}
		var m model.StageMeta
		if err := json.Unmarshal(meta, &m); err != nil {
			rows.Close()
			return fmt.Errorf("stage %s: meta: %w", ref, err)
		}
		metas[ref] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read stages: %w", err)
	}
	robots := map[model.StageRef][]*model.Robot{}
	rows, err = s.db.Query(`SELECT id, entity, status, pos, body FROM robot`)
	if err != nil {
		return fmt.Errorf("read robots: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ref model.StageRef
		var id string
		var pos float64
		var body sql.RawBytes
		if err := rows.Scan(&id, &ref.Entity, &ref.Status, &pos, &body); err != nil {
			return fmt.Errorf("read robots: %w", err)
		}
		r, err := model.DecodeRobot(body, "")
		if err != nil {
			return fmt.Errorf("robot %s in %s: %w", id, ref, err)
		}
		r.ID, r.Pos = id, pos
		robots[ref] = append(robots[ref], r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read robots: %w", err)
	}
	for ref, m := range metas {
		p.Load(ref, m, robots[ref])
		delete(robots, ref)
	}
	for ref, rs := range robots {
		p.Load(ref, model.StageMeta{}, rs)
	}
	var undo, redo sql.NullInt64
	if err := s.db.QueryRow(`SELECT sum(undone = 0), sum(undone = 1) FROM journal`).Scan(&undo, &redo); err != nil {
		return fmt.Errorf("read journal: %w", err)
	}
	s.proj, s.undo, s.redo = p, int(undo.Int64), int(redo.Int64)
	return nil
}
