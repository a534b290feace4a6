package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"

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
	type row struct {
		ref  model.StageRef
		id   string
		pos  float64
		body []byte
	}
	var raw []row
	rows, err = s.db.Query(`SELECT id, entity, status, pos, body FROM robot`)
	if err != nil {
		return fmt.Errorf("read robots: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.ref.Entity, &r.ref.Status, &r.pos, &r.body); err != nil {
			return fmt.Errorf("read robots: %w", err)
		}
		raw = append(raw, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read robots: %w", err)
	}
	// Decoding is most of the opening time and each robot is independent: use every core.
	decoded := make([]*model.Robot, len(raw))
	errs := make([]error, len(raw))
	workers := min(runtime.GOMAXPROCS(0), 1+len(raw)/256)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(raw); i += workers {
				r, err := model.DecodeRobot(raw[i].body, "")
				if err != nil {
					errs[i] = fmt.Errorf("robot %s in %s: %w", raw[i].id, raw[i].ref, err)
					continue
				}
				r.ID, r.Pos = raw[i].id, raw[i].pos
				decoded[i] = r
			}
		}(w)
	}
	wg.Wait()
	robots := map[model.StageRef][]*model.Robot{}
	for i, r := range decoded {
		if errs[i] != nil {
			return errs[i]
		}
		robots[raw[i].ref] = append(robots[raw[i].ref], r)
	}
	for ref, m := range metas {
		p.Load(ref, m, robots[ref])
		delete(robots, ref)
	}
	for ref, rs := range robots {
		p.Load(ref, model.StageMeta{}, rs)
	}
	// Seqs run without gaps (only the undone tail is ever deleted), so counts are differences.
	var first, done, last int
	q := `SELECT coalesce((SELECT min(seq) FROM journal), 1), ` + lastDone + `, coalesce((SELECT max(seq) FROM journal), 0)`
	if err := s.db.QueryRow(q).Scan(&first, &done, &last); err != nil {
		return fmt.Errorf("read journal: %w", err)
	}
	s.proj, s.undo, s.redo = p, max(0, done-first+1), last-max(done, first-1)
	return nil
}
