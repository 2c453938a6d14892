-- communique archive, migration 1: reports, events, actors, topics, runs.
-- Times are Unix seconds (UTC). Dates of events are ISO strings truncated to
-- their precision ('2015-01-06', '2015-01', '2015'), with the precision kept
-- apart (0 unknown, 1 year, 2 season, 3 month, 4 day: util/cdate.h).

CREATE TABLE agencies (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE
);

CREATE TABLE reports (
  id              INTEGER PRIMARY KEY,
  agency_id       INTEGER REFERENCES agencies(id),
  title           TEXT,
  place           TEXT,              -- dateline place
  published       INTEGER,           -- UTC; NULL when unknown
  published_known INTEGER NOT NULL DEFAULT 0,  -- 0 none, 1 day only, 2 exact time
  tz_offset       INTEGER,           -- minutes east of UTC, as written
  published_text  TEXT,              -- the timestamp as written
  lede            TEXT,
  body            TEXT NOT NULL,
  url             TEXT,
  guid            TEXT,
  author          TEXT,
  format          TEXT NOT NULL,
  summary_only    INTEGER NOT NULL DEFAULT 0,
  source_path     TEXT,
  content_hash    TEXT NOT NULL,     -- SHA-256 of the normalised title and body
  identity_key    TEXT NOT NULL,     -- agency, normalised title and time: finds corrected versions
  imported_at     INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX reports_by_hash ON reports(content_hash);
CREATE INDEX reports_by_url ON reports(url) WHERE url IS NOT NULL;
CREATE INDEX reports_by_guid ON reports(guid) WHERE guid IS NOT NULL;
CREATE INDEX reports_by_identity ON reports(identity_key);
CREATE INDEX reports_by_published ON reports(published);

CREATE VIRTUAL TABLE reports_fts USING fts5(
  title, lede, body, content='reports', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN
  INSERT INTO reports_fts(rowid, title, lede, body) VALUES (new.id, new.title, new.lede, new.body);
END;
CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN
  INSERT INTO reports_fts(reports_fts, rowid, title, lede, body) VALUES ('delete', old.id, old.title, old.lede, old.body);
END;
CREATE TRIGGER reports_fts_au AFTER UPDATE OF title, lede, body ON reports BEGIN
  INSERT INTO reports_fts(reports_fts, rowid, title, lede, body) VALUES ('delete', old.id, old.title, old.lede, old.body);
  INSERT INTO reports_fts(rowid, title, lede, body) VALUES (new.id, new.title, new.lede, new.body);
END;

CREATE TABLE actors (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  code  TEXT NOT NULL DEFAULT '',    -- ISO alpha-3 of its state, or an organisation code; '' none
  kind  INTEGER NOT NULL,            -- 0 state, 1 organisation, 2 person, 3 group
  UNIQUE (name, code)
);
CREATE INDEX actors_by_code ON actors(code);

CREATE TABLE actor_aliases (
  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  alias    TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (alias, actor_id)
) WITHOUT ROWID;

CREATE TABLE actor_roles (
  actor_id   INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  role       TEXT NOT NULL,          -- foreign_minister, head_of_state, ...
  title      TEXT NOT NULL,          -- "Secretary of State"
  state      TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL DEFAULT '',
  valid_to   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (actor_id, role, valid_from)
) WITHOUT ROWID;

CREATE TABLE topics (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE,
  kind  TEXT NOT NULL DEFAULT 'topic'  -- 'topic' from the dictionary, 'named' for a named thing
);

CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  type           TEXT NOT NULL,
  cameo          TEXT NOT NULL,
  status         INTEGER NOT NULL,     -- 0 occurred, 1 planned, 2 negated
  date           TEXT NOT NULL DEFAULT '',
  date_precision INTEGER NOT NULL DEFAULT 0,
  party_key      TEXT NOT NULL,        -- type, status and sorted party codes: finds the same event again
  summary        TEXT NOT NULL,
  evidence       TEXT NOT NULL DEFAULT '',
  added_at       INTEGER NOT NULL,
  changed_at     INTEGER NOT NULL
);
CREATE INDEX events_by_date ON events(date, id);
CREATE INDEX events_by_party_key ON events(party_key);
CREATE INDEX events_by_changed ON events(changed_at);

CREATE TABLE event_actors (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES actors(id),
  role     INTEGER NOT NULL,           -- 0 source, 1 target, 2 participant
  title    TEXT,
  PRIMARY KEY (event_id, seq)
) WITHOUT ROWID;
CREATE INDEX event_actors_by_actor ON event_actors(actor_id);

CREATE TABLE event_topics (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  topic_id INTEGER NOT NULL REFERENCES topics(id),
  PRIMARY KEY (event_id, topic_id)
) WITHOUT ROWID;
CREATE INDEX event_topics_by_topic ON event_topics(topic_id);

CREATE TABLE event_reports (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  evidence TEXT NOT NULL DEFAULT '',
  ev_start INTEGER,
  ev_end   INTEGER,
  PRIMARY KEY (event_id, report_id)
) WITHOUT ROWID;
CREATE INDEX event_reports_by_report ON event_reports(report_id);

CREATE VIRTUAL TABLE events_fts USING fts5(
  summary, evidence, content='events', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
  INSERT INTO events_fts(rowid, summary, evidence) VALUES (new.id, new.summary, new.evidence);
END;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
  INSERT INTO events_fts(events_fts, rowid, summary, evidence) VALUES ('delete', old.id, old.summary, old.evidence);
END;
CREATE TRIGGER events_fts_au AFTER UPDATE OF summary, evidence ON events BEGIN
  INSERT INTO events_fts(events_fts, rowid, summary, evidence) VALUES ('delete', old.id, old.summary, old.evidence);
  INSERT INTO events_fts(rowid, summary, evidence) VALUES (new.id, new.summary, new.evidence);
END;

CREATE TABLE import_runs (
  id         INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  ended_at   INTEGER,
  command    TEXT NOT NULL,
  imported   INTEGER NOT NULL DEFAULT 0,
  unchanged  INTEGER NOT NULL DEFAULT 0,
  replaced   INTEGER NOT NULL DEFAULT 0,
  failed     INTEGER NOT NULL DEFAULT 0
);
