package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"robodesk/model"
)

// ErrNothing is returned by Undo and Redo when there is nothing to undo or redo.
var ErrNothing = errors.New("nothing to do")

// lastDone is the seq of the latest entry not undone (0 when none). The journal's done entries
// always precede its undone ones, so this one query splits it, walking back from its end over
// the (short) undone tail.
const lastDone = `coalesce((SELECT seq FROM journal WHERE undone = 0 ORDER BY seq DESC LIMIT 1), 0)`

// statements are prepared once on the writer connection. BEGIN and COMMIT are prepared too:
// going through database/sql's Tx costs a commit more than the insert it wraps.
type statements struct {
	begin, commit, rollback                   *sql.Stmt
	put, del, stage, journal, clearRedo, mark *sql.Stmt
}

func (s *Store) prepare() error {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("writer connection: %w", err)
	}
	s.writer = conn
	p := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = conn.PrepareContext(ctx, q)
		return st
	}
	s.stmts = statements{
		begin:     p(`BEGIN IMMEDIATE`),
		commit:    p(`COMMIT`),
		rollback:  p(`ROLLBACK`),
		put:       p(`INSERT INTO robot (id, entity, status, pos, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET entity = excluded.entity, status = excluded.status, pos = excluded.pos, body = excluded.body`),
		del:       p(`DELETE FROM robot WHERE id = ?`),
		stage:     p(`INSERT INTO stage (entity, status, meta) VALUES (?, ?, ?) ON CONFLICT (entity, status) DO UPDATE SET meta = excluded.meta`),
		journal:   p(`INSERT INTO journal (at, label, subject, count, do, undo) VALUES (?, ?, ?, ?, ?, ?)`),
		clearRedo: p(`DELETE FROM journal WHERE seq > ` + lastDone),
		mark:      p(`UPDATE journal SET undone = ? WHERE seq = ?`),
	}
	if err != nil {
		s.stmts.close()
		return fmt.Errorf("prepare statements: %w", err)
	}
	return nil
}

func (st statements) close() {
	for _, x := range []*sql.Stmt{st.begin, st.commit, st.rollback, st.put, st.del, st.stage, st.journal, st.clearRedo, st.mark} {
		if x != nil {
			x.Close()
		}
	}
}

// Do runs an edit command: the change and its undo record are committed in one transaction,
// then applied to the in-memory project and announced. A new edit clears redo.
func (s *Store) Do(cmd model.Command) (model.Change, error) {
	s.mu.Lock()
	ch, err := cmd.Change(s.proj)
	if err != nil {
		s.mu.Unlock()
		return model.Change{}, err
	}
	if ch.Empty() {
		s.mu.Unlock()
		return ch, nil
	}
	bodies, err := robotBodies(ch.Do)
	if err != nil {
		s.mu.Unlock()
		return model.Change{}, fmt.Errorf("save %s: %w", ch.Label, err)
	}
	err = s.commitBodies(ch.Do, bodies, func() error {
		if s.redo > 0 {
			if _, err := s.stmts.clearRedo.Exec(); err != nil {
				return err
			}
		}
		do, err := model.EncodeOps(ch.Do, bodies)
		if err != nil {
			return err
		}
		undo, err := model.EncodeOps(ch.Undo, sameBodies(ch.Do, ch.Undo))
		if err != nil {
			return err
		}
		_, err = s.stmts.journal.Exec(time.Now().UTC().Format(time.RFC3339Nano), ch.Label, ch.Subject, ch.Count, string(do), string(undo))
		return err
	})
	if err == nil {
		s.undo, s.redo = s.undo+1, 0
	}
	s.mu.Unlock()
	if err != nil {
		return model.Change{}, fmt.Errorf("save %s: %w", ch.Label, err)
	}
	s.announce(ch)
	return ch, nil
}

// Undo reverts the latest change that is not undone yet and returns it as applied (its Do are
// the ops that just ran).
func (s *Store) Undo() (model.Change, error) { return s.step(true) }

// Redo re-applies the earliest undone change.
func (s *Store) Redo() (model.Change, error) { return s.step(false) }

func (s *Store) step(undo bool) (model.Change, error) {
	s.mu.Lock()
	q := `SELECT seq, label, subject, count, do, undo FROM journal WHERE seq = ` + lastDone
	if !undo {
		q = `SELECT seq, label, subject, count, do, undo FROM journal WHERE seq > ` + lastDone + ` ORDER BY seq LIMIT 1`
	}
	var seq int64
	var ch model.Change
	var do, un []byte
	err := s.db.QueryRow(q).Scan(&seq, &ch.Label, &ch.Subject, &ch.Count, &do, &un)
	if errors.Is(err, sql.ErrNoRows) {
		s.mu.Unlock()
		return model.Change{}, ErrNothing
	}
	if err == nil {
		ch.Do, ch.Undo, err = model.DecodeOps(do, un)
	}
	if err != nil {
		s.mu.Unlock()
		return model.Change{}, fmt.Errorf("read journal: %w", err)
	}
	if undo {
		ch = ch.Inverse()
	}
	err = s.commit(ch.Do, func() error {
		_, err := s.stmts.mark.Exec(undo, seq)
		return err
	})
	if err == nil {
		if undo {
			s.undo, s.redo = s.undo-1, s.redo+1
		} else {
			s.undo, s.redo = s.undo+1, s.redo-1
		}
	}
	s.mu.Unlock()
	if err != nil {
		return model.Change{}, fmt.Errorf("save %s: %w", map[bool]string{true: "undo", false: "redo"}[undo], err)
	}
	s.announce(ch)
	return ch, nil
}

// robotBodies encodes each op's robot once; the row and the journal share the bytes.
func robotBodies(ops []model.Op) ([][]byte, error) {
	bodies := make([][]byte, len(ops))
	for i, op := range ops {
		if op.Robot == nil {
			continue
		}
		b, err := op.Robot.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("robot %s: %w", op.ID, err)
		}
		bodies[i] = b
	}
	return bodies, nil
}

// sameBodies marks the undo ops that put back the very robot their forward op holds (a move's)
// to be stored as a reference to it.
func sameBodies(do []model.Op, undo []model.Op) [][]byte {
	known := make(map[string]*model.Robot, len(do))
	for _, op := range do {
		if op.Robot != nil {
			known[op.ID] = op.Robot
		}
	}
	out := make([][]byte, len(undo))
	for i, op := range undo {
		if op.Robot != nil && known[op.ID] == op.Robot {
			out[i] = model.SameRobot
		}
	}
	return out
}

// commit writes ops and the journal record in one transaction, then applies ops in memory.
// Callers hold s.mu.
func (s *Store) commit(ops []model.Op, record func() error) error {
	bodies, err := robotBodies(ops)
	if err != nil {
		return err
	}
	return s.commitBodies(ops, bodies, record)
}

func (s *Store) commitBodies(ops []model.Op, bodies [][]byte, record func() error) error {
	err := s.inTx(func() error {
		if err := s.write(ops, bodies); err != nil {
			return err
		}
		return record()
	})
	if err != nil {
		return err
	}
	if err := s.proj.Apply(ops); err != nil {
		// The file is right and memory is not: rebuild memory from the file.
		if lerr := s.load(s.proj.Portal); lerr != nil {
			return fmt.Errorf("%v; reload: %w", err, lerr)
		}
	}
	return nil
}

// inTx runs f in one transaction on the writer connection. Callers hold s.mu.
func (s *Store) inTx(f func() error) error {
	if _, err := s.stmts.begin.Exec(); err != nil {
		return err
	}
	if err := f(); err != nil {
		s.stmts.rollback.Exec()
		return err
	}
	if _, err := s.stmts.commit.Exec(); err != nil {
		s.stmts.rollback.Exec()
		return err
	}
	return nil
}

func (s *Store) write(ops []model.Op, bodies [][]byte) error {
	put, del, stage := s.stmts.put, s.stmts.del, s.stmts.stage
	for i, op := range ops {
		switch op.Kind {
		case model.OpPut:
			body := bodies[i]
			if _, err := put.Exec(op.ID, op.Stage.Entity, op.Stage.Status, op.Pos, string(body)); err != nil {
				return fmt.Errorf("robot %s: %w", op.ID, err)
			}
		case model.OpDelete:

			if _, err := del.Exec(op.ID); err != nil {
				return fmt.Errorf("robot %s: %w", op.ID, err)
			}
		case model.OpStage:
			meta := model.StageMeta{}
			if op.Meta != nil {
				meta = *op.Meta
			}
			body, err := model.MarshalValue(meta)
			if err != nil {
				return err
			}

			if _, err := stage.Exec(op.Stage.Entity, op.Stage.Status, string(body)); err != nil {
				return fmt.Errorf("stage %s: %w", op.Stage, err)
			}
		default:
			return fmt.Errorf("unknown op %q", op.Kind)
		}
	}
	return nil
}

// CanUndo and CanRedo report whether the journal has a step to undo or redo.
func (s *Store) CanUndo() bool { s.mu.Lock(); defer s.mu.Unlock(); return s.undo > 0 }

// CanRedo reports whether there is an undone step to redo.
func (s *Store) CanRedo() bool { s.mu.Lock(); defer s.mu.Unlock(); return s.redo > 0 }

// Entry is one journal record, for history views.
type Entry struct {
	Seq     int64
	At      time.Time
	Label   string
	Subject string
	Count   int
	Undone  bool
}

// History lists the latest journal entries, newest first.
func (s *Store) History(limit int) ([]Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows, err := s.db.Query(`SELECT seq, at, label, subject, count, undone FROM journal ORDER BY seq DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var at string
		if err := rows.Scan(&e.Seq, &at, &e.Label, &e.Subject, &e.Count, &e.Undone); err != nil {
			return nil, fmt.Errorf("read journal: %w", err)
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Subscribe registers a function called after every change, undo and redo, with the ops that
// ran; views use it to refresh just the stages that changed.
func (s *Store) Subscribe(f func(model.Change)) {
	s.mu.Lock()
	s.listeners = append(s.listeners, f)
	s.mu.Unlock()
}

func (s *Store) announce(ch model.Change) {
	s.mu.Lock()
	ls := append([]func(model.Change){}, s.listeners...)
	s.mu.Unlock()
	for _, f := range ls {
		f(ch)
	}
}
