-- communique archive, migration 2: what the scheduled update remembers.
-- The state of every source (files seen, feeds' validators), the record of
-- each run per source, and export cursors with the change sequence they
-- follow. Times are Unix seconds (UTC).

-- One row per file of a dir source (or a feed read from a file). Written in
-- the same transaction as the file's reports, so a killed update never
-- leaves a report without its file state or a file state without its reports.
CREATE TABLE source_files (
  source   TEXT NOT NULL,              -- the section name in the sources file
  path     TEXT NOT NULL,              -- as walked: the source's path joined with the file's relative path
  size     INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,           -- modification time, nanoseconds since 1970
  hash     TEXT NOT NULL,              -- SHA-256 of the file's bytes
  status   INTEGER NOT NULL DEFAULT 0, -- 0 every report went in, 1 some could not be read
  seen_at  INTEGER NOT NULL,
  PRIMARY KEY (source, path)
) WITHOUT ROWID;

-- The HTTP validators and body hash of a feed's last complete read.
CREATE TABLE source_feeds (
  source        TEXT PRIMARY KEY,
  url           TEXT NOT NULL,         -- the validators are only sent to this URL
  etag          TEXT,
  last_modified TEXT,
  hash          TEXT,                  -- SHA-256 of the body
  fetched_at    INTEGER NOT NULL
);

-- NULL while a run goes on, and for ever when it was killed.
ALTER TABLE import_runs ADD COLUMN exit_code INTEGER;

CREATE TABLE run_sources (
  id        INTEGER PRIMARY KEY,       -- the order sources were visited in
  run_id    INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
  source    TEXT NOT NULL,
  status    TEXT NOT NULL,             -- ok, partial, failed, not modified
  imported  INTEGER NOT NULL DEFAULT 0,
  replaced  INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  failed    INTEGER NOT NULL DEFAULT 0,
  errors    TEXT NOT NULL DEFAULT '',  -- one message a line
  UNIQUE (run_id, source)
);

-- Every write to an event takes the next number of one counter, so "events
-- changed since mark M" is exact even when an update commits, long after it
-- began, events stamped with its start time. Writers are serialised by
-- SQLite: a transaction that commits after a reader took its snapshot always
-- numbers its changes above everything that reader can see.
CREATE TABLE change_counter (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
);
CREATE TABLE event_changes (
  event_id INTEGER PRIMARY KEY,        -- events(id); kept by the triggers below
  seq      INTEGER NOT NULL
);
CREATE INDEX event_changes_by_seq ON event_changes(seq);

INSERT INTO change_counter(id, seq) VALUES (1, 0);
INSERT INTO event_changes(event_id, seq)
  SELECT id, row_number() OVER (ORDER BY changed_at, id) FROM events;
UPDATE change_counter SET seq = (SELECT count(*) FROM events) WHERE id = 1;

CREATE TRIGGER events_change_ai AFTER INSERT ON events BEGIN
  UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT OR REPLACE INTO event_changes(event_id, seq)
    VALUES (new.id, (SELECT seq FROM change_counter WHERE id = 1));
END;
CREATE TRIGGER events_change_au AFTER UPDATE OF changed_at ON events BEGIN
  UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT OR REPLACE INTO event_changes(event_id, seq)
    VALUES (new.id, (SELECT seq FROM change_counter WHERE id = 1));
END;
CREATE TRIGGER events_change_ad AFTER DELETE ON events BEGIN
  DELETE FROM event_changes WHERE event_id = old.id;
END;

-- Where each incremental export stopped.
CREATE TABLE export_cursors (
  name     TEXT PRIMARY KEY,
  position INTEGER NOT NULL,           -- the change_counter value the last export covered
  used_at  INTEGER NOT NULL,
  exported INTEGER NOT NULL DEFAULT 0, -- events written the last time
  total    INTEGER NOT NULL DEFAULT 0, -- events written through this cursor
  format   TEXT,
  output   TEXT                        -- the file written, NULL for standard output
);
