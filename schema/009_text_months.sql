-- communique archive, migration 9: full text of common words a page at a
-- time; actors by name whatever the case.
--
-- A page of a word found in thousands of events tested every entry of its
-- walk in timeline order against the set of all the word's matches, read
-- whole from the index first: 6 ms of CPU a page for `sanctions` in a
-- million events, 70 ms for `minister`, whichever page. The full-text index now has a third
-- column, ym, whose tokens name the event's year and month ('ym201701'
-- for 2017-01-15 and 2017-01, 'ym2017' for an event dated by its year
-- alone, 'ym' undated) and its whole date ('yd20170115', 'yd201701',
-- 'yd2017', 'yd'), so that a page asks FTS5 for the matches of one month
-- at a time (its first dates one by one), in timeline order, and stops at
-- the page's end (store_timeline_each). Searches name the text columns
-- ({summary evidence}), never ym.
--
-- The index's content is the view events_text (the rows of events with
-- their token), so that FTS5 reads the token as it reads the text: when
-- the index is built again and when it is checked. Its writers give the
-- token from the date: the triggers below (a date that changes its month
-- moves the event in the index) and the store's deferred indexing of a
-- batch (store.c).
-- Built again once, on the first open that can write (a million events:
-- 8 s).
CREATE VIEW events_text AS
  SELECT id, summary, evidence, 'ym' || replace(substr(date, 1, 7), '-', '') || ' yd' || replace(date, '-', '') AS ym
  FROM events;

DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
  summary, evidence, ym, content='events_text', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', columnsize=0);
INSERT INTO events_fts(events_fts) VALUES ('rebuild');

DROP TRIGGER events_ai;
CREATE TRIGGER events_ai AFTER INSERT ON events
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO events_fts(rowid, summary, evidence, ym)
    VALUES (new.id, new.summary, new.evidence, 'ym' || replace(substr(new.date, 1, 7), '-', '') || ' yd' || replace(new.date, '-', ''));
  UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT OR REPLACE INTO event_changes(event_id, seq)
    VALUES (new.id, (SELECT seq FROM change_counter WHERE id = 1));
END;
-- A batch (fts_deferred's row held) indexes its new events itself at its
-- end: a delete or a change before then finds an event that is not in the
-- index yet, and leaves it to the batch (which indexes what the row is
-- then: taken out and put in by the trigger too, it would be in twice);
-- an event indexed before is taken out under its month's token and put
-- back. Outside a batch every event is in the index.
DROP TRIGGER events_fts_ad;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events
  WHEN NOT EXISTS (SELECT 1 FROM fts_deferred)
    OR EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH
               'ym : "ym' || replace(replace(substr(old.date, 1, 7), '-', ''), '"', '""') || '"' AND rowid = old.id)
BEGIN
  INSERT INTO events_fts(events_fts, rowid, summary, evidence, ym)
    VALUES ('delete', old.id, old.summary, old.evidence, 'ym' || replace(substr(old.date, 1, 7), '-', '') || ' yd' || replace(old.date, '-', ''));
END;
-- A new date moves the event.
DROP TRIGGER events_fts_au;
CREATE TRIGGER events_fts_au AFTER UPDATE OF summary, evidence, date ON events
  WHEN (new.summary IS NOT old.summary OR new.evidence IS NOT old.evidence
        OR new.date IS NOT old.date)
   AND (NOT EXISTS (SELECT 1 FROM fts_deferred)
        OR EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH
                   'ym : "ym' || replace(replace(substr(old.date, 1, 7), '-', ''), '"', '""') || '"' AND rowid = old.id))
BEGIN
  INSERT INTO events_fts(events_fts, rowid, summary, evidence, ym)
    VALUES ('delete', old.id, old.summary, old.evidence, 'ym' || replace(substr(old.date, 1, 7), '-', '') || ' yd' || replace(old.date, '-', ''));
  INSERT INTO events_fts(rowid, summary, evidence, ym)
    VALUES (new.id, new.summary, new.evidence, 'ym' || replace(substr(new.date, 1, 7), '-', '') || ' yd' || replace(new.date, '-', ''));
END;

-- Actors by name and code whatever their case: every page of an actor
-- filter finds the actor's ids (ACTOR_IDS, store_events.c) and asks whether
-- it is known (store_actor_known) by `name = ? COLLATE NOCASE` and `code =
-- ? COLLATE NOCASE`, which the index of (name, code) and actors_by_code
-- (both in SQLite's own order) cannot answer: SQLite built an automatic
-- index of actors for each page, or read them all.
CREATE INDEX actors_by_name_nocase ON actors(name COLLATE NOCASE);
CREATE INDEX actors_by_code_nocase ON actors(code COLLATE NOCASE);
