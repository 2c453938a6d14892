-- communique archive, migration 6: curation, stable event ids, confidences.
--
-- Extraction and human judgement are kept apart. The extractor writes the
-- events as before; every act of a person (an edit, a deletion, a merge, a
-- note...) is a row of `curations` of its own, never a change in place of
-- what extraction found. The events table holds the view a reader gets:
-- what extraction found with the live curations applied over it, written
-- again whenever either side changes (store/store_curation.c), so every read
-- (timelines, every export, full-text search) sees the curated view at the
-- cost of a plain read. What extraction found for a curated event is kept in
-- `event_base`, so that an undo, or extraction telling it again, starts from
-- the machine's own values.
--
-- Events are never deleted any more: an event no report supports, or one a
-- person deleted or merged away, stays as a row with `gone` set. Its id is
-- therefore never reused, its curations keep a subject, an incremental export
-- can report it withdrawn, and a report telling it again brings it back
-- under the same id.

-- Bits: 1 no report supports it (withdrawn by a replacement or a
-- re-extraction), 2 a person deleted it, 4 a person merged it into merged_into.
ALTER TABLE events ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN merged_into INTEGER;
-- 0 found by extraction, 1 added by a person (never withdrawn for lack of a report).
ALTER TABLE events ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;
-- How sure extraction is, 0..1; NULL for events stored before confidences.
ALTER TABLE events ADD COLUMN confidence REAL;
-- 1 when a person marked it verified (kept for the --verified filters).
ALTER TABLE events ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
-- The live curations summed up for readers, as JSON: {"fields": [...],
-- "tags": [...], "notes": [{"text", "by", "at"}], "verified": {"by", "at"}};
-- NULL when no person touched the event.
ALTER TABLE events ADD COLUMN curation TEXT;

-- What extraction found for an event a person changed: the values the
-- curations are applied over. Actors and topics as JSON arrays.
CREATE TABLE event_base (
  event_id       INTEGER PRIMARY KEY,   -- events(id)
  party_key      TEXT NOT NULL,         -- as events.party_key: extraction finds the event by it
  type           TEXT NOT NULL,
  cameo          TEXT NOT NULL,
  status         INTEGER NOT NULL,
  date           TEXT NOT NULL,
  date_precision INTEGER NOT NULL,
  summary        TEXT NOT NULL,
  actors         TEXT NOT NULL,         -- [{"name", "code", "kind", "role", "title"}]
  topics         TEXT NOT NULL          -- ["name", ...]
);

-- One row for every act of a person. Never changed, except undone_by: an
-- undo is a curation of its own that names the one it undoes.
CREATE TABLE curations (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id  INTEGER NOT NULL,          -- the event acted on (kept when it is gone)
  action    TEXT NOT NULL,             -- add, edit, delete, restore, merge, split, verify,
                                       -- unverify, note, tag, untag, undo
  field     TEXT,                      -- edit: type, status, date, actors, topics, summary
  value     TEXT,                      -- JSON: the new value, or what the action needs
  reason    TEXT,                      -- why, as the person wrote it
  by        TEXT NOT NULL,
  at        INTEGER NOT NULL,          -- Unix seconds UTC
  undone_by INTEGER                    -- curations(id) of the undo, NULL while it applies
);
CREATE INDEX curations_by_event ON curations(event_id, id);
CREATE INDEX event_base_by_key ON event_base(party_key, date);
CREATE INDEX events_by_merged ON events(merged_into) WHERE merged_into IS NOT NULL;

-- Which extractor and dictionaries found a report's events: `reextract
-- --stale` redoes those found by another.
ALTER TABLE reports ADD COLUMN extracted_with TEXT;
-- What extraction needs besides the text, to run again on the stored report:
-- {"partial": "2015-09"} (ingest --date at month or year precision),
-- {"month": 9, "day": 25} (a dateline's day without a year).
ALTER TABLE reports ADD COLUMN hints TEXT;
-- The metadata a person set (report edit, or ingest --date / --agency on
-- a report already stored), as {"date": true, "agency": true, ...}: kept
-- over a later import of the same text that lacks it, and applied to a
-- corrected version of the report before its events are extracted.
ALTER TABLE reports ADD COLUMN fixed TEXT;
-- The warnings of the report's import, as a JSON array; NULL when none.
ALTER TABLE reports ADD COLUMN warnings TEXT;
-- SHA-256 of the normalised title, lede and body without the date: the same
-- text imported again with another date or agency corrects the stored
-- report instead of becoming a second copy. Filled for older reports at the
-- first open after this migration (store.c).
ALTER TABLE reports ADD COLUMN text_hash TEXT;
CREATE INDEX reports_by_text ON reports(text_hash);

-- Which events existed when a cursor last moved: in the next incremental
-- export an event above it is new, one at or below it changed.
ALTER TABLE export_cursors ADD COLUMN max_event INTEGER NOT NULL DEFAULT 0;
UPDATE export_cursors SET max_event =
  ifnull((SELECT max(event_id) FROM event_changes WHERE seq <= export_cursors.position), 0);

-- Withdrawals and curations renumber an event like any other change: the
-- change trigger already follows changed_at.
