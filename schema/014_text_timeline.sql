-- communique archive, migration 14: the full-text index of events in
-- timeline order.
--
-- A page of a word went month by month (migration 9), FTS5 asked for the
-- word and each month's token: its AND leapfrogged the month's doclist
-- against the word's, and FTS5's rowids were the event ids, in import
-- order, so a month cost about as many seeks as it had events, matches or
-- not (`talks AND minister`, 11 matches among the 18,656 events of 2014:
-- 12-26 ms a page). The index's rowid is now the event's place on the
-- timeline, a key: its date as a number that keeps the order of the date
-- strings ('2017' 20170000, '2017-01' 20170100, '2017-01-15' 20170115,
-- undated 100000000, after every date) shifted 32 bits, or'ed with its id,
-- so that key order is the timeline's (date, then id; undated last, by
-- id) and id = key & 0xffffffff. A page is one walk of FTS5's matches in
-- rowid order within the page's range of keys (store_events.c,
-- text_walk): it costs about its matches.
--
-- An event whose key would not keep that order takes -id (or, at or below
-- id 0, id - 2^62 - 1), below every key, and the token 'yx' in the ym
-- column: an id outside 1 .. 2^32 - 1, or a date not of the forms above
-- (written from outside: '2017-1-5', '2017-00', NULL). While any event is
-- so marked, pages of words read and sort their matches as a rare word's
-- are (slower, never wrong), and `communique check` says why.
--
-- The ym column keeps the type's token of migration 12 ('ty' and the
-- hexadecimal of its bytes: a common word's matches of rare types counted
-- and read without rows); the month and date tokens of migration 9 go.
-- The view events_text gives the key (k), the event's id, the text and
-- the tokens, so that FTS5's rebuild and integrity check read what its
-- writers give: the triggers below (a new date, type or id moves the
-- event) and the store's deferred indexing of a batch (store.c).
-- Built again once, on the first open that can write.
DROP VIEW events_text;
CREATE VIEW events_text AS
  SELECT k, id, summary, evidence, 'ty' || hex(type) || CASE WHEN k < 0 THEN ' yx' ELSE '' END AS ym
  FROM (SELECT id, summary, evidence, type,
    CASE WHEN id BETWEEN 1 AND 4294967295 AND (date = '' OR date GLOB '[0-9][0-9][0-9][0-9]'
           OR (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(date, 6, 2) <> '00')
           OR (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND substr(date, 6, 2) <> '00'
               AND substr(date, 9, 2) <> '00'))
      THEN (CASE WHEN date = '' THEN 100000000
                 ELSE CAST(substr(replace(date, '-', '') || '0000', 1, 8) AS INTEGER) END << 32) | id
      WHEN id > 0 THEN -id ELSE id - 4611686018427387905 END AS k
  FROM events);

DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
  summary, evidence, ym, content='events_text', content_rowid='k',
  tokenize='unicode61 remove_diacritics 2', columnsize=0);
INSERT INTO events_fts(events_fts) VALUES ('rebuild');

-- The triggers give the key and the tokens of the new or old row by the
-- view's expression, written out (the view reads the table, where the old
-- row is no more).
DROP TRIGGER events_ai;
CREATE TRIGGER events_ai AFTER INSERT ON events
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
  INSERT INTO events_fts(rowid, summary, evidence, ym)
    SELECT k, new.summary, new.evidence, 'ty' || hex(new.type) || CASE WHEN k < 0 THEN ' yx' ELSE '' END
    FROM (SELECT CASE WHEN new.id BETWEEN 1 AND 4294967295 AND (new.date = ''
         OR new.date GLOB '[0-9][0-9][0-9][0-9]'
         OR (new.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(new.date, 6, 2) <> '00')
         OR (new.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND substr(new.date, 6, 2) <> '00'
             AND substr(new.date, 9, 2) <> '00'))
       THEN (CASE WHEN new.date = '' THEN 100000000
                  ELSE CAST(substr(replace(new.date, '-', '') || '0000', 1, 8) AS INTEGER) END << 32) | new.id
       WHEN new.id > 0 THEN -new.id ELSE new.id - 4611686018427387905 END AS k);
  UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT OR REPLACE INTO event_changes(event_id, seq)
    VALUES (new.id, (SELECT seq FROM change_counter WHERE id = 1));
END;
-- As in migration 9: in a batch, an event not indexed yet (not under its
-- key with its type's token) is left to the batch's indexing at its end.
DROP TRIGGER events_fts_ad;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events
  WHEN (NOT EXISTS (SELECT 1 FROM fts_deferred)
        OR EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH 'ym : "ty' || hex(old.type) || '"'
                   AND rowid = (CASE WHEN old.id BETWEEN 1 AND 4294967295 AND (old.date = ''
         OR old.date GLOB '[0-9][0-9][0-9][0-9]'
         OR (old.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(old.date, 6, 2) <> '00')
         OR (old.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND substr(old.date, 6, 2) <> '00'
             AND substr(old.date, 9, 2) <> '00'))
       THEN (CASE WHEN old.date = '' THEN 100000000
                  ELSE CAST(substr(replace(old.date, '-', '') || '0000', 1, 8) AS INTEGER) END << 32) | old.id
       WHEN old.id > 0 THEN -old.id ELSE old.id - 4611686018427387905 END)))
BEGIN
  INSERT INTO events_fts(events_fts, rowid, summary, evidence, ym)
    SELECT 'delete', k, old.summary, old.evidence, 'ty' || hex(old.type) || CASE WHEN k < 0 THEN ' yx' ELSE '' END
    FROM (SELECT CASE WHEN old.id BETWEEN 1 AND 4294967295 AND (old.date = ''
         OR old.date GLOB '[0-9][0-9][0-9][0-9]'
         OR (old.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(old.date, 6, 2) <> '00')
         OR (old.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND substr(old.date, 6, 2) <> '00'
             AND substr(old.date, 9, 2) <> '00'))
       THEN (CASE WHEN old.date = '' THEN 100000000
                  ELSE CAST(substr(replace(old.date, '-', '') || '0000', 1, 8) AS INTEGER) END << 32) | old.id
       WHEN old.id > 0 THEN -old.id ELSE old.id - 4611686018427387905 END AS k);
END;
-- A new text, date, type or id moves the event: out under its old key, in
-- under its new one.
DROP TRIGGER events_fts_au;
CREATE TRIGGER events_fts_au AFTER UPDATE OF id, summary, evidence, date, type ON events
  WHEN (new.id IS NOT old.id OR new.summary IS NOT old.summary OR new.evidence IS NOT old.evidence
        OR new.date IS NOT old.date OR new.type IS NOT old.type)
   AND (NOT EXISTS (SELECT 1 FROM fts_deferred)
        OR EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH 'ym : "ty' || hex(old.type) || '"'
                   AND rowid = (CASE WHEN old.id BETWEEN 1 AND 4294967295 AND (old.date = ''
         OR old.date GLOB '[0-9][0-9][0-9][0-9]'
         OR (old.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(old.date, 6, 2) <> '00')
         OR (old.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND substr(old.date, 6, 2) <> '00'
             AND substr(old.date, 9, 2) <> '00'))
       THEN (CASE WHEN old.date = '' THEN 100000000
                  ELSE CAST(substr(replace(old.date, '-', '') || '0000', 1, 8) AS INTEGER) END << 32) | old.id
       WHEN old.id > 0 THEN -old.id ELSE old.id - 4611686018427387905 END)))
BEGIN
  INSERT INTO events_fts(events_fts, rowid, summary, evidence, ym)
    SELECT 'delete', k, old.summary, old.evidence, 'ty' || hex(old.type) || CASE WHEN k < 0 THEN ' yx' ELSE '' END
    FROM (SELECT CASE WHEN old.id BETWEEN 1 AND 4294967295 AND (old.date = ''
         OR old.date GLOB '[0-9][0-9][0-9][0-9]'
         OR (old.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(old.date, 6, 2) <> '00')
         OR (old.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND substr(old.date, 6, 2) <> '00'
             AND substr(old.date, 9, 2) <> '00'))
       THEN (CASE WHEN old.date = '' THEN 100000000
                  ELSE CAST(substr(replace(old.date, '-', '') || '0000', 1, 8) AS INTEGER) END << 32) | old.id
       WHEN old.id > 0 THEN -old.id ELSE old.id - 4611686018427387905 END AS k);
  INSERT INTO events_fts(rowid, summary, evidence, ym)
    SELECT k, new.summary, new.evidence, 'ty' || hex(new.type) || CASE WHEN k < 0 THEN ' yx' ELSE '' END
    FROM (SELECT CASE WHEN new.id BETWEEN 1 AND 4294967295 AND (new.date = ''
         OR new.date GLOB '[0-9][0-9][0-9][0-9]'
         OR (new.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(new.date, 6, 2) <> '00')
         OR (new.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND substr(new.date, 6, 2) <> '00'
             AND substr(new.date, 9, 2) <> '00'))
       THEN (CASE WHEN new.date = '' THEN 100000000
                  ELSE CAST(substr(replace(new.date, '-', '') || '0000', 1, 8) AS INTEGER) END << 32) | new.id
       WHEN new.id > 0 THEN -new.id ELSE new.id - 4611686018427387905 END AS k);
END;
