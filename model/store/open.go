// Package store keeps a RoboDesk project in one SQLite file: the portal snapshot, the robots of
// every stage, and the journal of edits that makes undo and redo survive restarts.
package store

import (
	"bytes"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"robodesk/model"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is an open project file. Its methods are safe for concurrent use.
type Store struct {
	mu   sync.Mutex
	db   *sql.DB
	path string
	proj *model.Project
	name string
	// writer is the connection every write goes through, with its prepared statements; reads
	// use the pool's other connection.
	writer *sql.Conn
	// undo and redo count the journal's done and undone entries.
	undo, redo int
	stmts      statements
	listeners  []func(model.Change)
}

// Schema errors a caller may want to tell apart.
var (
	ErrNotProject = errors.New("not a RoboDesk project (not an SQLite database)")
	ErrNewer      = errors.New("made by a newer RoboDesk")
	ErrExists     = errors.New("file already exists")
)

const sqliteMagic = "SQLite format 3\x00"

// dsn builds the mattn connection string. Pragmas go in the DSN so every pooled connection gets
// them; mode=rw keeps SQLite from creating a missing file behind our back.
func dsn(path, mode string) string {
	return "file:" + escapePath(path) + "?mode=" + mode +
		"&_foreign_keys=on&_journal_mode=WAL&_busy_timeout=5000&_synchronous=FULL&_txlock=immediate"
}

// escapePath makes a file path safe inside an SQLite URI.
func escapePath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// Open opens an existing project, migrating an older schema. A missing file, a file that is not
// SQLite, a file from a newer RoboDesk or a corrupt one is an error naming the file, and the file
// is left exactly as it was.
func Open(path string) (*Store, error) {
	version, err := inspect(path)
	if err != nil {
		return nil, fmt.Errorf("open project %s: %w", path, err)
	}
	if latest := latestVersion(); version > latest {
		return nil, fmt.Errorf("open project %s: schema version %d, this RoboDesk knows up to %d: %w", path, version, latest, ErrNewer)
	}
	if err := precheck(path); err != nil {
		return nil, fmt.Errorf("open project %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", dsn(path, "rw"))
	if err != nil {
		return nil, fmt.Errorf("open project %s: %w", path, err)
	}
	// One connection writes (held by the store), one reads; WAL lets them work side by side.
	db.SetMaxOpenConns(2)
	s := &Store{db: db, path: path}
	if err := s.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open project %s: %w", path, err)
	}
	return s, nil
}

// Create makes a new project file over a portal snapshot. It never overwrites a file.
func Create(path, name string, portal *model.Portal) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("create project %s: %w", path, ErrExists)
		}
		return nil, fmt.Errorf("create project %s: %w", path, err)
	}
	f.Close()
	fail := func(err error) (*Store, error) {
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		return nil, fmt.Errorf("create project %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", dsn(path, "rw"))
	if err != nil {
		return fail(err)
	}
	db.SetMaxOpenConns(2)
	if err := migrate(db); err != nil {
		db.Close()
		return fail(err)
	}
	body, err := model.MarshalValue(portal)
	if err != nil {
		db.Close()
		return fail(err)
	}
	if _, err := db.Exec(`INSERT INTO project (id, name, portal, created_at) VALUES (1, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))`, name, string(body)); err != nil {
		db.Close()
		return fail(err)
	}
	s := &Store{db: db, path: path}
	if err := s.init(); err != nil {
		db.Close()
		return fail(err)
	}
	return s, nil
}

// inspect reads the file header without SQLite: the magic string and PRAGMA user_version
// (a big-endian int at offset 60), so a wrong or newer file is refused before anything opens it.
func inspect(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, errors.New("file does not exist")
		}
		return 0, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return 0, errors.New("is a directory")
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return 0, err
	}
	if n < 100 || !bytes.Equal(head[:16], []byte(sqliteMagic)) {
		return 0, ErrNotProject
	}
	return int(binary.BigEndian.Uint32(head[60:64])), nil
}

// precheck looks into the file read-only, without the WAL switch the working connection makes,
// so somebody else's database or a damaged one is refused untouched.
func precheck(path string) error {
	db, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var version, tables int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'project'`).Scan(&tables); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	if version == 0 || tables == 0 {
		return errors.New("an SQLite database without RoboDesk tables: not a RoboDesk project")
	}
	var check string
	if err := db.QueryRow(`PRAGMA quick_check(1)`).Scan(&check); err != nil {
		return fmt.Errorf("check file: %w", err)
	}
	if check != "ok" {
		return fmt.Errorf("file is damaged: %s", check)
	}
	return nil
}

// init migrates, checks the file is a RoboDesk project, prepares statements and loads it.
func (s *Store) init() error {
	if err := migrate(s.db); err != nil {
		return err
	}
	var name, portal string
	err := s.db.QueryRow(`SELECT name, portal FROM project WHERE id = 1`).Scan(&name, &portal)
	if errors.Is(err, sql.ErrNoRows) {
		return errors.New("no project record: not a RoboDesk project")
	}
	if err != nil {
		return fmt.Errorf("read project: %w", err)
	}
	s.name = name
	var p model.Portal
	if err := jsonUnmarshal([]byte(portal), &p); err != nil {
		return fmt.Errorf("read portal snapshot: %w", err)
	}
	if err := s.prepare(); err != nil {
		return err
	}
	return s.load(&p)
}

type migration struct {
	version int
	name    string
}

func migrationList() []migration {
	entries, _ := fs.ReadDir(migrations, "migrations")
	var out []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err == nil {
			out = append(out, migration{version: n, name: e.Name()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out
}

func latestVersion() int {
	ms := migrationList()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate runs each missing migration with its user_version bump in one transaction.
func migrate(db *sql.DB) error {
	var version int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > latestVersion() {
		return fmt.Errorf("schema version %d: %w", version, ErrNewer)
	}
	if version == 0 {
		// A non-empty SQLite file at version 0 is somebody else's database.
		var tables int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
			return fmt.Errorf("read schema: %w", err)
		}
		if tables > 0 {
			return errors.New("an SQLite database without RoboDesk tables: not a RoboDesk project")
		}
	}
	for _, m := range migrationList() {
		if m.version <= version {
			continue
		}
		body, err := migrations.ReadFile("migrations/" + m.name)
		if err != nil {
			return err
		}
		tx, err := db.Begin()
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// Close closes the file.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stmts.close()
	if s.writer != nil {
		s.writer.Close()
	}
	return s.db.Close()
}

// Path is the project file's path.
func (s *Store) Path() string { return s.path }

// Name is the project's name.
func (s *Store) Name() string { return s.name }

// Project is the in-memory project. Read it freely; change it only through Do, Undo and Redo.
func (s *Store) Project() *model.Project { return s.proj }
