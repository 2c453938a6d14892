-- communique archive, migration 11: a busy actor's page filtered by type or
-- status without reading the events' rows.
--
-- From migration 8 a busy actor's page walks event_actors(actor_id, date,
-- event_id) in timeline order, but every filter tested each candidate's
-- events row: the statuses (every page has them), withdrawn events, and the
-- types. A page of an actor with three types read some 1,500 rows scattered
-- over the file (4 ms of a 4.5 ms page on a million events). With the
-- event's type, status and gone beside each of its actors, in the index
-- after the walk's own columns, the walk reads the index alone and a row
-- only for the page's events (store_events.c, actor_arms).
--
-- The values are the event's own, kept by the triggers of migration 8 made
-- wider: whatever writes the rows (the store's batch, a curation's new
-- actors, `communique copy`) and whatever changes the event (an edit of its
-- type or status, a withdrawal, a deletion or merge, re-extraction, SQL
-- from outside).
ALTER TABLE event_actors ADD COLUMN type TEXT NOT NULL DEFAULT '';
ALTER TABLE event_actors ADD COLUMN status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_actors ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;
-- A row of no event (written or left with foreign keys off) is gone (-1):
-- the walk, which reads no events row, never takes it.
UPDATE event_actors SET (type, status, gone) =
  (SELECT coalesce(max(type), ''), coalesce(max(status), 0), coalesce(max(gone), -1)
   FROM events WHERE id = event_id);
DROP INDEX event_actors_by_actor_date;
CREATE INDEX event_actors_by_actor_date ON event_actors(actor_id, date, event_id, type, status, gone);
-- A row written without its event's values (or with others) takes them (a
-- missing event, with foreign keys off, gives '', '', 0 and gone -1).
DROP TRIGGER event_actors_date_ai;
CREATE TRIGGER event_actors_date_ai AFTER INSERT ON event_actors
  WHEN NOT EXISTS (SELECT 1 FROM events WHERE id = new.event_id AND date IS new.date
                   AND type IS new.type AND status IS new.status AND gone IS new.gone)
BEGIN
  UPDATE event_actors SET (date, type, status, gone) =
    (SELECT coalesce(max(date), ''), coalesce(max(type), ''), coalesce(max(status), 0), coalesce(max(gone), -1)
     FROM events WHERE id = new.event_id)
    WHERE event_id = new.event_id AND seq = new.seq;
END;
-- An event whose date, type, status or gone changes: its actors' rows too.
DROP TRIGGER events_date_au;
CREATE TRIGGER events_date_au AFTER UPDATE OF date, type, status, gone ON events
  WHEN new.date IS NOT old.date OR new.type IS NOT old.type OR new.status IS NOT old.status
    OR new.gone IS NOT old.gone
BEGIN
  UPDATE event_actors SET date = new.date, type = new.type, status = new.status, gone = new.gone
    WHERE event_id = new.id;
END;
-- An event deleted with foreign keys off (SQL from outside the store) takes
-- its actors' rows with it, as ON DELETE CASCADE does when they are on.
CREATE TRIGGER events_actors_ad AFTER DELETE ON events
BEGIN
  DELETE FROM event_actors WHERE event_id = old.id;
END;
