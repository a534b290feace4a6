package store_test

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"robodesk/model"
	"robodesk/model/exchange"
	"robodesk/model/store"
)

var (
	dealNew  = model.StageRef{Entity: "DEAL", Status: "NEW"}
	dealWon  = model.StageRef{Entity: "DEAL", Status: "WON"}
	dealExec = model.StageRef{Entity: "DEAL", Status: "EXECUTING"}
	leadNew  = model.StageRef{Entity: "LEAD", Status: "NEW"}
)

func newDemo(t testing.TB) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "project.sqlite")
	s, err := store.CreateDemo(path)
	if err != nil {
		t.Fatal(err)
	}
	return s, path
}

func reopen(t testing.TB, s *store.Store) *store.Store {
	t.Helper()
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s2
}

// digest summarises a project: every pipeline's robots in Bitrix24's JSON plus local IDs and
// stage meta, so two digests are equal exactly when the projects are.
func digest(t testing.TB, p *model.Project) string {
	t.Helper()
	h := sha256.New()
	for _, e := range p.Portal.Entities {
		for _, pl := range e.Pipelines {
			data, err := exchange.Export(p, e.Key(pl), exchange.Templates, "")
			if err != nil {
				t.Fatal(err)
			}
			h.Write(data)
			for _, st := range pl.Stages {
				ref := model.StageRef{Entity: e.ID, Status: st.StatusID}
				for _, r := range p.Robots(ref) {
					h.Write([]byte(r.ID))
				}
				meta, _ := model.MarshalValue(p.Template(ref).Meta)
				h.Write(meta)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func robotIDs(p *model.Project, ref model.StageRef) []string {
	var out []string
	for _, r := range p.Robots(ref) {
		out = append(out, r.ID)
	}
	return out
}

// TestUndoRedoSurviveRestart: each gesture, undo and redo is checked across a close and reopen,
// including bulk steps and an import.
func TestUndoRedoSurviveRestart(t *testing.T) {
	tests := []struct {
		name string
		cmd  func(p *model.Project) model.Command
	}{
		{"move", func(p *model.Project) model.Command {
			return model.Move{IDs: robotIDs(p, dealNew)[:1], To: dealWon, Index: 0}
		}},
		{"bulk copy", func(p *model.Project) model.Command {
			return model.Copy{IDs: robotIDs(p, dealExec), To: leadNew, Index: 1}
		}},
		{"bulk delete across stages", func(p *model.Project) model.Command {
			return model.Delete{IDs: append(robotIDs(p, dealNew), robotIDs(p, leadNew)...)}
		}},
		{"bulk toggle", func(p *model.Project) model.Command {
			return model.Toggle{IDs: robotIDs(p, dealNew), Activated: false}
		}},
		{"import", func(p *model.Project) model.Command {
			data, _ := exchange.Export(p, model.PipelineKey{Entity: "DEAL", Category: 1}, exchange.Templates, "")
			data = []byte(strings.ReplaceAll(string(data), `"C1:`, `"`))
			cmd, err := exchange.Import(p, model.PipelineKey{Entity: "DEAL"}, data)
			if err != nil {
				panic(err)
			}
			return cmd
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newDemo(t)
			before := digest(t, s.Project())
			if _, err := s.Do(tc.cmd(s.Project())); err != nil {
				t.Fatal(err)
			}
			after := digest(t, s.Project())
			if after == before {
				t.Fatal("command changed nothing")
			}
			s = reopen(t, s)
			if got := digest(t, s.Project()); got != after {
				t.Fatal("change lost on reopen")
			}
			if !s.CanUndo() || s.CanRedo() {
				t.Fatal("journal state wrong after reopen")
			}
			if _, err := s.Undo(); err != nil {
				t.Fatal(err)
			}
			if got := digest(t, s.Project()); got != before {
				t.Fatal("undo did not restore the state")
			}
			s = reopen(t, s)
			if got := digest(t, s.Project()); got != before || !s.CanRedo() || s.CanUndo() {
				t.Fatal("undo lost on reopen")
			}
			if _, err := s.Redo(); err != nil {
				t.Fatal(err)
			}
			s = reopen(t, s)
			if got := digest(t, s.Project()); got != after {
				t.Fatal("redo lost on reopen")
			}
			if _, err := s.Undo(); err != nil {
				t.Fatal(err)
			}
			// A new edit clears redo, for good.
			if _, err := s.Do(model.Toggle{IDs: robotIDs(s.Project(), dealWon)[:1], Activated: false}); err != nil {
				t.Fatal(err)
			}
			s = reopen(t, s)
			if s.CanRedo() {
				t.Fatal("redo survived a new edit")
			}
			if _, err := s.Redo(); !errors.Is(err, store.ErrNothing) {
				t.Fatalf("redo: %v", err)
			}
			s.Close()
		})
	}
}

func TestHistoryAndSubscribe(t *testing.T) {
	s, _ := newDemo(t)
	defer s.Close()
	var seen []string
	s.Subscribe(func(ch model.Change) { seen = append(seen, ch.Label) })
	if _, err := s.Do(model.Toggle{IDs: robotIDs(s.Project(), dealNew)[:1]}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(); !errors.Is(err, store.ErrNothing) {
		t.Fatalf("second undo: %v", err)
	}
	h, err := s.History(10)
	if err != nil || len(h) != 1 || h[0].Label != "toggle" || !h[0].Undone || h[0].Subject != "Уведомление о новой сделке" {
		t.Fatalf("history %+v %v", h, err)
	}
	if strings.Join(seen, ",") != "toggle,toggle" {
		t.Fatalf("announced %v", seen)
	}
}

func sha(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// TestOpenBadFiles: each bad file gets its own clear error naming the file, and is left as is.
func TestOpenBadFiles(t *testing.T) {
	tests := []struct {
		name  string
		make  func(t *testing.T, path string)
		want  string
		isErr error
	}{
		{"missing", func(*testing.T, string) {}, "file does not exist", nil},
		{"directory", func(t *testing.T, path string) { os.Mkdir(path, 0o755) }, "is a directory", nil},
		{"empty", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o644) }, "not a RoboDesk project", store.ErrNotProject},
		{"text file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte(strings.Repeat("robots, robots everywhere\n", 20)), 0o644)
		}, "not a RoboDesk project", store.ErrNotProject},
		{"newer schema", func(t *testing.T, path string) {
			s, err := store.CreateDemo(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			db, err := sql.Open("sqlite3", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, "schema version 99, this RoboDesk knows up to 2", store.ErrNewer},
		{"other application's database", func(t *testing.T, path string) {
			db, _ := sql.Open("sqlite3", path)
			db.Exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)`)
			db.Close()
		}, "an SQLite database without RoboDesk tables", nil},
		{"corrupt pages", func(t *testing.T, path string) {
			s, err := store.CreateDemo(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			data, _ := os.ReadFile(path)
			for i := 100; i < len(data); i++ {
				data[i] = byte(i * 7)
			}
			os.WriteFile(path, data, 0o644)
		}, "malformed", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.sqlite")
			tc.make(t, path)
			var before string
			if st, err := os.Stat(path); err == nil && !st.IsDir() {
				before = sha(t, path)
			}
			s, err := store.Open(path)
			if err == nil {
				s.Close()
				t.Fatal("opened a bad file")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q: want the path and %q", err, tc.want)
			}
			if tc.isErr != nil && !errors.Is(err, tc.isErr) {
				t.Fatalf("error %v is not %v", err, tc.isErr)
			}
			if before != "" && sha(t, path) != before {
				t.Fatal("the bad file was modified")
			}
			if tc.name == "missing" {
				if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
					t.Fatal("opening a missing project created a file")
				}
			}
		})
	}
}

func TestCreateRefusesExisting(t *testing.T) {
	s, path := newDemo(t)
	s.Close()
	before := sha(t, path)
	if _, err := store.CreateDemo(path); !errors.Is(err, store.ErrExists) {
		t.Fatalf("create over an existing file: %v", err)
	}
	if sha(t, path) != before {
		t.Fatal("existing file modified")
	}
}

func TestDocsAndPortal(t *testing.T) {
	s, _ := newDemo(t)
	type sample struct{ Title string }
	if err := s.Put("sample/DEAL/1", sample{"Крупная сделка"}); err != nil {
		t.Fatal(err)
	}
	portal := *s.Project().Portal
	portal.Name = "other.bitrix24.ru"
	var announced []string
	s.Subscribe(func(ch model.Change) { announced = append(announced, ch.Label) })
	if err := s.SetPortal(&portal); err != nil {
		t.Fatal(err)
	}
	if len(announced) != 1 || announced[0] != model.LabelPortal {
		t.Fatalf("SetPortal announced %v", announced)
	}
	s = reopen(t, s)
	defer s.Close()
	var got sample
	if ok, err := s.Get("sample/DEAL/1", &got); !ok || err != nil || got.Title != "Крупная сделка" {
		t.Fatalf("doc %v %v %+v", ok, err, got)
	}
	if ok, _ := s.Get("nope", &got); ok {
		t.Fatal("missing doc found")
	}
	if s.Project().Portal.Name != "other.bitrix24.ru" || s.Project().RobotCount() != 31 {
		t.Fatalf("portal %s, robots %d", s.Project().Portal.Name, s.Project().RobotCount())
	}
}

// TestMigrateFromFirstSchema opens a project written by the first schema: it is migrated in
// place, keeps its robots and its journal, and undo still works.
func TestMigrateFromFirstSchema(t *testing.T) {
	s, path := newDemo(t)
	if _, err := s.Do(model.Toggle{IDs: robotIDs(s.Project(), dealNew)[:1]}); err != nil {
		t.Fatal(err)
	}
	want := digest(t, s.Project())
	s.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE INDEX robot_stage ON robot (entity, status, pos)`,
		`CREATE INDEX journal_state ON journal (undone, seq)`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if digest(t, s.Project()) != want || !s.CanUndo() {
		t.Fatal("migration lost robots or the journal")
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	db, _ = sql.Open("sqlite3", "file:"+path+"?mode=ro")
	defer db.Close()
	var version, indexes int
	db.QueryRow(`PRAGMA user_version`).Scan(&version)
	db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('robot_stage', 'journal_state')`).Scan(&indexes)
	if version != 2 || indexes != 0 {
		t.Fatalf("after migration: version %d, %d old indexes", version, indexes)
	}
}

// TestJournalWalk walks the journal back and forth across reopenings: the undo and redo
// stacks keep their depths, and a new edit drops exactly the undone tail.
func TestJournalWalk(t *testing.T) {
	s, _ := newDemo(t)
	var states []string
	states = append(states, digest(t, s.Project()))
	for _, id := range robotIDs(s.Project(), dealNew)[:3] {
		if _, err := s.Do(model.Toggle{IDs: []string{id}}); err != nil {
			t.Fatal(err)
		}
		states = append(states, digest(t, s.Project()))
	}
	steps := []struct {
		op     string
		state  int
		reopen bool
	}{
		{"undo", 2, false}, {"undo", 1, true}, {"redo", 2, true}, {"undo", 1, false},
		{"undo", 0, true}, {"undo", -1, false}, {"redo", 1, true}, {"redo", 2, false},
		{"redo", 3, true}, {"redo", -1, false},
	}
	at := 3
	for i, st := range steps {
		var err error
		if st.op == "undo" {
			_, err = s.Undo()
		} else {
			_, err = s.Redo()
		}
		if st.state < 0 {
			if !errors.Is(err, store.ErrNothing) {
				t.Fatalf("step %d %s: %v, want nothing to do", i, st.op, err)
			}
		} else {
			if err != nil {
				t.Fatalf("step %d %s: %v", i, st.op, err)
			}
			at = st.state
		}
		if st.reopen {
			s = reopen(t, s)
		}
		if digest(t, s.Project()) != states[at] || s.CanUndo() != (at > 0) || s.CanRedo() != (at < 3) {
			t.Fatalf("step %d: at %d, undo %v redo %v", i, at, s.CanUndo(), s.CanRedo())
		}
	}
	// Two undos, then an edit: redo is gone, undo goes back through the new edit first.
	s.Undo()
	s.Undo()
	if _, err := s.Do(model.Toggle{IDs: robotIDs(s.Project(), dealWon)[:1]}); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	defer s.Close()
	if s.CanRedo() {
		t.Fatal("redo survived a new edit")
	}
	s.Undo()
	if digest(t, s.Project()) != states[1] {
		t.Fatal("undo after the new edit did not return to the state before it")
	}
}
