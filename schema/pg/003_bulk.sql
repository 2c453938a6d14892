-- communique archive on PostgreSQL, migration 3: faster bulk imports
-- (schema/003_bulk.sql).
--
-- fts_deferred is kept with the same meaning: while a connection holds its
-- row (inserted after BEGIN, deleted before COMMIT, never seen by another
-- transaction), the triggers leave that connection's new rows to it. Its
-- primary key also serialises batches: a second writer's insert of the row
-- waits until the first one's transaction ends, as SQLite's write lock does.
-- The full-text index needs no deferring here (GIN gathers new entries in
-- its pending list and merges them in bulk), so only the change numbering
-- looks at the table, from migration 4.
CREATE TABLE fts_deferred (
  id integer PRIMARY KEY CHECK (id = 1)
);

CREATE INDEX events_by_party_date ON events(party_key, date);
DROP INDEX events_by_party_key;
