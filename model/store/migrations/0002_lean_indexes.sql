-- A commit writes fewer pages without these indexes. Robots are always read whole and ordered
-- in memory, so robot_stage served no query; and the journal's done entries always precede its
-- undone ones (undo takes the last done, redo the first undone, an edit drops every undone), so
-- the journal is searched by seq alone.
DROP INDEX robot_stage;
DROP INDEX journal_state;
