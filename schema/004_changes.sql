-- communique archive, migration 4: the change log kept by the importer.
--
-- Numbering every event write through a trigger (an UPDATE of the counter
-- and an INSERT into event_changes per event) was a fifth of the cost of
-- storing events. While a connection holds the row of fts_deferred (only
-- inside its own batch, see migration 3), it now numbers the events it
-- writes itself: in the order it wrote them, above the counter it read
-- after taking the write lock, all at once before it commits. Every other
-- writer sees fts_deferred empty and is indexed and numbered by the
-- triggers as before; one insert trigger instead of two checks fts_deferred
-- once a row.
DROP TRIGGER events_fts_ai;
DROP TRIGGER events_change_ai;
CREATE TRIGGER events_ai AFTER INSERT ON events
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO events_fts(rowid, summary, evidence) VALUES (new.id, new.summary, new.evidence);
  UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT OR REPLACE INTO event_changes(event_id, seq)
    VALUES (new.id, (SELECT seq FROM change_counter WHERE id = 1));
END;
DROP TRIGGER events_change_au;
CREATE TRIGGER events_change_au AFTER UPDATE OF changed_at ON events
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT OR REPLACE INTO event_changes(event_id, seq)
    VALUES (new.id, (SELECT seq FROM change_counter WHERE id = 1));
END;

-- Incremental exports select by change number (event_changes_by_seq); no
-- query looks events up by their time of change any more.
DROP INDEX events_by_changed;
