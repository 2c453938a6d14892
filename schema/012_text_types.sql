-- communique archive, migration 12: a common word with types found by the
-- full-text index.
--
-- A page of a common word goes month by month (migration 9) and tests each
-- match's row for the other filters. With types that the word's events
-- seldom have (`sanctions` with meeting and visit: 55 of its 43,000
-- matches in a million events, all in 2017) a page read the rows of every
-- match before them: 78 ms. The index's ym column now also holds a token
-- of the event's type, 'ty' and the hexadecimal of its bytes ('ty6D656574'
-- ... for 'meeting': any type, one token, found only by its own), so that
-- FTS5 counts the word's matches of the types without reading a row
-- (`sanctions` with the two: 5 ms); when they are few they are read and
-- sorted as a rare word's are, otherwise the page goes month by month as
-- before (store_events.c, store_timeline_each).
--
-- The view and the triggers of migration 9 with the token; an event whose
-- type changes moves in the index. Built again once, on the first open
-- that can write (a million events: 6 s).
DROP VIEW events_text;
CREATE VIEW events_text AS
  SELECT id, summary, evidence,
    'ym' || replace(substr(date, 1, 7), '-', '') || ' yd' || replace(date, '-', '') || ' ty' || hex(type) AS ym
  FROM events;
INSERT INTO events_fts(events_fts) VALUES ('rebuild');

DROP TRIGGER events_ai;
CREATE TRIGGER events_ai AFTER INSERT ON events
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO events_fts(rowid, summary, evidence, ym)
    VALUES (new.id, new.summary, new.evidence,
            'ym' || replace(substr(new.date, 1, 7), '-', '') || ' yd' || replace(new.date, '-', '') || ' ty' || hex(new.type));
  UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT OR REPLACE INTO event_changes(event_id, seq)
    VALUES (new.id, (SELECT seq FROM change_counter WHERE id = 1));
END;
-- As in migration 9: an event a batch has not indexed yet is left to it.
DROP TRIGGER events_fts_ad;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events
  WHEN NOT EXISTS (SELECT 1 FROM fts_deferred)
    OR EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH
               'ym : "ym' || replace(replace(substr(old.date, 1, 7), '-', ''), '"', '""') || '"' AND rowid = old.id)
BEGIN
  INSERT INTO events_fts(events_fts, rowid, summary, evidence, ym)
    VALUES ('delete', old.id, old.summary, old.evidence,
            'ym' || replace(substr(old.date, 1, 7), '-', '') || ' yd' || replace(old.date, '-', '') || ' ty' || hex(old.type));
END;
-- A new date or type moves the event.
DROP TRIGGER events_fts_au;
CREATE TRIGGER events_fts_au AFTER UPDATE OF summary, evidence, date, type ON events
  WHEN (new.summary IS NOT old.summary OR new.evidence IS NOT old.evidence
        OR new.date IS NOT old.date OR new.type IS NOT old.type)
   AND (NOT EXISTS (SELECT 1 FROM fts_deferred)
        OR EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH
                   'ym : "ym' || replace(replace(substr(old.date, 1, 7), '-', ''), '"', '""') || '"' AND rowid = old.id))
BEGIN
  INSERT INTO events_fts(events_fts, rowid, summary, evidence, ym)
    VALUES ('delete', old.id, old.summary, old.evidence,
            'ym' || replace(substr(old.date, 1, 7), '-', '') || ' yd' || replace(old.date, '-', '') || ' ty' || hex(old.type));
  INSERT INTO events_fts(rowid, summary, evidence, ym)
    VALUES (new.id, new.summary, new.evidence,
            'ym' || replace(substr(new.date, 1, 7), '-', '') || ' yd' || replace(new.date, '-', '') || ' ty' || hex(new.type));
END;
