-- communique archive, migration 3: faster bulk imports.
--
-- Full-text indexing may be deferred to the end of a batch. The store keeps
-- each report atomic with a savepoint, and FTS5 writes its pending index
-- data to disk at every savepoint: indexed row by row, a batch of reports
-- became hundreds of tiny index segments to merge. While a connection holds
-- a row in fts_deferred (inserted after BEGIN, deleted before COMMIT, so it
-- is never seen by anyone else), the insert triggers below leave the new
-- rows to that connection, which indexes them all at once before it
-- commits. Every other writer (the sqlite3 shell, an older communique) sees
-- the table empty and is indexed by the triggers as before. Deletes and
-- updates still go through the triggers unconditionally.
CREATE TABLE fts_deferred (
  id INTEGER PRIMARY KEY CHECK (id = 1)
);

DROP TRIGGER reports_fts_ai;
CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO reports_fts(rowid, title, lede, body) VALUES (new.id, new.title, new.lede, new.body);
END;

DROP TRIGGER events_fts_ai;
CREATE TRIGGER events_fts_ai AFTER INSERT ON events
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO events_fts(rowid, summary, evidence) VALUES (new.id, new.summary, new.evidence);
END;

-- The same event told again is found by its parties and a compatible date
-- (equal, or one narrowing the other): with the date in the index, that is
-- a few range probes instead of a walk over every event of the same parties.
CREATE INDEX events_by_party_date ON events(party_key, date);
DROP INDEX events_by_party_key;
