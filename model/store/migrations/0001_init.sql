-- The project: one row with the portal snapshot the robots refer to.
CREATE TABLE project (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL DEFAULT '',
    portal     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Stage templates: what a stage carries besides robots (template ID, triggers).
CREATE TABLE stage (
    entity TEXT NOT NULL,
    status TEXT NOT NULL,
    meta   TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (entity, status)
) WITHOUT ROWID;

-- Robots: body is the ROBOTS entry exactly as Bitrix24 writes it; pos orders a stage.
CREATE TABLE robot (
    id     TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    status TEXT NOT NULL,
    pos    REAL NOT NULL,
    body   TEXT NOT NULL
);
CREATE INDEX robot_stage ON robot (entity, status, pos);

-- The edit journal: every change with the ops that undo it; undone rows are the redo stack.
CREATE TABLE journal (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    label   TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    count   INTEGER NOT NULL DEFAULT 0,
    do      TEXT NOT NULL,
    undo    TEXT NOT NULL,
    undone  INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE INDEX journal_state ON journal (undone, seq);

-- Small named documents of the project: sample records, sync base, settings.
CREATE TABLE doc (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
